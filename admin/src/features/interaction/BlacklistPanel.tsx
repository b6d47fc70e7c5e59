import { Alert, Button, Form, Input, InputNumber, Popconfirm, Select, Table } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { showServerIssues } from '../../lib/form';
import { timeOf } from './letter-ui';
import { type BlacklistEntry, useBlacklist } from './queries';

const KIND_LABELS = { address: '网络地址', phone: '手机号码' } as const;

/**
 * The blacklist every public form consults (letters, 依申请公开, 民意征集, 在线访谈): an address or a phone
 * is refused, for some days or until removed. The reason is internal; the writer is told to call 12345.
 */
export function BlacklistPanel() {
  const list = useBlacklist();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['public-form-blacklist'] });
  const add = useMutation({
    mutationFn: (v: { kind: string; value: string; reason: string; days?: number | null }) =>
      api.post('/api/public-form-blacklist', {
        kind: v.kind,
        value: v.value,
        reason: v.reason,
        expiresAt: v.days ? new Date(Date.now() + v.days * 86_400_000).toISOString() : null,
      }),
    onSuccess: async () => {
      form.resetFields();
      setError(null);
      await refresh();
    },
    onError: (e) => {
      setError(e instanceof Error ? e.message : String(e));
      showServerIssues(form, e);
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/public-form-blacklist/${id}`),
    onSuccess: refresh,
  });
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="inline"
        aria-label="加入黑名单"
        initialValues={{ kind: 'address' }}
        onFinish={(v) => add.mutate(v)}
        style={{ marginBottom: 12, rowGap: 8 }}
      >
        <Form.Item name="kind" label="类型" htmlFor="block-kind">
          <Select
            id="block-kind"
            style={{ width: 120 }}
            options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="value" label="地址或号码" rules={[{ required: true, message: '请填写网络地址或手机号码' }]}>
          <Input style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="reason" label="理由（内部）" rules={[{ required: true, message: '请填写理由' }]}>
          <Input style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="days" label="暂停天数" tooltip="不填则一直暂停，直到移出">
          <InputNumber min={1} max={3650} precision={0} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            加入黑名单
          </Button>
        </Form.Item>
      </Form>
      <Table<BlacklistEntry>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: '类型', dataIndex: 'kind', render: (v: BlacklistEntry['kind']) => KIND_LABELS[v] },
          { title: '地址或号码', dataIndex: 'value' },
          { title: '理由', dataIndex: 'reason' },
          { title: '加入时间', dataIndex: 'createdAt', render: (v: string) => timeOf(v) },
          { title: '到期', dataIndex: 'expiresAt', render: (v: string | null) => (v ? timeOf(v) : '移出前一直有效') },
          {
            title: '操作',
            render: (_, e) => (
              <Popconfirm
                title={`恢复 ${e.value} 在线提交？`}
                okText="移出"
                cancelText="取消"
                onConfirm={() => remove.mutate(e.id)}
              >
                <Button size="small">移出</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </>
  );
}
