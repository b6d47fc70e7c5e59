import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Modal, Popconfirm, Select, Space, Table, TreeSelect } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { defaultSiteId, useColumnTree, useSites, useUnits } from '../../api/hooks';
import type { Grant } from '@contract/org';
import { formatDateTime } from '../../lib/time';
import { columnTreeData } from '../articles/column-options';
import { validated } from '../../lib/form';

/** Columns a unit may also write in beyond its duties (a department asked to feed a topic column). */
export function GrantsTab({ canWrite }: { canWrite: boolean }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const grants = useQuery({ queryKey: ['column-grants'], queryFn: () => api.get<Grant[]>('/api/column-grants') });
  const units = useUnits();
  const sites = useSites();
  const [siteId, setSiteId] = useState<number>();
  const tree = useColumnTree(siteId ?? defaultSiteId(sites.data));
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ unitId: number; columnId: number }>();

  const refresh = () =>
    Promise.all(['column-grants', 'unit-columns'].map((k) => client.invalidateQueries({ queryKey: [k] })));
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      await api.post('/api/column-grants', v);
      await refresh();
      setOpen(false);
      form.resetFields();
      void message.success('已授权');
    } catch {
      // Shown by the API client.
    }
  };

  return (
    <>
      {canWrite && (
        <Space className="filter-bar">
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setOpen(true)}>
            授权单位维护栏目
          </Button>
        </Space>
      )}
      <Table<Grant>
        rowKey="id"
        loading={grants.isLoading}
        dataSource={grants.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: '暂无额外授权；单位默认可在其负责的栏目中发布' }}
        scroll={{ x: 640 }}
        columns={[
          { title: '单位', dataIndex: 'unitName', width: 160 },
          { title: '栏目', dataIndex: 'columnName', render: (n: string, g) => `${n}（${g.columnPath}）` },
          { title: '授权时间', dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
          ...(canWrite
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 90,
                  render: (_: unknown, g: Grant) => (
                    <Popconfirm
                      title={`撤销“${g.unitName}”对“${g.columnName}”的授权？`}
                      okText="撤销"
                      cancelText="取消"
                      onConfirm={async () => {
                        await api.delete(`/api/column-grants/${g.id}`).catch(() => undefined);
                        await refresh();
                      }}
                    >
                      <Button type="link" danger size="small" aria-label={`撤销${g.unitName}对${g.columnName}的授权`}>
                        撤销
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={open}
        title="授权单位维护栏目"
        okText="授权"
        cancelText="取消"
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item label="单位" name="unitId" rules={[{ required: true, message: '请选择单位' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={units.data?.map((u) => ({ value: u.id, label: u.shortName }))}
            />
          </Form.Item>
          {(sites.data?.length ?? 0) > 1 && (
            <Form.Item label="站点" htmlFor="grant-site">
              <Select
                id="grant-site"
                value={siteId ?? defaultSiteId(sites.data)}
                onChange={setSiteId}
                options={sites.data?.map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          )}
          <Form.Item
            label="栏目"
            name="columnId"
            rules={[{ required: true, message: '请选择栏目' }]}
            extra="授权包括该栏目的全部下级栏目"
          >
            <TreeSelect showSearch treeNodeFilterProp="title" treeData={columnTreeData(tree.data ?? [], () => true)} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
