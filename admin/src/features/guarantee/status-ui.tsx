import { Tag } from 'antd';
import { GUARANTEE_STATUS_LABELS, INDICATOR_LEVEL_LABELS } from '../../lib/labels';

const STATUS_COLORS: Record<string, string> = {
  met: 'success',
  due_soon: 'warning',
  breached: 'error',
  not_in_force: 'default',
};
const LEVEL_COLORS: Record<string, string> = {
  ok: 'success',
  warning: 'warning',
  veto: 'error',
  not_applicable: 'default',
};

/** Red, amber or green, always with its word (colour alone says nothing to some readers). */
export function GStatusTag({ status }: { status: string }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status}>
      <span className={`status-dot status-${status}`} aria-hidden />
      {GUARANTEE_STATUS_LABELS[status] ?? status}
    </Tag>
  );
}

export function LevelTag({ level }: { level: string }) {
  return <Tag color={LEVEL_COLORS[level]}>{INDICATOR_LEVEL_LABELS[level] ?? level}</Tag>;
}
