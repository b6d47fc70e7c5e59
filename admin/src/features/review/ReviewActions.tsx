import { Alert, App, Button, Checkbox, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { Finding, ReviewHistory } from '@contract/review';
import { requiredRule, showServerIssues, validated } from '../../lib/form';
import { ReasonDialog } from './ReasonDialog';
import { ReturnDialog } from './ReturnDialog';
import { blocking, isChecksRefusal, overridesFrom, returnTargets } from './review-logic';

interface Props {
  articleId: number;
  history: ReviewHistory;
  findings: Finding[];
  reasons: Record<number, string>;
  /** The reason fields of the findings list say which warning still needs one. */
  onProblems(problems: Record<number, string>): void;
  /** The person may also publish (the last step then offers "publish now"). */
  mayPublish: boolean;
  onDone(text: string): void;
  /** The server refused on the checks: the findings on screen may be stale. */
  onRefresh(): void;
}

/** The holder of the current step decides: approve with an opinion, return with a reason, or reject. */
export function ReviewActions({
  articleId,
  history,
  findings,
  reasons,
  onProblems,
  mayPublish,
  onDone,
  onRefresh,
}: Props) {
  const [form] = Form.useForm<{ opinion: string; publishNow: boolean }>();
  const [busy, setBusy] = useState(false);
  const [returning, setReturning] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const { message } = App.useApp();
  const current = history.current!;
  const steps = history.chain?.steps ?? [];
  const last = current.position >= steps.length;
  const blocked = blocking(findings).length > 0;

  const approve = async () => {
    const values = await validated(form);
    if (!values) return;
    const { overrides, problems } = overridesFrom(findings, reasons);
    onProblems(problems);
    if (Object.keys(problems).length) return void message.error('请为每条提醒说明理由');
    setBusy(true);
    setRefusal(null);
    try {
      await api.post(
        `/api/articles/${articleId}/approve`,
        { opinion: values.opinion.trim(), overrides, publishNow: last && mayPublish && !!values.publishNow },
        { quiet: true },
      );
      form.resetFields();
      onDone(last ? (values.publishNow ? '审核通过并已发布' : '审核通过，等待发布') : '已通过，转下一步');
    } catch (e) {
      if (!showServerIssues(form, e)) setRefusal((e as Error).message);
      if (e instanceof ApiError && isChecksRefusal(e.code)) onRefresh();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {refusal && <Alert type="error" showIcon className="form-hint" title={refusal} />}
      {blocked && (
        <Alert type="error" showIcon className="form-hint" title="内容检查有必须修改的问题，不能通过；请退回修改" />
      )}
      <Form form={form} layout="vertical" initialValues={{ opinion: '', publishNow: false }}>
        <Form.Item
          label="审核意见"
          name="opinion"
          rules={[requiredRule('请填写审核意见'), { max: 2000, message: '不能超过 2000 个字符' }]}
          extra="通过时填写，将记入审核记录和《信息发布审核表》。"
        >
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder="如：同意发布" />
        </Form.Item>
        {last && mayPublish && !current.retrospective && (
          <Form.Item name="publishNow" valuePropName="checked">
            <Checkbox>通过后立即发布</Checkbox>
          </Form.Item>
        )}
        <Space wrap>
          <Button type="primary" onClick={() => void approve()} loading={busy} disabled={blocked}>
            通过
          </Button>
          <Button onClick={() => setReturning(true)} disabled={busy}>
            退回修改
          </Button>
          <Button danger onClick={() => setRejecting(true)} disabled={busy}>
            不予采用
          </Button>
        </Space>
      </Form>
      <ReturnDialog
        open={returning}
        targets={returnTargets(steps, current.position)}
        onClose={() => setReturning(false)}
        onSubmit={async (reason, toPosition) => {
          await api.post(`/api/articles/${articleId}/return`, { reason, toPosition }, { quiet: true });
          onDone(toPosition === 0 ? '已退回拟稿人' : `已退回第 ${toPosition} 步`);
        }}
      />
      <ReasonDialog
        open={rejecting}
        title="不予采用"
        label="不予采用的理由"
        okText="不予采用"
        danger
        extra={
          current.retrospective
            ? '该信息为紧急发布，不予采用后将自动撤稿。理由会通知拟稿人。'
            : '理由会通知拟稿人，并记入报送台账。'
        }
        onClose={() => setRejecting(false)}
        onSubmit={async (reason) => {
          await api.post(`/api/articles/${articleId}/reject`, { reason }, { quiet: true });
          onDone('已不予采用');
        }}
      />
    </>
  );
}
