import { Alert, Space, Steps, Tag } from 'antd';
import type { ReviewHistory } from '@contract/review';
import { STEP_SCOPE_LABELS } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';

type StepStatus = 'wait' | 'process' | 'finish' | 'error';

/** The chain's steps with the one holding the item, who may act on it and by when. */
export function ReviewProgress({ history }: { history: ReviewHistory }) {
  const { chain, current } = history;
  if (!chain || !current) {
    return (
      <Alert type="info" showIcon title={history.flows.length ? '该信息当前没有进行中的审核' : '该信息尚未送审'} />
    );
  }
  const done = current.state === 'approved';
  const returned = current.state === 'returned';
  const statusOf = (position: number): StepStatus => {
    if (done) return 'finish';
    if (returned) return 'wait';
    if (position < current.position) return 'finish';
    if (position === current.position) return current.overdue ? 'error' : 'process';
    return 'wait';
  };
  const step = chain.steps.find((s) => s.position === current.position);
  return (
    <>
      <p>
        审核流程：<strong>{chain.name}</strong>
        {current.retrospective && (
          <Tag color="warning" className="flag-unreviewed">
            紧急发布事后审核
          </Tag>
        )}
      </p>
      <Steps
        size="small"
        orientation="vertical"
        current={Math.max(0, current.position - 1)}
        items={[
          ...chain.steps.map((s) => ({
            title: `第 ${s.position} 步 ${s.name}`,
            content: `${STEP_SCOPE_LABELS[s.scope] ?? s.scope}的${s.roleLabel}`,
            status: statusOf(s.position),
          })),
        ]}
      />
      <div data-testid="current-step" aria-live="polite">
        {done && <Alert type="success" showIcon title="审核已全部通过，等待发布" />}
        {returned && <Alert type="warning" showIcon title="已退回拟稿人修改，修改后重新送审" />}
        {!done && !returned && step && (
          <Space orientation="vertical" size={4}>
            <span>
              当前：第 {current.position} 步“{current.stepName}”，由{STEP_SCOPE_LABELS[step.scope] ?? ''}的
              <strong>{step.roleLabel}</strong>处理
            </span>
            {current.dueAt && (
              <span>
                办理期限：{formatDateTime(current.dueAt)} {current.overdue && <Tag color="error">已超期</Tag>}
              </span>
            )}
            <span className={current.canAct ? undefined : 'muted'}>
              {current.canAct ? '您可以处理此步骤。' : '您不是此步骤的办理人。'}
            </span>
          </Space>
        )}
      </div>
    </>
  );
}
