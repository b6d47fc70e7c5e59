import { Alert, Button, Form, Input, InputNumber, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { LETTER_ACTIONS, type LetterAction, type LetterDetail, RejectKind } from '@contract/interaction';
import { api } from '../../api/client';
import { useUnits } from '../../api/hooks';
import { showServerIssues } from '../../lib/form';
import { letterKeys } from './queries';

/** A step of the loop (from LETTER_ACTIONS) or a side step (延期, 公开) the screen offers. */
export type Step = LetterAction | 'request_extension' | 'approve_extension' | 'deny_extension' | 'publish';

export const SIDE_LABELS: Record<Exclude<Step, LetterAction>, string> = {
  request_extension: '申请延期',
  approve_extension: '批准延期',
  deny_extension: '不批准延期',
  publish: '公开到来信反馈',
};
export const stepLabel = (s: Step) =>
  s in LETTER_ACTIONS ? LETTER_ACTIONS[s as LetterAction].label : SIDE_LABELS[s as Exclude<Step, LetterAction>];

const needsReason = (s: Step) => s in LETTER_ACTIONS && 'needsReason' in LETTER_ACTIONS[s as LetterAction];

/** Where each kind of step is posted and with which body. */
function request(letter: LetterDetail, step: Step, v: Record<string, unknown>) {
  const base = `/api/letters/${letter.id}`;
  const version = letter.version;
  if (step === 'publish') return api.post(`${base}/publish`, { version, publish: true });
  if (step === 'request_extension')
    return api.post(`${base}/extension`, { version, decision: 'request', days: v.days, reason: v.reason });
  if (step === 'approve_extension' || step === 'deny_extension')
    return api.post(`${base}/extension`, {
      version,
      decision: step === 'approve_extension' ? 'approve' : 'deny',
      reason: v.reason,
    });
  return api.post(`${base}/actions`, { ...v, action: step, version });
}

/** One step's small form: the fields it needs, the server's refusal (in Chinese) shown above them. */
export function LetterActionForm({ letter, step, onDone }: { letter: LetterDetail; step: Step; onDone: () => void }) {
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const units = useUnits();
  const [error, setError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (v: Record<string, unknown>) => request(letter, step, v),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: letterKeys.all });
      onDone();
    },
    onError: (e) => {
      setError(e instanceof Error ? e.message : String(e));
      showServerIssues(form, e);
    },
  });
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  const assigning = step === 'assign' || step === 'reassign';
  return (
    <Form
      form={form}
      layout="vertical"
      aria-label={stepLabel(step)}
      initialValues={{ text: step === 'draft' ? (letter.draft ?? '') : undefined }}
      onFinish={(v) => {
        setError(null);
        run.mutate(v);
      }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {step === 'reject' && (
        <Form.Item name="rejectKind" label="不予受理类别" rules={[{ required: true, message: '请选择不予受理的类别' }]}>
          <Select options={RejectKind.values.map((v) => ({ value: v, label: RejectKind.labels[v] }))} />
        </Form.Item>
      )}
      {assigning && (
        <>
          <Form.Item name="unitId" label="承办单位（主办）" rules={[{ required: true, message: '请选择承办单位' }]}>
            <Select showSearch optionFilterProp="label" options={unitOptions} />
          </Form.Item>
          <Form.Item name="helperUnitIds" label="会办单位（可选，选择即为会办）">
            <Select mode="multiple" showSearch optionFilterProp="label" options={unitOptions} />
          </Form.Item>
        </>
      )}
      {step === 'draft' && (
        <Form.Item
          name="text"
          label="答复内容"
          rules={[{ required: true, whitespace: true, message: '请填写答复内容' }]}
        >
          <Input.TextArea rows={8} maxLength={20_000} />
        </Form.Item>
      )}
      {step === 'request_extension' && (
        <Form.Item name="days" label="延期工作日数" rules={[{ required: true, message: '请填写延期天数' }]}>
          <InputNumber min={1} max={30} />
        </Form.Item>
      )}
      {(needsReason(step) || step === 'request_extension') && (
        <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请填写理由' }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      )}
      {step === 'deny_extension' && (
        <Form.Item name="reason" label="不批准的理由（可选）">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={run.isPending}>
        确定{stepLabel(step)}
      </Button>
    </Form>
  );
}
