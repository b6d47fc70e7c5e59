import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Form, InputNumber, Row, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { DutyParams } from '@contract/guarantee';
import { showServerIssues, validated } from '../../lib/form';
import { paramsPayload, toParamsForm, type ParamsFormValues } from './params-form';

const TRI = [
  { value: 'default', label: '默认' },
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];
const num = (min: number, max: number, what: string) => ({
  type: 'number' as const,
  min,
  max,
  message: `${what}须在 ${min} 到 ${max} 之间`,
});

/** The numbers a duty is checked against, editable per duty; a field left at 默认 follows the national default or the column class. */
export function DutyParamsForm({ dutyId, editable }: { dutyId: number; editable: boolean }) {
  const [form] = Form.useForm<ParamsFormValues>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const params = useQuery({
    queryKey: ['guarantee', 'params', dutyId],
    queryFn: () => api.get<DutyParams>(`/api/guarantee/duties/${dutyId}/params`),
  });
  const mode = Form.useWatch('windowMode', form);
  useEffect(() => {
    if (params.data)
      form.setFieldsValue(
        toParamsForm(params.data.overrides, params.data.plan.type === 'window' ? params.data.plan.window : null),
      );
  }, [params.data, form]);
  if (!params.data) return null;
  const plan = params.data.plan;

  const save = async (values: ParamsFormValues | null) => {
    if (!values) return;
    setBusy(true);
    try {
      const saved = await api.put<DutyParams>(`/api/guarantee/duties/${dutyId}/params`, paramsPayload(values), {
        quiet: true,
      });
      client.setQueryData(['guarantee', 'params', dutyId], saved);
      void client.invalidateQueries({ queryKey: ['guarantee', 'status'] });
      void client.invalidateQueries({ queryKey: ['guarantee', 'duty', dutyId] });
      void message.success('考核参数已保存');
    } catch (e) {
      if (!showServerIssues(form, e)) void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p>
        当前规则：<strong data-testid="duty-rule">{params.data.rule}</strong>
      </p>
      <Form form={form} layout="vertical" disabled={!editable || busy}>
        {plan.type === 'counted' && (
          <Row gutter={8}>
            <Col xs={12} md={6}>
              <Form.Item
                label="每期至少（条）"
                name="minCount"
                rules={[num(1, 100, '条数')]}
                extra={`默认 ${plan.minCount}`}
              >
                <InputNumber min={1} max={100} style={{ width: '100%' }} placeholder="默认" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label="按单位分别考核" name="perUnit">
                <Select options={TRI} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label="计数口径" name="countStates">
                <Select
                  allowClear
                  placeholder="默认"
                  options={[
                    { value: 'all', label: '全部报送' },
                    { value: 'adopted', label: '仅已采用' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label="无工作日的周不考核" name="workdaysOnly">
                <Select options={TRI} />
              </Form.Item>
            </Col>
          </Row>
        )}
        {plan.type === 'window' && (
          <Row gutter={8}>
            <Col xs={24} md={8}>
              <Form.Item label="更新期限" name="windowMode">
                <Select
                  options={[
                    { value: 'default', label: '按栏目类别默认' },
                    { value: 'custom', label: '自定义期限' },
                    { value: 'none', label: '不设期限（只查空白栏目）' },
                  ]}
                />
              </Form.Item>
            </Col>
            {mode === 'custom' && (
              <>
                <Col xs={12} md={5}>
                  <Form.Item
                    label="期限"
                    name="windowAmount"
                    rules={[{ required: true, message: '请填写期限' }, num(1, 3660, '期限')]}
                  >
                    <InputNumber min={1} max={3660} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item label="单位" name="windowUnit">
                    <Select
                      options={[
                        { value: 'days', label: '天' },
                        { value: 'months', label: '个月' },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item
                    label="提前预警（天）"
                    name="warnDays"
                    rules={[{ required: true, message: '请填写提前预警天数' }, num(0, 365, '预警天数')]}
                  >
                    <InputNumber min={0} max={365} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </>
            )}
          </Row>
        )}
        {plan.type === 'link' && (
          <Form.Item
            label="连续检测失败几次判为未达标"
            name="failuresToBreach"
            rules={[num(1, 50, '次数')]}
            extra={`默认 ${plan.failuresToBreach}`}
          >
            <InputNumber min={1} max={50} placeholder="默认" />
          </Form.Item>
        )}
        {editable && (
          <Space>
            <Button type="primary" onClick={() => void validated(form).then(save)} loading={busy}>
              保存考核参数
            </Button>
            <Button onClick={() => void save({})}>全部恢复默认</Button>
          </Space>
        )}
      </Form>
    </>
  );
}
