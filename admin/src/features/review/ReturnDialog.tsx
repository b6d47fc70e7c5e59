import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { requiredRule, showServerIssues, validated } from '../../lib/form';

interface Props {
  open: boolean;
  targets: Array<{ value: number; label: string }>;
  onClose(): void;
  onSubmit(reason: string, toPosition: number): Promise<unknown>;
}

/** 退回修改: to the drafter or an earlier step, with the reason the drafter will read (ReturnInput). */
export function ReturnDialog({ open, targets, onClose, onSubmit }: Props) {
  const [form] = Form.useForm<{ reason: string; toPosition: number }>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setBusy(true);
    try {
      await onSubmit(values.reason.trim(), values.toPosition);
      form.resetFields();
      onClose();
    } catch (e) {
      if (!showServerIssues(form, e)) void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title="退回修改" okText="退回" cancelText="取消" onOk={() => void submit()} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ toPosition: 0 }}>
        <Form.Item label="退回到" name="toPosition" rules={[{ required: true, message: '请选择退回到哪一步' }]}>
          <Select options={targets} />
        </Form.Item>
        <Form.Item
          label="退回理由"
          name="reason"
          rules={[requiredRule('请填写退回理由'), { min: 2, message: '请填写退回理由' }, { max: 2000, message: '不能超过 2000 个字符' }]}
          extra="拟稿人会在待办和通知中看到此理由。"
        >
          <Input.TextArea rows={3} maxLength={2000} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
