import { Alert, Button, Form, Input, InputNumber, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ANSWER_GROUNDS, AnswerType, type ActionInput } from '@contract/foi';
import { api } from '../../api/client';
import { DateStringPicker } from '../../lib/DateStringPicker';
import { showServerIssues } from '../../lib/form';
import { foiKeys } from './queries';

export const ACTION_LABELS: Record<string, string> = {
  request_correction: '告知补正',
  corrected: '收到补正材料',
  correction_expired: '逾期未补正（视为放弃）',
  consult: '征求第三方意见',
  consult_reply: '收到第三方意见',
  extend: '延长答复期限',
  answer: '作出答复',
};

/** One handling step: the fields its action needs, the server's refusal shown beside them. */
export function ActionForm({
  id,
  action,
  today,
  onDone,
}: {
  id: number;
  action: string;
  today: string;
  onDone: () => void;
}) {
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const type = Form.useWatch('type', form) as string | undefined;
  const grounds = type ? (ANSWER_GROUNDS as Record<string, Record<string, string>>)[type] : undefined;
  const run = useMutation({
    mutationFn: (v: ActionInput) => api.post(`/api/foi/applications/${id}/actions`, v),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: foiKeys.all });
      onDone();
    },
    onError: (e) => {
      setError(e instanceof Error ? e.message : String(e));
      showServerIssues(form, e);
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ action, day: today }}
      onFinish={(v) => {
        setError(null);
        run.mutate({ ...v, action } as ActionInput);
      }}
      aria-label={ACTION_LABELS[action]}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form.Item name="day" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DateStringPicker />
      </Form.Item>
      {action === 'request_correction' && (
        <>
          <Form.Item
            name="dueDay"
            label="补正期限（申请人应在此日前补正）"
            rules={[{ required: true, message: '请选择补正期限' }]}
          >
            <DateStringPicker />
          </Form.Item>
          <Form.Item name="note" label="需要补正的事项" rules={[{ required: true, message: '请写明需要补正的事项' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      )}
      {action === 'consult' && (
        <Form.Item name="party" label="第三方名称" rules={[{ required: true, message: '请填写第三方名称' }]}>
          <Input />
        </Form.Item>
      )}
      {(action === 'consult_reply' || action === 'corrected') && (
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} />
        </Form.Item>
      )}
      {action === 'extend' && (
        <>
          <Form.Item name="days" label="延长工作日数（最多20）" rules={[{ required: true, message: '请填写延长天数' }]}>
            <InputNumber min={1} max={20} />
          </Form.Item>
          <Form.Item name="approver" label="批准延期的负责人" rules={[{ required: true, message: '请填写批准人' }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="reason"
            label="延期理由（将告知申请人）"
            rules={[{ required: true, message: '请填写延期理由' }]}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      )}
      {action === 'answer' && (
        <>
          <Form.Item name="type" label="答复类型" rules={[{ required: true, message: '请选择答复类型' }]}>
            <Select
              options={AnswerType.values
                .filter((v) => v !== 'other')
                .map((v) => ({ value: v, label: AnswerType.labels[v] }))}
            />
          </Form.Item>
          {grounds && (
            <Form.Item name="ground" label="理由" rules={[{ required: true, message: '请选择理由' }]}>
              <Select options={Object.entries(grounds).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          )}
          {type === 'published' && (
            <Form.Item name="link" label="获取该信息的链接" rules={[{ required: true, message: '请填写链接' }]}>
              <Input />
            </Form.Item>
          )}
          {type === 'not_ours' && (
            <Form.Item name="organ" label="负责公开的机关（如知道）">
              <Input />
            </Form.Item>
          )}
          <Form.Item name="note" label="答复说明">
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      )}
      <Button type="primary" htmlType="submit" loading={run.isPending}>
        确定
      </Button>
    </Form>
  );
}
