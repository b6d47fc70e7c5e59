import { Alert, Form, Input, List, Space, Tag } from 'antd';
import type { Finding } from '@contract/review';
import { formatDateTime } from '../../lib/time';
import { blocking, openWarnings, REASON_MAX } from './review-logic';

interface Props {
  findings: Finding[];
  /** Reasons typed for open warnings, by finding id; absent: the list is read-only. */
  reasons?: Record<number, string>;
  problems?: Record<number, string>;
  onReason?(id: number, reason: string): void;
}

/**
 * The pre-publish check results of a revision, with the offending text highlighted (the server's
 * contextHtml, escaped there, with the match in <mark>). Blocking problems must be fixed in the item;
 * each warning needs a reason, typed here, unless someone already gave one.
 */
export function FindingsList({ findings, reasons, problems = {}, onReason }: Props) {
  if (!findings.length) return <Alert type="success" showIcon title="内容检查未发现问题" />;
  const blocks = blocking(findings);
  const open = openWarnings(findings);
  return (
    // A form context for the reason fields (labels, error states), rendering no <form> of its own.
    <Form layout="vertical" component={false}>
      {blocks.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="form-hint"
          title={`有 ${blocks.length} 处必须修改的问题，修改后才能送审或通过`}
        />
      )}
      {open.length > 0 && (
        <Alert type="warning" showIcon className="form-hint" title={`有 ${open.length} 条提醒，请逐条说明理由`} />
      )}
      <List<Finding>
        dataSource={findings}
        className="findings"
        renderItem={(f) => {
          const editable = !!onReason && f.severity === 'warn' && !f.overrideReason;
          return (
            <List.Item>
              <div style={{ width: '100%' }} data-testid={`finding-${f.id}`}>
                <Space size={4} wrap>
                  <Tag color={f.severity === 'block' ? 'error' : 'warning'}>
                    {f.severity === 'block' ? '必须修改' : '提醒'}
                  </Tag>
                  <strong>{f.checkLabel}</strong>
                  <span className="muted">{f.location.label}</span>
                </Space>
                {/* Escaped by the server (highlightFinding); only <mark> is markup. */}
                {/* biome-ignore lint/security/noDangerouslySetInnerHtml: escaped server-side, see above */}
                <div className="finding-context" dangerouslySetInnerHTML={{ __html: f.contextHtml }} />
                <div>
                  {f.message}
                  {f.suggestion && <span className="muted">（建议：{f.suggestion}）</span>}
                </div>
                {f.overrideReason && (
                  <div className="muted">
                    已说明理由：{f.overrideReason}（{formatDateTime(f.overriddenAt)}）
                  </div>
                )}
                {editable && (
                  <Form.Item
                    label={`忽略理由：${f.checkLabel}“${f.excerpt}”`}
                    htmlFor={`reason-${f.id}`}
                    validateStatus={problems[f.id] ? 'error' : undefined}
                    help={problems[f.id]}
                    className="finding-reason"
                    required
                  >
                    <Input
                      id={`reason-${f.id}`}
                      value={reasons?.[f.id] ?? ''}
                      maxLength={REASON_MAX}
                      placeholder="如：经核实为公开信息，可以发布"
                      onChange={(e) => onReason(f.id, e.target.value)}
                    />
                  </Form.Item>
                )}
              </div>
            </List.Item>
          );
        }}
      />
    </Form>
  );
}
