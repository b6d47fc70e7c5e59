import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm, Popover, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { keys, useGroups } from '../../api/hooks';
import { labelOf } from '@contract/common';
import { UNIT_CATEGORY_LABELS, type UnitGroup } from '@contract/org';
import { requiredRule, showServerIssues, validated } from '../../lib/form';
import { options } from '../../lib/labels';

interface GroupForm {
  name: string;
  description?: string | null;
  categories: string[];
}

/** Unit groups resolved by category (县各单位, 各镇、街道办事处、各园区, ...), as the guarantee list names them. */
export function GroupsTab({ canWrite }: { canWrite: boolean }) {
  const groups = useGroups();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<UnitGroup | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<GroupForm>();

  const open = (g: UnitGroup | 'new') => {
    setEditing(g);
    form.resetFields();
    if (g !== 'new') form.setFieldsValue({ name: g.name, description: g.description, categories: g.categories });
  };
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const body = { name: v.name.trim(), description: v.description?.trim() || null, categories: v.categories };
    setBusy(true);
    try {
      if (editing === 'new') await api.post('/api/unit-groups', body, { quiet: true });
      else if (editing) await api.put(`/api/unit-groups/${editing.id}`, body, { quiet: true });
      await client.invalidateQueries({ queryKey: keys.groups });
      setEditing(null);
      void message.success('单位分组已保存');
    } catch (e) {
      showServerIssues(form, e);
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (g: UnitGroup) => {
    try {
      await api.delete(`/api/unit-groups/${g.id}`);
      await client.invalidateQueries({ queryKey: keys.groups });
    } catch {
      // Shown by the API client (the group still holds duties).
    }
  };

  return (
    <>
      {canWrite && (
        <Space className="filter-bar">
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => open('new')}>
            新建单位分组
          </Button>
        </Space>
      )}
      <Table<UnitGroup>
        rowKey="id"
        loading={groups.isLoading}
        dataSource={groups.data ?? []}
        pagination={false}
        scroll={{ x: 720 }}
        columns={[
          { title: '分组名称', dataIndex: 'name', width: 220 },
          {
            title: '包含的单位类别',
            dataIndex: 'categories',
            render: (c: string[]) => c.map((x) => labelOf(UNIT_CATEGORY_LABELS, x)).join('、'),
          },
          {
            title: '成员单位',
            dataIndex: 'members',
            width: 120,
            render: (m: UnitGroup['members'], g) => (
              <Popover
                title={g.name}
                content={<div className="popover-list">{m.map((u) => u.shortName).join('、') || '暂无'}</div>}
                trigger="click"
              >
                <Button type="link" size="small" aria-label={`${g.name}的 ${m.length} 个成员单位`}>
                  {m.length} 个
                </Button>
              </Popover>
            ),
          },
          { title: '说明', dataIndex: 'description' },
          ...(canWrite
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 120,
                  render: (_: unknown, g: UnitGroup) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => open(g)} aria-label={`编辑${g.name}`}>
                        编辑
                      </Button>
                      <Popconfirm
                        title={`删除“${g.name}”？`}
                        okText="删除"
                        okButtonProps={{ danger: true }}
                        cancelText="取消"
                        onConfirm={() => remove(g)}
                      >
                        <Button type="link" size="small" danger aria-label={`删除${g.name}`}>
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
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '新建单位分组' : '编辑单位分组'}
        okText="保存"
        cancelText="取消"
        onOk={() => void submit()}
        onCancel={() => setEditing(null)}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            label="分组名称"
            name="name"
            rules={[requiredRule(), { max: 200, message: '不能超过 200 个字符' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            label="包含的单位类别"
            name="categories"
            rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个单位类别' }]}
          >
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              options={options(UNIT_CATEGORY_LABELS)}
            />
          </Form.Item>
          <Form.Item label="说明" name="description" rules={[{ max: 500, message: '不能超过 500 个字符' }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
