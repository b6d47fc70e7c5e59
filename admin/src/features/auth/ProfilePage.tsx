import { Alert, Button, Card, Descriptions, Form, Input } from 'antd';
import { App } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { PageHeading } from '../../layout/AppLayout';
import { requiredRule, rule, showServerIssues } from '../../lib/form';
import { PASSWORD_HINT, passwordFor } from '../../lib/rules';
import { formatDateTime } from '../../lib/time';
import { usePageTitle } from '../../lib/usePageTitle';
import { TwoFactorCard } from '../two-factor/TwoFactorCard';
import { useMe } from './session';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ProfilePage() {
  usePageTitle('修改密码');
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const [busy, setBusy] = useState(false);

  const submit = async ({ currentPassword, newPassword }: PasswordForm) => {
    setBusy(true);
    try {
      await api.post('/api/auth/password', { currentPassword, newPassword }, { quiet: true });
      form.resetFields();
      void message.success('密码已修改，其他设备上的登录已全部退出；下次登录请使用新密码');
    } catch (e) {
      if (!showServerIssues(form, e)) void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading title="修改密码" />
      <div className="narrow-page">
        <Card title="我的账号" className="section-card">
          <Descriptions column={1} size="small">
            <Descriptions.Item label="用户名">{me.username}</Descriptions.Item>
            <Descriptions.Item label="姓名">{me.displayName}</Descriptions.Item>
            <Descriptions.Item label="所属单位">{me.unit.name}</Descriptions.Item>
            <Descriptions.Item label="角色">{me.roles.map((r) => r.label).join('、')}</Descriptions.Item>
            <Descriptions.Item label="上次登录">{formatDateTime(me.lastLoginAt)}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title="设置新密码" className="section-card">
          <Alert
            type="info"
            showIcon
            title={`${PASSWORD_HINT}修改后，您在其他浏览器或设备上的登录将全部退出。`}
            className="form-hint"
          />
          <Form<PasswordForm> form={form} layout="vertical" onFinish={submit} disabled={busy}>
            <Form.Item label="当前密码" name="currentPassword" rules={[requiredRule('请填写当前密码')]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Form.Item
              label="新密码"
              name="newPassword"
              rules={[requiredRule('请填写新密码'), rule(passwordFor(() => me.username))]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              label="再次输入新密码"
              name="confirm"
              dependencies={['newPassword']}
              rules={[
                requiredRule('请再次输入新密码'),
                ({ getFieldValue }) => ({
                  validator: (_r, v) =>
                    v === getFieldValue('newPassword')
                      ? Promise.resolve()
                      : Promise.reject(new Error('两次输入的密码不一致')),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              修改密码
            </Button>
          </Form>
        </Card>
        <TwoFactorCard username={me.username} />
      </div>
    </>
  );
}
