import { App, Button, Card, Col, Form, Popconfirm, Row, Select, Table, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { api } from '../../api/client';
import { defaultSiteId, useColumnTree, useSites } from '../../api/hooks';
import type { Chain, ChainBinding } from '@contract/review';
import { SUBMISSION_CHANNEL_LABELS } from '../../lib/labels';
import { validated } from '../../lib/form';
import { columnTreeData } from '../articles/column-options';

export const bindingLabel = (b: { columnName: string | null; columnId: number | null; channel: string | null }) =>
  `${b.columnId === null ? '全站' : `栏目“${b.columnName ?? b.columnId}”及其下级`}${b.channel ? `（${SUBMISSION_CHANNEL_LABELS[b.channel] ?? b.channel}）` : ''}`;

const CHANNELS = ['backoffice', 'email', 'paper'];

interface BindingRow extends ChainBinding {
  chainId: number;
  chainName: string;
}

/** Where each chain applies: a column (its sub-columns inherit) or the whole site, for one channel or all. */
export function BindingsCard({ chains, onChanged }: { chains: Chain[]; onChanged(): void }) {
  const [form] = Form.useForm<{ chainId: number; columnId?: number; channel?: string }>();
  const { message } = App.useApp();
  const sites = useSites();
  const tree = useColumnTree(defaultSiteId(sites.data));
  const treeData = useMemo(() => columnTreeData(tree.data ?? [], () => true), [tree.data]);
  const rows: BindingRow[] = chains.flatMap((c) => c.bindings.map((b) => ({ ...b, chainId: c.id, chainName: c.name })));

  const bind = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      await api.post('/api/review-bindings', {
        chainId: v.chainId,
        columnId: v.columnId ?? null,
        channel: v.channel ?? null,
      });
      void message.success('已绑定；同一栏目和渠道原有的绑定已被替换');
      form.resetFields();
      onChanged();
    } catch {
      // Shown by the API client.
    }
  };
  const unbind = async (id: number) => {
    try {
      await api.delete(`/api/review-bindings/${id}`);
      void message.success('已解除绑定');
      onChanged();
    } catch {
      // Shown by the API client.
    }
  };

  return (
    <Card title={<h2 className="card-title">流程绑定</h2>} className="section-card">
      <Form form={form} layout="vertical" aria-label="新增流程绑定">
        <Row gutter={8} align="bottom">
          <Col xs={24} md={8}>
            <Form.Item label="审核流程" name="chainId" rules={[{ required: true, message: '请选择审核流程' }]}>
              <Select options={chains.map((c) => ({ value: c.id, label: c.name }))} placeholder="选择流程" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="栏目" name="columnId" extra="留空表示全站；下级栏目继承">
              <TreeSelect
                allowClear
                showSearch
                treeNodeFilterProp="title"
                treeData={treeData}
                placeholder="全站"
                listHeight={320}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={5}>
            <Form.Item label="报送渠道" name="channel" extra="留空表示所有渠道">
              <Select
                allowClear
                placeholder="所有渠道"
                options={CHANNELS.map((c) => ({ value: c, label: SUBMISSION_CHANNEL_LABELS[c] }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={3}>
            <Form.Item>
              <Button type="primary" onClick={() => void bind()}>
                绑定
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Table<BindingRow>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 560 }}
        columns={[
          { title: '适用于', key: 'where', render: (_: unknown, r) => bindingLabel(r) },
          { title: '审核流程', dataIndex: 'chainName' },
          {
            title: '操作',
            key: 'op',
            width: 110,
            render: (_: unknown, r) =>
              r.columnId === null && r.channel === null ? (
                <span className="muted">全站默认</span>
              ) : (
                <Popconfirm
                  title={`解除“${bindingLabel(r)}”的绑定？`}
                  okText="解除"
                  cancelText="取消"
                  onConfirm={() => unbind(r.id)}
                >
                  <Button size="small" type="link" aria-label={`解除${bindingLabel(r)}的绑定`}>
                    解除
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Card>
  );
}
