import { App, Form, Input, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { requiredRule, showServerIssues, validated } from '../../lib/form';

interface Props {
  open: boolean;
  title: string;
  label: string;
  okText: string;
  danger?: boolean;
  extra?: string;
  /** What the empty field says (default 请填写理由). */
  missing?: string;
  /** Fields asked before the reason (退回到), with their starting values. */
  children?: ReactNode;
  initialValues?: Record<string, unknown>;
  onClose(): void;
  /** Send the reason (and the other fields); a refusal stays in the dialog, next to the field when the server names it. */
  onSubmit(reason: string, values: Record<string, unknown>): Promise<unknown>;
}

/** A decision that needs a stated reason (ReasonInput: 2 to 2000 characters); it is kept with the record. */
export function ReasonDialog({
  open,
  title,
  label,
  okText,
  danger,
  extra,
  missing = '请填写理由',
  children,
  initialValues,
  onClose,
  onSubmit,
}: Props) {
  const [form] = Form.useForm<{ reason: string } & Record<string, unknown>>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setBusy(true);
    try {
      await onSubmit(values.reason.trim(), values);
      form.resetFields();
      onClose();
    } catch (e) {
      if (!showServerIssues(form, e)) void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      okButtonProps={{ danger }}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initialValues}>
        {children}
        <Form.Item
          label={label}
          name="reason"
          rules={[requiredRule(missing), { min: 2, message: missing }, { max: 2000, message: '不能超过 2000 个字符' }]}
          extra={extra ?? '理由会记入审核记录和操作日志。'}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
