import { Empty, Tag, Timeline } from 'antd';
import type { ReviewHistory } from '@contract/review';
import { SUBMISSION_CHANNEL_LABELS } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { shortHash } from './review-logic';

// Timeline dots take Ant Design's named colours; tags take the theme's status colours, which keep
// their text readable (the named tag colours fall below the AA contrast ratio).
const ACTION_COLORS: Record<string, string> = {
  approve: 'green',
  return: 'orange',
  reject: 'red',
  withdraw: 'red',
  emergency_publish: 'red',
  publish: 'blue',
  invalidated: 'orange',
};
const ACTION_TAGS: Record<string, string> = {
  approve: 'success',
  return: 'warning',
  reject: 'error',
  withdraw: 'error',
  emergency_publish: 'error',
  publish: 'processing',
  invalidated: 'warning',
};

/** Every transition of every review of the item: who, when, what, their opinion, and the revision it was about. */
export function ReviewHistoryList({ history }: { history: ReviewHistory }) {
  if (!history.flows.length) return <Empty description="还没有审核记录" />;
  const flows = [...history.flows].reverse();
  return (
    <>
      {flows.map((f, i) => (
        <section key={f.id} aria-label={`第 ${flows.length - i} 次审核`}>
          <h3 className="field-heading">
            第 {flows.length - i} 次审核（{SUBMISSION_CHANNEL_LABELS[f.channel] ?? f.channel}
            {f.retrospective ? '，紧急发布事后审核' : ''}）
          </h3>
          <Timeline
            items={[...f.actions].reverse().map((a, k) => ({
              key: k,
              color: ACTION_COLORS[a.action] ?? 'gray',
              content: (
                <div className="history-entry">
                  <div>
                    <Tag color={ACTION_TAGS[a.action]}>{a.actionLabel}</Tag>
                    <strong>{a.actor}</strong>（{a.stepName || '—'}）
                    <span className="muted"> {formatDateTime(a.at)}</span>
                  </div>
                  {a.opinion && (
                    <div className="explanation">
                      {a.action === 'return' || a.action === 'reject' ? '理由' : '意见'}：{a.opinion}
                    </div>
                  )}
                  <div className="muted">
                    第 {a.revision} 版，
                    <span className="hash" title={`SHA-256 ${a.revisionHash}`}>
                      SHA-256 {shortHash(a.revisionHash)}…
                    </span>
                    {a.ip ? `，${a.ip}` : ''}
                  </div>
                </div>
              ),
            }))}
          />
        </section>
      ))}
    </>
  );
}
