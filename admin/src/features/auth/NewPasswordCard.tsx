import { Alert, Button, Card, Form, Input, Typography } from 'antd';

interface Props {
  username: string;
  busy: boolean;
  error: string | null;
  onSubmit: (newPassword: string) => void;
  onBack: () => void;
}

/**
 * Sign-in with a password that must be replaced first: the demo accounts' password is printed in the
 * README, so a server reachable from other machines lets them in only with a new one.
 */
export function NewPasswordCard({ username, busy, error, onSubmit, onBack }: Props) {
  return (
    <main className="login-page">
      <Card className="login-card">
        <Typography.Title level={1} className="login-title">
          修改密码后登录
        </Typography.Title>
        <Alert
          type="warning"
          showIcon
          className="login-alert"
          title="账号使用的是公开的演示密码"
          description={`服务器已对外提供服务，${username} 须先设置新密码（至少 10 个字符，不含用户名，不用常见密码）。`}
        />
        {error && <Alert type="error" showIcon role="alert" className="login-alert" title={error} />}
        <Form<{ newPassword: string; confirm: string }>
          layout="vertical"
          onFinish={(v) => onSubmit(v.newPassword)}
          requiredMark={false}
          disabled={busy}
        >
          <Form.Item
            label="新密码"
            name="newPassword"
            rules={[
              { required: true, message: '请填写新密码' },
              { min: 10, message: '至少 10 个字符' },
              { max: 128, message: '不能超过 128 个字符' },
            ]}
          >
            <Input.Password autoComplete="new-password" autoFocus />
          </Form.Item>
          <Form.Item
            label="再次输入新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_r, value) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            设置新密码并登录
          </Button>
        </Form>
        <Button type="link" block onClick={onBack} className="login-back">
          返回
        </Button>
      </Card>
    </main>
  );
}
