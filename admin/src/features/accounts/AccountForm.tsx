import { Form, Input, Select, Switch } from 'antd';
import { ROLE_LABELS, type Unit } from '@contract/org';
import { requiredRule, rule } from '../../lib/form';
import { options } from '../../lib/labels';
import { email, PASSWORD_HINT, passwordFor, phone, username } from '../../lib/rules';

export interface AccountFormValues {
  username: string;
  displayName: string;
  password?: string;
  unitId: number;
  roles: string[];
  phone?: string | null;
  email?: string | null;
  active: boolean;
}

/** AccountInput / AccountPatch in src/contract/org.ts; the password rule of platform/auth/password.ts. */
export function AccountFields({ units, creating }: { units: Unit[]; creating: boolean }) {
  return (
    <>
      <Form.Item
        label="用户名"
        name="username"
        rules={creating ? [requiredRule('请填写用户名'), rule(username)] : []}
        extra={creating ? '3-64 位字母、数字或 _ . -，创建后不能修改' : undefined}
      >
        <Input disabled={!creating} autoComplete="off" maxLength={64} />
      </Form.Item>
      <Form.Item label="姓名" name="displayName" rules={[requiredRule(), { max: 100, message: '不能超过 100 个字符' }]}>
        <Input maxLength={100} />
      </Form.Item>
      {creating && (
        <Form.Item
          label="初始密码"
          name="password"
          dependencies={['username']}
          rules={[
            requiredRule('请填写密码'),
            ({ getFieldValue }) => ({
              validator: (_r, v) => {
                const problem = passwordFor(() => getFieldValue('username') as string | undefined)(v);
                return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
              },
            }),
          ]}
          extra={PASSWORD_HINT}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
      )}
      <Form.Item label="所属单位" name="unitId" rules={[{ required: true, message: '请选择所属单位' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={units.map((u) => ({ value: u.id, label: u.name }))}
        />
      </Form.Item>
      <Form.Item
        label="角色"
        name="roles"
        rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个角色' }]}
      >
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={options(ROLE_LABELS)} />
      </Form.Item>
      <Form.Item label="联系电话" name="phone" rules={[rule(phone)]}>
        <Input maxLength={50} inputMode="tel" />
      </Form.Item>
      <Form.Item label="电子邮箱" name="email" rules={[rule(email)]}>
        <Input maxLength={320} inputMode="email" />
      </Form.Item>
      <Form.Item label="启用" name="active" valuePropName="checked">
        <Switch />
      </Form.Item>
    </>
  );
}

export function accountPayload(v: AccountFormValues, creating: boolean) {
  const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
  return {
    ...(creating ? { username: v.username.trim(), password: v.password } : {}),
    displayName: v.displayName.trim(),
    unitId: v.unitId,
    roles: v.roles,
    phone: blank(v.phone),
    email: blank(v.email)?.toLowerCase() ?? null,
    active: v.active,
  };
}
