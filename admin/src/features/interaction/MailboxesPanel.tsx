import { Alert, Button, Form, InputNumber, Modal, Space, Switch, Table, Tag, TreeSelect } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { MailboxKind, type MailboxView } from '@contract/interaction';
import { api } from '../../api/client';
import { defaultSiteId, useColumnTree, useSites } from '../../api/hooks';
import { showServerIssues } from '../../lib/form';
import { UnitFilter } from '../../lib/UnitFilter';
import { columnTreeData } from '../articles/column-options';
import { useMailboxes } from './queries';

/** A column of the default site that stands for something of 政民互动 (clearable: none). */
export function InteractionColumnSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value?: number | null;
  onChange?(v: number | null): void;
}) {
  const sites = useSites();
  const tree = useColumnTree(defaultSiteId(sites.data));
  return (
    <TreeSelect
      id={id}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      placeholder="不计入栏目"
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      treeData={columnTreeData(tree.data ?? [], (c) => c.kind !== 'link')}
      listHeight={360}
    />
  );
}

/**
 * The mailboxes with their 办理时限 (working days) and the column their published replies count toward;
 * the 12345 office changes them and opens a 部门信箱 for a unit. Others see them.
 */
export function MailboxesPanel({ office }: { office: boolean }) {
  const boxes = useMailboxes();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<MailboxView | null>(null);
  const [unitId, setUnitId] = useState<number | undefined>();
  const [error, setError] = useState<string | null>(null);
  const open = useMutation({
    mutationFn: (id: number) => api.post('/api/mailboxes', { unitId: id }),
    onSuccess: async () => {
      setUnitId(undefined);
      setError(null);
      await qc.invalidateQueries({ queryKey: ['mailboxes'] });
    },
    onError: (e) => setError(e instanceof Error ? e.message : String(e)),
  });
  return (
    <>
      <p>时限按工作日计算（节假日和调休按项目日历）。修改只影响之后开始计时的来信，已在办理中的期限不变。</p>
      {office && (
        <Space style={{ marginBottom: 12 }} wrap>
          <span id="new-box-label">为单位开设部门信箱：</span>
          <UnitFilter aria-label="开设部门信箱的单位" value={unitId} onChange={setUnitId} style={{ width: 220 }} />
          <Button disabled={!unitId} loading={open.isPending} onClick={() => unitId && open.mutate(unitId)}>
            开设部门信箱
          </Button>
        </Space>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<MailboxView>
        rowKey="id"
        size="small"
        loading={boxes.isLoading}
        dataSource={boxes.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '信箱', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', render: (v: string) => MailboxKind.labels[v as MailboxKind] ?? v },
          { title: '受理（工作日）', dataIndex: 'acceptDays' },
          { title: '咨询答复', dataIndex: 'consultDays' },
          { title: '建议/投诉/求助答复', dataIndex: 'otherDays' },
          { title: '状态', dataIndex: 'enabled', render: (v: boolean) => (v ? '接收来信' : <Tag>已停用</Tag>) },
          ...(office
            ? [
                {
                  title: '操作',
                  render: (_: unknown, b: MailboxView) => (
                    <Button size="small" onClick={() => setEditing(b)}>
                      修改
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <MailboxDialog box={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function MailboxDialog({ box, onClose }: { box: MailboxView; onClose: () => void }) {
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.put(`/api/mailboxes/${box.id}`, { ...v, columnId: v.columnId ?? null }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['mailboxes'] });
      onClose();
    },
    onError: (e) => {
      setError(e instanceof Error ? e.message : String(e));
      showServerIssues(form, e);
    },
  });
  const days = (name: string, label: string, max: number) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
      <InputNumber min={1} max={max} precision={0} addonAfter="个工作日" />
    </Form.Item>
  );
  return (
    <Modal
      open
      title={`修改“${box.name}”`}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        aria-label="信箱设置"
        initialValues={box}
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        {days('acceptDays', '受理时限', 10)}
        {days('consultDays', '咨询答复时限', 60)}
        {days('otherDays', '建议、投诉、求助答复时限', 60)}
        <Form.Item name="enabled" label="接收来信" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="columnId" label="公开答复计入的栏目" htmlFor="box-column">
          <InteractionColumnSelect id="box-column" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
