import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { requiredRule, showServerIssues, validated } from '../../lib/form';

interface Props {
  open: boolean;
  title: string;
  label: string;
  okText: string;
  danger?: boolean;
  extra?: string;
  onClose(): void;
  /** Send the reason; a refusal stays in the dialog (next to the field when the server names it). */
  onSubmit(reason: string): Promise<unknown>;
}

/** A decision that needs a stated reason (ReasonInput: 2 to 2000 characters); it is kept with the record. */
export function ReasonDialog({ open, title, label, okText, danger, extra, onClose, onSubmit }: Props) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setBusy(true);
    try {
      await onSubmit(values.reason.trim());
      form.resetFields();
      onClose();
    } catch (e) {
      if (!showServerIssues(form, e)) void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={title} okText={okText} cancelText="取消" okButtonProps={{ danger }} onOk={() => void submit()} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item
          label={label}
          name="reason"
          rules={[requiredRule('请填写理由'), { min: 2, message: '请填写理由' }, { max: 2000, message: '不能超过 2000 个字符' }]}
          extra={extra ?? '理由会记入审核记录和操作日志。'}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
