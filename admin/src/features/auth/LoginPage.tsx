import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError, SESSION_EXPIRED_TEXT } from '../../api/client';
import type { Me } from '@contract/org';
import type { EnrolledSignIn, Enrolment, SecondStep } from '@contract/two-factor';
import { CodeField } from '../two-factor/CodeField';
import { EnrolmentSteps } from '../two-factor/EnrolmentSteps';
import { usePageTitle } from '../../lib/usePageTitle';
import { NewPasswordCard } from './NewPasswordCard';
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
  // After a right password, when the account needs a second step (server-side, a few minutes long).
  const [second, setSecond] = useState<(SecondStep & { username: string }) | null>(null);
  const expired = params.get('reason') === 'expired';

  const enter = (me: Me) => {
    signIn(me);
    void navigate(safeNext(params.get('next')), { replace: true });
  };
  const failed = (e: unknown) => {
    const err = e instanceof ApiError ? e : null;
    setError({ message: err?.message ?? '登录失败，请稍后再试', locked: err?.code === 'ACCOUNT_LOCKED' });
    // A used-up or expired second step, or a lock: back to the password.
    if (err && (err.code === 'TWO_FACTOR_EXPIRED' || err.code === 'ACCOUNT_LOCKED')) setSecond(null);
  };

  // A right password that must be replaced before it signs in (the demo accounts beyond loopback).
  const [replacing, setReplacing] = useState<LoginForm | null>(null);
  const afterPassword = (r: Me | SecondStep, username: string) => {
    if ('challenge' in r) setSecond({ ...r, username: username.trim() });
    else enter(r);
  };

  const submit = async (values: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      afterPassword(await api.post<Me | SecondStep>('/api/auth/login', values, { quiet: true }), values.username);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'PASSWORD_CHANGE_REQUIRED') setReplacing(values);
      else failed(e);
    } finally {
      setBusy(false);
    }
  };

  const replace = async (newPassword: string) => {
    if (!replacing) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<Me | SecondStep>(
        '/api/auth/login/new-password',
        { ...replacing, newPassword },
        { quiet: true },
      );
      setReplacing(null);
      afterPassword(r, replacing.username);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  const verify = async ({ code }: { code: string }) => {
    if (!second) return;
    setBusy(true);
    setError(null);
    try {
      enter(await api.post<Me>('/api/auth/login/verify', { challenge: second.challenge, code }, { quiet: true }));
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  // Enrolment asked at sign-in: the session comes with the confirmation, and is entered once the
  // person has kept the recovery codes.
  const [enrolled, setEnrolled] = useState<Me | null>(null);
  const startEnrolment = () =>
    api.post<Enrolment>('/api/auth/login/enrolment', { challenge: second?.challenge }, { quiet: true });
  const confirmEnrolment = async (code: string) => {
    try {
      const r = await api.post<EnrolledSignIn>(
        '/api/auth/login/enrolment/confirm',
        { challenge: second?.challenge, code },
        { quiet: true },
      );
      const { recoveryCodes, ...me } = r;
      setEnrolled(me);
      return recoveryCodes;
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'TWO_FACTOR_EXPIRED' || e.code === 'ACCOUNT_LOCKED')) failed(e);
      throw e;
    }
  };

  if (replacing)
    return (
      <NewPasswordCard
        username={replacing.username}
        busy={busy}
        error={error?.message ?? null}
        onSubmit={(p) => void replace(p)}
        onBack={() => {
          setReplacing(null);
          setError(null);
        }}
      />
    );

  if (second?.step === 'enrol')
    return (
      <main className="login-page">
        <Card className="login-card login-card-wide">
          <Typography.Title level={1} className="login-title">
            设置两步验证
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {second.displayName}
            ，您的角色须使用两步验证（密码之外再输入手机验证器应用上的验证码）。请先完成设置再使用系统。
          </Typography.Paragraph>
          <EnrolmentSteps
            username={second.username}
            start={startEnrolment}
            confirm={confirmEnrolment}
            onDone={() => enrolled && enter(enrolled)}
          />
        </Card>
      </main>
    );

  if (second?.step === 'verify')
    return (
      <main className="login-page">
        <Card className="login-card">
          <Typography.Title level={1} className="login-title">
            两步验证
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {second.displayName}，请打开手机上的验证器应用，输入显示的 6 位验证码。
          </Typography.Paragraph>
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
          <Form<{ code: string }> layout="vertical" onFinish={verify} requiredMark={false} disabled={busy}>
            <CodeField label="验证码" />
            <Button type="primary" htmlType="submit" block loading={busy}>
              验证并登录
            </Button>
          </Form>
          <Button type="link" block onClick={() => setSecond(null)} className="login-back">
            返回重新输入密码
          </Button>
          <Typography.Paragraph type="secondary" className="login-help">
            手机丢失且恢复码用完时，请联系系统管理员重置两步验证。
          </Typography.Paragraph>
        </Card>
      </main>
    );

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
