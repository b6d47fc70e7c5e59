import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError, SESSION_EXPIRED_TEXT } from '../../api/client';
import type { Me } from '@contract/org';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSignIn } from './session';

interface LoginForm {
  username: string;
  password: string;
}

/** Where to go after signing in: only a path inside the app, never another site. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export default function LoginPage() {
  usePageTitle('登录');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const [error, setError] = useState<{ message: string; locked: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const expired = params.get('reason') === 'expired';

  const submit = async (values: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      const me = await api.post<Me>('/api/auth/login', values, { quiet: true });
      signIn(me);
      void navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      const err = e instanceof ApiError ? e : null;
      setError({ message: err?.message ?? '登录失败，请稍后再试', locked: err?.code === 'ACCOUNT_LOCKED' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login-page">
      <Card className="login-card">
        <Typography.Title level={1} className="login-title">
          政府网站内容保障系统
        </Typography.Title>
        <Typography.Paragraph type="secondary">管理后台 · 请使用本单位的账号登录</Typography.Paragraph>
        {expired && !error && (
          <Alert type="warning" showIcon title={SESSION_EXPIRED_TEXT} className="login-alert" role="alert" />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            role="alert"
            className="login-alert"
            title={error.message}
            description={error.locked ? '如需立即使用，请联系系统管理员在“账号与角色”中解锁。' : undefined}
          />
        )}
        <Form<LoginForm> layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item
            label="用户名"
            name="username"
            rules={[
              { required: true, whitespace: true, message: '请填写用户名' },
              { max: 64, message: '不能超过 64 个字符' },
            ]}
          >
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label="密码"
            name="password"
            rules={[
              { required: true, message: '请填写密码' },
              { max: 128, message: '不能超过 128 个字符' },
            ]}
          >
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}
