import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { MailSecurity, type MailboxSettings, type MailboxSettingsInput, type PollResult } from '@contract/intake';
import { api } from '../../api/client';
import { options } from '../../lib/labels';

/** The centre's mailbox (IMAP): where e-mailed items are read from. The password is never shown. */
export function MailboxForm() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const settings = useQuery({
    queryKey: ['intake', 'mailbox'],
    queryFn: () => api.get<MailboxSettings>('/api/intake/mailbox'),
  });
  const [busy, setBusy] = useState(false);
  if (!settings.data) return null;
  const save = async (v: MailboxSettingsInput) => {
    setBusy(true);
    try {
      await api.put('/api/intake/mailbox', { ...v, password: v.password || undefined });
      void message.success('已保存报送邮箱设置');
      await client.invalidateQueries({ queryKey: ['intake'] });
    } catch {
      // shown by the client
    } finally {
      setBusy(false);
    }
  };
  const poll = async () => {
    setBusy(true);
    try {
      const r = await api.post<PollResult>('/api/intake/mailbox/poll');
      void message.success(
        `收取 ${r.seen} 封：生成草稿 ${r.drafted}，待认领 ${r.unclaimed}，拒收 ${r.refused}，重复 ${r.duplicates}`,
      );
      await client.invalidateQueries({ queryKey: ['intake'] });
    } catch {
      // shown by the client
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      layout="vertical"
      initialValues={settings.data}
      onFinish={save}
      style={{ maxWidth: 720 }}
      aria-label="报送邮箱设置"
    >
      <Form.Item label="启用自动收取" name="enabled" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Space wrap>
        <Form.Item label="IMAP 服务器" name="host" htmlFor="mb-host">
          <Input id="mb-host" placeholder="imap.126.com" />
        </Form.Item>
        <Form.Item label="端口" name="port" htmlFor="mb-port">
          <InputNumber id="mb-port" min={1} max={65535} />
        </Form.Item>
        <Form.Item label="加密方式" name="security" htmlFor="mb-security">
          <Select id="mb-security" style={{ width: 220 }} options={options(MailSecurity.labels)} />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item label="账号" name="user" htmlFor="mb-user">
          <Input id="mb-user" placeholder="lswzzx@126.com" />
        </Form.Item>
        <Form.Item
          label={settings.data.passwordSet ? '密码或授权码（已保存，留空不变）' : '密码或授权码'}
          name="password"
          htmlFor="mb-password"
        >
          <Input.Password id="mb-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item label="文件夹" name="folder" htmlFor="mb-folder">
          <Input id="mb-folder" />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item label="收信间隔（秒）" name="pollSeconds" htmlFor="mb-poll">
          <InputNumber id="mb-poll" min={30} max={86400} />
        </Form.Item>
        <Form.Item label="单封邮件上限（MB）" name="maxMessageMb" htmlFor="mb-max">
          <InputNumber id="mb-max" min={1} max={100} />
        </Form.Item>
        <Form.Item label="发送回执和审核结果" name="receipts" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          保存
        </Button>
        <Button onClick={poll} loading={busy}>
          立即收取
        </Button>
      </Space>
    </Form>
  );
}
