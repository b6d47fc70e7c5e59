import { App, Checkbox, Form, Modal } from 'antd';
import { useState } from 'react';
import type { ClaimInput, IntakeItem } from '@contract/intake';
import { api } from '../../api/client';
import { UnitColumnFields } from '../../lib/pickers';

/** 认领: the centre names the unit (and column) of a mail from an unknown sender; a draft follows. */
export function ClaimDialog({ item, onClose }: { item: IntakeItem | null; onClose(done: IntakeItem | null): void }) {
  const [form] = Form.useForm<ClaimInput>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const submit = async () => {
    if (!item) return;
    const values = await form.validateFields();
    setBusy(true);
    try {
      const done = await api.post<IntakeItem>(`/api/intake/items/${item.id}/claim`, values);
      void message.success(`已认领，生成草稿“${done.subject}”`);
      form.resetFields();
      onClose(done);
    } catch {
      // The client showed the server's message.
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title="认领邮件"
      open={item !== null}
      onOk={submit}
      okText="认领并生成草稿"
      confirmLoading={busy}
      onCancel={() => onClose(null)}
      destroyOnHidden
    >
      {item && (
        <p>
          “{item.subject}”　发件人：{item.senderName ? `${item.senderName} ` : ''}
          {item.sender ?? '不明'}
        </p>
      )}
      <Form form={form} layout="vertical" initialValues={{ remember: true }}>
        <UnitColumnFields prefix="claim" />
        <Form.Item name="remember" valuePropName="checked">
          <Checkbox disabled={!item?.sender}>记住该发件地址属于此单位，以后自动归属</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
