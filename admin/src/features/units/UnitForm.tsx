import { Form, Input, InputNumber, Select, Switch } from 'antd';
import { DateStringPicker } from '../../lib/DateStringPicker';
import { eachRule, requiredRule, rule } from '../../lib/form';
import { UNIT_CATEGORY_LABELS } from '@contract/org';
import { options } from '../../lib/labels';
import { all, email, maxLength, required, unitCode } from '../../lib/rules';

export interface UnitFormValues {
  name: string;
  shortName: string;
  category: string;
  code: string;
  aliases: string[];
  emails: string[];
  sortOrder: number;
  active: boolean;
  assessedFrom?: string | null;
}

/** UnitInput in src/contract/org.ts. */
export function UnitFields() {
  return (
    <>
      <Form.Item label="单位全称" name="name" rules={[requiredRule(), { max: 200, message: '不能超过 200 个字符' }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label="简称" name="shortName" rules={[requiredRule(), { max: 100, message: '不能超过 100 个字符' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        label="单位类别"
        name="category"
        rules={[{ required: true, message: '请选择单位类别' }]}
        extra="决定单位属于哪些单位分组（如“县各部门”）"
      >
        <Select options={options(UNIT_CATEGORY_LABELS)} />
      </Form.Item>
      <Form.Item
        label="单位代码"
        name="code"
        rules={[requiredRule('请填写单位代码'), rule(unitCode)]}
        extra="组织机构代码或统一社会信用代码，用于生成索引号"
      >
        <Input maxLength={32} />
      </Form.Item>
      <Form.Item
        label="别名"
        name="aliases"
        rules={[eachRule(all(required(), maxLength(200)), 30, '别名')]}
        extra="清单和邮件中出现的其他叫法，如 市场局、市场监督管理局；输入后按回车"
      >
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />
      </Form.Item>
      <Form.Item
        label="报送邮箱"
        name="emails"
        rules={[eachRule(all(required(), email), 20, '邮箱')]}
        extra="本单位报送信息使用的邮箱；输入后按回车"
      >
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', ' ', ';', '；']} />
      </Form.Item>
      <Form.Item
        label="排序"
        name="sortOrder"
        rules={[{ type: 'number', min: 0, max: 1_000_000, message: '排序须在 0 到 1000000 之间' }]}
      >
        <InputNumber min={0} max={1_000_000} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        label="纳入考核日期"
        name="assessedFrom"
        extra="内容保障自该日起考核本单位；不填则按各项保障责任的生效日期"
      >
        <DateStringPicker allowClear />
      </Form.Item>
      <Form.Item label="启用" name="active" valuePropName="checked">
        <Switch />
      </Form.Item>
    </>
  );
}

export function unitPayload(v: UnitFormValues) {
  return {
    name: v.name.trim(),
    shortName: v.shortName.trim(),
    category: v.category,
    code: v.code.trim().toUpperCase(),
    aliases: [...new Set((v.aliases ?? []).map((a) => a.trim()).filter(Boolean))],
    emails: [...new Set((v.emails ?? []).map((e) => e.trim().toLowerCase()).filter(Boolean))],
    sortOrder: v.sortOrder ?? 0,
    active: v.active ?? true,
    assessedFrom: v.assessedFrom ?? null,
  };
}
