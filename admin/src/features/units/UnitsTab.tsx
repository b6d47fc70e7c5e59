import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { FormDrawer } from '../../lib/FormDrawer';
import { useState } from 'react';
import { api, qs } from '../../api/client';
import { keys } from '../../api/hooks';
import { labelOf } from '@contract/common';
import { UNIT_CATEGORY_LABELS, type Unit } from '@contract/org';
import { showServerIssues, validated } from '../../lib/form';
import { options } from '../../lib/labels';
import { formatDate } from '../../lib/time';
import { UnitFields, unitPayload, type UnitFormValues } from './UnitForm';

export function UnitsTab({ canWrite }: { canWrite: boolean }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<{ category?: string; q?: string }>({});
  const list = useQuery({
    queryKey: ['units', 'list', filter],
    queryFn: () => api.get<Unit[]>(`/api/units${qs(filter)}`),
  });
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<UnitFormValues>();

  const open = (u: Unit | 'new') => {
    setEditing(u);
    form.resetFields();
    form.setFieldsValue(
      u === 'new'
        ? // A unit entered now is new to the checks: held to its duties from today unless a date is chosen.
          { aliases: [], emails: [], sortOrder: 0, active: true, assessedFrom: formatDate(new Date().toISOString()) }
        : {
            name: u.name,
            shortName: u.shortName,
            category: u.category,
            code: u.code,
            aliases: u.aliases,
            emails: u.emails,
            sortOrder: u.sortOrder,
            active: u.active,
            assessedFrom: u.assessedFrom,
          },
    );
  };
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['units'] }),
      client.invalidateQueries({ queryKey: keys.groups }),
    ]);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setBusy(true);
    try {
      if (editing === 'new') await api.post<Unit>('/api/units', unitPayload(values), { quiet: true });
      else if (editing) await api.patch<Unit>(`/api/units/${editing.id}`, unitPayload(values), { quiet: true });
      await refresh();
      setEditing(null);
      void message.success('单位已保存');
    } catch (e) {
      showServerIssues(form, e);
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (u: Unit) => {
    try {
      await api.delete(`/api/units/${u.id}`);
      await refresh();
      void message.success('单位已删除');
    } catch {
      // Shown by the API client (still has items, accounts or duties: deactivate instead).
    }
  };

  return (
    <>
      <Space wrap className="filter-bar">
        <Select
          aria-label="单位类别"
          allowClear
          placeholder="全部类别"
          style={{ width: 160 }}
          options={options(UNIT_CATEGORY_LABELS)}
          onChange={(category) => setFilter((f) => ({ ...f, category }))}
        />
        <Input.Search
          aria-label="查找单位"
          placeholder="名称、简称或别名"
          allowClear
          style={{ width: 240 }}
          onSearch={(q) => setFilter((f) => ({ ...f, q: q.trim() || undefined }))}
        />
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => open('new')}>
            新建单位
          </Button>
        )}
      </Space>
      <Table<Unit>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (t) => `共 ${t} 个单位` }}
        columns={[
          { title: '单位全称', dataIndex: 'name' },
          { title: '简称', dataIndex: 'shortName', width: 120 },
          { title: '类别', dataIndex: 'category', width: 110, render: (c: string) => labelOf(UNIT_CATEGORY_LABELS, c) },
          { title: '别名', dataIndex: 'aliases', render: (a: string[]) => a.map((x) => <Tag key={x}>{x}</Tag>) },
          { title: '报送邮箱', dataIndex: 'emails', width: 200, render: (e: string[]) => e.join('、') },
          { title: '纳入考核', dataIndex: 'assessedFrom', width: 110, render: (d: string | null) => d ?? '—' },
          { title: '状态', dataIndex: 'active', width: 70, render: (a: boolean) => (a ? '启用' : <Tag>停用</Tag>) },
          ...(canWrite
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 120,
                  render: (_: unknown, u: Unit) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => open(u)} aria-label={`编辑${u.shortName}`}>
                        编辑
                      </Button>
                      <Popconfirm
                        title={`删除“${u.name}”？`}
                        description="仍有信息、账号或保障责任的单位不能删除，可改为停用。"
                        okText="删除"
                        okButtonProps={{ danger: true }}
                        cancelText="取消"
                        onConfirm={() => remove(u)}
                      >
                        <Button type="link" size="small" danger aria-label={`删除${u.shortName}`}>
                          删除
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormDrawer
        open={editing !== null}
        title={editing === 'new' ? '新建单位' : `编辑单位：${editing?.name ?? ''}`}
        size={520}
        busy={busy}
        onClose={() => setEditing(null)}
        onSave={() => void submit()}
      >
        <Form form={form} layout="vertical" disabled={busy}>
          <UnitFields />
        </Form>
      </FormDrawer>
    </>
  );
}
