import type { Enrolment } from '@contract/two-factor';
import { Alert, Button, Form, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { CodeField } from './CodeField';
import { RecoveryCodesView } from './RecoveryCodes';

interface Props {
  username: string;
  /** Ask the server for a new secret (at sign-in with the challenge, or signed in). */
  start(): Promise<Enrolment>;
  /** Confirm with a first code; the recovery codes. */
  confirm(code: string): Promise<string[]>;
  /** After the person has kept the recovery codes. */
  onDone(): void;
}

/**
 * Setting up two-factor sign-in: scan the QR code (or type the secret) into an authenticator app,
 * confirm with the first code it shows, keep the recovery codes shown once.
 */
export function EnrolmentSteps({ username, start, confirm, onDone }: Props) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: one secret per visit of the screen
  useEffect(() => {
    start().then(setEnrolment, (e: unknown) => setError((e as Error).message));
  }, []);

  const submit = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      setCodes(await confirm(code.trim()));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '确认失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  if (codes)
    return (
      <>
        <Alert type="success" showIcon title="两步验证已开启" className="form-hint" />
        <RecoveryCodesView codes={codes} username={username} />
        <Button type="primary" block className="no-print continue-button" onClick={onDone}>
          我已保存恢复码，继续
        </Button>
      </>
    );
  if (!enrolment)
    return error ? <Alert type="error" showIcon role="alert" title={error} /> : <Spin aria-label="正在生成密钥" />;
  return (
    <div className="enrolment">
      <ol className="enrolment-steps">
        <li>
          在手机上安装验证器应用（如 Microsoft Authenticator、Google
          身份验证器、FreeOTP，或微信小程序“腾讯身份验证器”）。
        </li>
        <li>
          用验证器应用扫描下方二维码：
          <div className="enrolment-qr">
            <img src={enrolment.qrDataUrl} alt="两步验证二维码（验证器应用扫描）" width={220} height={220} />
          </div>
          无法扫码时，在应用中选择手动输入，账户填写 {enrolment.account}，密钥为：
          <Typography.Paragraph copyable={{ text: enrolment.secret }} className="enrolment-secret">
            <code data-testid="totp-secret">{enrolment.secret}</code>
          </Typography.Paragraph>
        </li>
        <li>输入验证器应用显示的 6 位验证码，完成设置。</li>
      </ol>
      {error && <Alert type="error" showIcon role="alert" title={error} className="login-alert" />}
      <Form<{ code: string }> layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
        <CodeField label="验证码" totpOnly />
        <Button type="primary" htmlType="submit" block loading={busy}>
          确认并开启
        </Button>
      </Form>
    </div>
  );
}
