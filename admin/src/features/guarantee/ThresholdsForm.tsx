import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, InputNumber, Row, Select, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { GuaranteeSettings } from '@contract/guarantee';
import { showServerIssues, validated } from '../../lib/form';
import { UPDATE_CLASS_LABELS } from '../../lib/labels';
import { thresholdPayload, toThresholdForm, type ThresholdValues } from './thresholds-form';

const CLASSES = Object.keys(UPDATE_CLASS_LABELS);
const KEY = ['guarantee', 'settings'];
const n = (min: number, max: number) => [
  { required: true, message: '请填写' },
  { type: 'number' as const, min, max, message: `须在 ${min} 到 ${max} 之间` },
];

function Num({
  name,
  label,
  min,
  max,
  extra,
  step,
}: {
  name: Array<string | number>;
  label: string;
  min: number;
  max: number;
  extra?: string;
  /** 0.1 for percentages; whole numbers otherwise. */
  step?: number;
}) {
  return (
    <Form.Item label={label} name={name} rules={n(min, max)} extra={extra}>
      <InputNumber min={min} max={max} step={step} precision={step ? 2 : undefined} style={{ width: '100%' }} />
    </Form.Item>
  );
}

/** The site-wide numbers: update windows per column class, the veto indicators and their early warnings, notices, link probes. */
export function ThresholdsForm() {
  const [form] = Form.useForm<ThresholdValues>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const settings = useQuery({
    queryKey: KEY,
    queryFn: () => api.get<{ settings: GuaranteeSettings; defaults: GuaranteeSettings }>('/api/guarantee/settings'),
  });
  const windows = Form.useWatch('windows', form);
  useEffect(() => {
    if (settings.data) form.setFieldsValue(toThresholdForm(settings.data.settings, CLASSES));
  }, [settings.data, form]);

  const save = async () => {
    const v = await validated(form);
    if (!v) return;
    setBusy(true);
    try {
      const saved = await api.put<{ settings: GuaranteeSettings; defaults: GuaranteeSettings }>(
        '/api/guarantee/settings',
        thresholdPayload(v),
        { quiet: true },
      );
      client.setQueryData(KEY, saved);
      void client.invalidateQueries({ queryKey: ['guarantee', 'status'] });
      void message.success('检查参数已保存');
    } catch (e) {
      if (!showServerIssues(form, e)) void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const restore = () => settings.data && form.setFieldsValue(toThresholdForm(settings.data.defaults, CLASSES));

  return (
    <Form form={form} layout="vertical" disabled={busy || !settings.data}>
      <Card title={<h2 className="card-title">栏目更新期限（按栏目类别）</h2>} className="section-card" size="small">
        {CLASSES.map((c) => (
          <Row key={c} gutter={8} align="top">
            <Col xs={24} md={6}>
              <Form.Item label={`${UPDATE_CLASS_LABELS[c]}：期限`} name={['windows', c, 'mode']}>
                <Select
                  options={[
                    { value: 'none', label: '不设期限' },
                    { value: 'days', label: '按天' },
                    { value: 'months', label: '按月' },
                  ]}
                />
              </Form.Item>
            </Col>
            {windows?.[c]?.mode && windows[c].mode !== 'none' && (
              <>
                <Col xs={12} md={5}>
                  <Num
                    name={['windows', c, 'amount']}
                    label={`${UPDATE_CLASS_LABELS[c]}：${windows[c].mode === 'months' ? '月数' : '天数'}`}
                    min={1}
                    max={windows[c].mode === 'months' ? 120 : 3660}
                  />
                </Col>
                <Col xs={12} md={5}>
                  <Num
                    name={['windows', c, 'warnDays']}
                    label={`${UPDATE_CLASS_LABELS[c]}：提前预警天数`}
                    min={0}
                    max={365}
                  />
                </Col>
              </>
            )}
          </Row>
        ))}
      </Card>
      <Card title={<h2 className="card-title">单项否决指标与预警阈值</h2>} className="section-card" size="small">
        <Row gutter={8}>
          <Col xs={12} md={6}>
            <Num name={['indicators', 'homePage', 'limitDays']} label="首页不更新：否决天数" min={0} max={365} />
          </Col>
          <Col xs={12} md={6}>
            <Num name={['indicators', 'homePage', 'warnDays']} label="首页不更新：超过几天预警" min={0} max={365} />
          </Col>
          <Col xs={12} md={6}>
            <Num name={['indicators', 'staleColumns', 'limit']} label="栏目不更新：否决个数" min={0} max={1000} />
          </Col>
          <Col xs={12} md={6}>
            <Num
              name={['indicators', 'staleColumns', 'warnAbove']}
              label="栏目不更新：超过几个预警"
              min={0}
              max={1000}
            />
          </Col>
          <Col xs={12} md={6}>
            <Num name={['indicators', 'staleColumns', 'newsDays']} label="动态要闻：几天未更新计入" min={0} max={365} />
          </Col>
          <Col xs={12} md={6}>
            <Num
              name={['indicators', 'staleColumns', 'noticeMonths']}
              label="通知公告政策文件：几个月未更新计入"
              min={0}
              max={60}
            />
          </Col>
          <Col xs={12} md={6}>
            <Num name={['indicators', 'overdueColumns', 'limit']} label="应更新未更新：否决个数" min={0} max={1000} />
          </Col>
          <Col xs={12} md={6}>
            <Num
              name={['indicators', 'overdueColumns', 'warnAbove']}
              label="应更新未更新：超过几个预警"
              min={0}
              max={1000}
            />
          </Col>
          <Col xs={12} md={6}>
            <Num name={['indicators', 'blankColumns', 'limit']} label="空白栏目：否决个数" min={0} max={1000} />
          </Col>
          <Col xs={12} md={6}>
            <Num name={['indicators', 'blankColumns', 'warnAbove']} label="空白栏目：超过几个预警" min={0} max={1000} />
          </Col>
          <Col xs={12} md={6}>
            <Num name={['indicators', 'interaction', 'months']} label="互动留言：超过几个月未回复" min={0} max={60} />
          </Col>
          <Col xs={12} md={6}>
            <Num
              name={['indicators', 'unreachable', 'limitPercent']}
              label="站点无法访问：否决比例（%）"
              min={0.1}
              max={100}
              step={0.1}
            />
          </Col>
          <Col xs={12} md={6}>
            <Num
              name={['indicators', 'unreachable', 'warnPercent']}
              label="站点无法访问：超过几%预警"
              min={0}
              max={100}
              step={0.1}
            />
          </Col>
          <Col xs={12} md={6}>
            <Num
              name={['indicators', 'unreachable', 'probesPerDay']}
              label="站点可用性：每天监测次数"
              min={20}
              max={288}
              extra="不少于 20 次"
            />
          </Col>
          <Col xs={12} md={6}>
            <Num
              name={['indicators', 'unreachable', 'timeoutSeconds']}
              label="站点可用性：每次等待（秒）"
              min={15}
              max={120}
              extra="不少于 15 秒"
            />
          </Col>
        </Row>
      </Card>
      <Card title={<h2 className="card-title">提醒、督办与外链检测</h2>} className="section-card" size="small">
        <Row gutter={8}>
          <Col xs={12} md={6}>
            <Num name={['notices', 'hour']} label="每日提醒时间（时）" min={0} max={23} extra="北京时间，0–23" />
          </Col>
          <Col xs={12} md={6}>
            <Num
              name={['notices', 'escalateAfterWorkdays']}
              label="未达标几个工作日后督办"
              min={0}
              max={60}
              extra="督办通知网站中心"
            />
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label="发送即将到期提醒" name={['notices', 'sendDueSoon']} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Num name={['links', 'timeoutSeconds']} label="外链检测超时（秒）" min={1} max={120} />
          </Col>
          <Col xs={12} md={6}>
            <Num name={['links', 'failuresToBreach']} label="外链连续失败几次判未达标" min={1} max={50} />
          </Col>
        </Row>
      </Card>
      <Space>
        <Button type="primary" onClick={() => void save()} loading={busy}>
          保存检查参数
        </Button>
        <Button onClick={restore}>填入默认值</Button>
      </Space>
    </Form>
  );
}
