import type { ClockView } from '@contract/foi';
import { Tag } from 'antd';

const STATUS: Record<ClockView['status'], { color: string; text: string }> = {
  // The status presets the guarantee board uses (their contrast passes WCAG AA).
  running: { color: 'processing', text: '办理中' },
  paused: { color: 'default', text: '计时暂停' },
  due_soon: { color: 'warning', text: '即将到期' },
  overdue: { color: 'error', text: '已超期' },
  done: { color: 'success', text: '已办结' },
};

/** The clock as words and colour (the colour is never the only signal). */
export function ClockTag({ clock }: { clock: ClockView }) {
  const s = STATUS[clock.status];
  const left =
    clock.workdaysLeft === null
      ? ''
      : clock.workdaysLeft >= 0
        ? `，剩 ${clock.workdaysLeft} 个工作日`
        : `，超期 ${-clock.workdaysLeft} 个工作日`;
  return (
    <Tag color={s.color}>
      {s.text}
      {clock.status !== 'done' && clock.status !== 'paused' ? left : ''}
    </Tag>
  );
}
