import { Col, Form, Input, Row, Select } from 'antd';
import { DateStringPicker } from '../../lib/DateStringPicker';
import { rule } from '../../lib/form';
import { isoDate } from '../../lib/rules';
import { VALIDITY } from '../../lib/labels';

const max = (n: number) => ({ max: n, message: `不能超过 ${n} 个字符` });

/** 政府信息公开 metadata: what the disclosure table on the public page shows (索引号 is assigned on publishing). */
export function DisclosureFields({ indexNo }: { indexNo: string | null }) {
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item label="索引号">
          <Input value={indexNo ?? '发布时自动生成'} disabled aria-label="索引号" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="文号" name={['disclosure', 'docNo']} rules={[max(100)]}>
          <Input placeholder="如 涟政办发〔2026〕1号" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="成文日期" name={['disclosure', 'writtenOn']} rules={[rule(isoDate)]}>
          <DateStringPicker />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="发布机构" name={['disclosure', 'issuer']} rules={[max(200)]} extra="填写全称">
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="主题分类" name={['disclosure', 'topicCategory']} rules={[max(100)]}>
          <Input placeholder="如 综合政务\政务公开" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="体裁分类" name={['disclosure', 'genre']} rules={[max(50)]}>
          <Input placeholder="如 通知" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="主题词" name={['disclosure', 'keywords']} rules={[max(200)]}>
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
