import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { requiredRule, showServerIssues, validated } from '../../lib/form';

/** Taking an item offline needs a reason: it is kept in the audit log. */
export function UnpublishDialog({
  article,
  onClose,
  onDone,
}: {
  article: { id: number; title: string } | null;
  onClose(): void;
  onDone(): void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const submit = async () => {
    const values = await validated(form);
    if (!values || !article) return;
    const { reason } = values;
    setBusy(true);
    try {
      await api.post(`/api/articles/${article.id}/unpublish`, { reason }, { quiet: true });
      void message.success('已下线');
      form.resetFields();
      onDone();
      onClose();
    } catch (e) {
      if (!showServerIssues(form, e)) void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!article}
      title={`下线“${article?.title ?? ''}”`}
      okText="下线"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          label="下线原因"
          name="reason"
          rules={[
            requiredRule('请说明原因'),
            { min: 2, message: '请说明原因' },
            { max: 500, message: '不能超过 500 个字符' },
          ]}
          extra="原因会记入操作日志。"
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
