import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, InputNumber, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { SharePeriod, type ShareInput, type ShareList } from '@contract/crawl';
import { api } from '../../api/client';
import { showServerIssues } from '../../lib/form';
import { UnitSelect } from '../../lib/pickers';

const PERIODS = SharePeriod.values.map((v) => ({ value: v, label: SharePeriod.labels[v] }));

/**
 * 栏目共建: each co-building unit's share of the column (at least N items a month, quarter or year).
 * The list is saved as a whole; an empty list removes the shares and the duty is judged as before.
 */
export function SharesEditor({ dutyId, editable }: { dutyId: number; editable: boolean }) {
  const [form] = Form.useForm<ShareInput>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const shares = useQuery({
    queryKey: ['guarantee', 'shares', dutyId],
    queryFn: () => api.get<ShareList>(`/api/duties/${dutyId}/shares`),
  });
  useEffect(() => {
    if (shares.data)
      form.setFieldsValue({
        shares: shares.data.shares.map((s) => ({ unitId: s.unitId, minItems: s.minItems, period: s.period })),
      });
  }, [shares.data, form]);
  if (!shares.data) return null;

  const save = async (values: ShareInput) => {
    setBusy(true);
    try {
      const saved = await api.put<ShareList>(
        `/api/duties/${dutyId}/shares`,
        { shares: values.shares ?? [] },
        {
          quiet: true,
        },
      );
      client.setQueryData(['guarantee', 'shares', dutyId], saved);
      void client.invalidateQueries({ queryKey: ['guarantee', 'status'] });
      void client.invalidateQueries({ queryKey: ['guarantee', 'duty', dutyId] });
      void message.success(
        saved.shares.length ? `已保存 ${saved.shares.length} 个单位的共建份额` : '已取消栏目共建份额',
      );
    } catch (e) {
      if (!showServerIssues(form, e)) void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} onFinish={save} disabled={!editable || busy} aria-label="栏目共建份额">
      <p className="muted">每个共建单位按自己的份额分别考核：本期发布的信息达到份额为达标，期满未达到为未达标。</p>
      <Form.List name="shares">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item
                  name={[f.name, 'unitId']}
                  rules={[{ required: true, message: '请选择共建单位' }]}
                  style={{ minWidth: 200 }}
                >
                  <UnitSelect id={`share-unit-${i}`} placeholder="选择共建单位" ariaLabel={`第 ${i + 1} 个共建单位`} />
                </Form.Item>
                <Form.Item name={[f.name, 'period']} initialValue="month">
                  <Select aria-label={`第 ${i + 1} 个单位的考核周期`} options={PERIODS} style={{ width: 100 }} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'minItems']}
                  initialValue={1}
                  rules={[{ required: true, type: 'number', min: 1, max: 1000, message: '份额须在 1 到 1000 条之间' }]}
                >
                  <InputNumber aria-label={`第 ${i + 1} 个单位至少（条）`} min={1} max={1000} suffix="条" />
                </Form.Item>
                {editable && (
                  <Button type="link" danger onClick={() => remove(f.name)}>
                    移除
                  </Button>
                )}
              </Space>
            ))}
            {editable && (
              <Space>
                <Button onClick={() => add({ period: 'month', minItems: 1 })}>添加共建单位</Button>
                <Button type="primary" htmlType="submit" loading={busy}>
                  保存共建份额
                </Button>
              </Space>
            )}
          </>
        )}
      </Form.List>
    </Form>
  );
}
