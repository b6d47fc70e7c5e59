import { Col, Form, Input, Row, Select } from 'antd';
import { requiredDisclosureFields } from '@contract/articles';
import { DateStringPicker } from '../../lib/DateStringPicker';
import { rule } from '../../lib/form';
import { isoDate, maxChars } from '../../lib/rules';
import { VALIDITY } from '../../lib/labels';

const REQUIRED_HELP = '发布前须填写';

/**
 * 政府信息公开 metadata: what the disclosure table on the public page shows (索引号 is assigned on
 * publishing). The fields the pre-publish check requires for the item's type carry the required mark;
 * a draft may still be saved without them (the check refuses only publishing).
 */
export function DisclosureFields({ indexNo }: { indexNo: string | null }) {
  const type = Form.useWatch('type') as string | undefined;
  const required = new Set(requiredDisclosureFields(type));
  const mark = (field: string) =>
    required.has(field) ? { required: true, tooltip: REQUIRED_HELP } : { required: false };
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item label="索引号">
          <Input value={indexNo ?? '发布时自动生成'} disabled aria-label="索引号" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="文号" name={['disclosure', 'docNo']} rules={[rule(maxChars('文号', 100))]} {...mark('docNo')}>
          <Input placeholder="如 涟政办发〔2026〕1号" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="成文日期" name={['disclosure', 'writtenOn']} rules={[rule(isoDate)]} {...mark('writtenOn')}>
          <DateStringPicker />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          label="发布机构"
          name={['disclosure', 'issuer']}
          rules={[rule(maxChars('发布机构', 200))]}
          extra="填写全称"
          {...mark('issuer')}
        >
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          label="主题分类"
          name={['disclosure', 'topicCategory']}
          rules={[rule(maxChars('主题分类', 100))]}
          {...mark('topicCategory')}
        >
          <Input placeholder="如 综合政务\政务公开" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="体裁分类" name={['disclosure', 'genre']} rules={[rule(maxChars('体裁分类', 50))]}>
          <Input placeholder="如 通知" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="主题词" name={['disclosure', 'keywords']} rules={[rule(maxChars('主题词', 200))]}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="有效性" name={['disclosure', 'validity']}>
          <Select allowClear placeholder="未注明" options={VALIDITY.map((v) => ({ value: v, label: v }))} />
        </Form.Item>
      </Col>
    </Row>
  );
}
