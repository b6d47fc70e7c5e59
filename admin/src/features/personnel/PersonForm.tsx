import { Form, Input, Select } from 'antd';
import { PERSONNEL_ROLE_LABELS, type Unit } from '@contract/org';
import { requiredRule, rule } from '../../lib/form';
import { options } from '../../lib/labels';
import { email, mobile, phone } from '../../lib/rules';

export interface PersonFormValues {
  unitId: number;
  role: 'leader' | 'officer';
  name: string;
  post?: string | null;
  phone?: string | null;
  mobile?: string | null;
  email?: string | null;
}

/** PersonInput in src/contract/org.ts. */
export function PersonFields({ units, unitLocked }: { units: Unit[]; unitLocked: boolean }) {
  return (
    <>
      <Form.Item label="单位" name="unitId" rules={[{ required: true, message: '请选择单位' }]}>
        <Select
          disabled={unitLocked}
          showSearch={{ optionFilterProp: 'label' }}
          options={units.map((u) => ({ value: u.id, label: u.shortName }))}
        />
      </Form.Item>
      <Form.Item label="职责" name="role" rules={[{ required: true, message: '请选择职责' }]}>
        <Select options={options(PERSONNEL_ROLE_LABELS)} />
      </Form.Item>
      <Form.Item label="姓名" name="name" rules={[requiredRule(), { max: 100, message: '不能超过 100 个字符' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label="职务" name="post" rules={[{ max: 200, message: '不能超过 200 个字符' }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label="办公电话" name="phone" rules={[rule(phone)]}>
        <Input maxLength={50} inputMode="tel" />
      </Form.Item>
      <Form.Item label="手机" name="mobile" rules={[rule(mobile)]}>
        <Input maxLength={50} inputMode="tel" />
      </Form.Item>
      <Form.Item label="电子邮箱" name="email" rules={[rule(email)]}>
        <Input maxLength={320} inputMode="email" />
      </Form.Item>
    </>
  );
}

export function personPayload(v: PersonFormValues) {
  const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
  return {
    role: v.role,
    name: v.name.trim(),
    post: blank(v.post),
    phone: blank(v.phone),
    mobile: blank(v.mobile),
    email: blank(v.email)?.toLowerCase() ?? null,
  };
}
