import { Form, Input } from 'antd';

/** The code box: 6 digits from the authenticator app, or (when allowed) a recovery code. */
export function CodeField({ label, totpOnly = false }: { label: string; totpOnly?: boolean }) {
  return (
    <Form.Item
      label={label}
      name="code"
      extra={totpOnly ? undefined : '手机不在身边时，可输入一个恢复码（如 abcde-23456）'}
      rules={[
        { required: true, whitespace: true, message: totpOnly ? '请输入 6 位验证码' : '请输入验证码或恢复码' },
        totpOnly
          ? { pattern: /^\s*\d{6}\s*$/, message: '验证码为 6 位数字' }
          : { min: 6, max: 32, message: '请输入 6 位验证码或恢复码' },
      ]}
    >
      <Input
        autoComplete="one-time-code"
        inputMode={totpOnly ? 'numeric' : 'text'}
        maxLength={totpOnly ? 6 : 32}
        autoFocus
      />
    </Form.Item>
  );
}
