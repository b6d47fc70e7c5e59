import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Chain, ChainStep } from '@contract/review';
import { PageHeading } from '../../layout/AppLayout';
import { labelOf } from '@contract/common';
import { ROLE_LABELS } from '@contract/org';
import { FORM_FIELD_LABELS, STEP_SCOPE_LABELS } from '../../lib/labels';
import { usePageTitle } from '../../lib/usePageTitle';
import { BindingsCard, bindingLabel } from './BindingsCard';
import { ChainForm } from './ChainForm';

export const CHAINS_KEY = ['review-chains'];

/** Review chains as data: their steps, where an edit restarts them, and where each applies (columns and channels). */
export default function ChainsPage() {
  usePageTitle('审核流程');
  const client = useQueryClient();
  const { message } = App.useApp();
  const chains = useQuery({ queryKey: CHAINS_KEY, queryFn: () => api.get<Chain[]>('/api/review-chains') });
  const [editing, setEditing] = useState<Chain | null>(null);
  const [open, setOpen] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: CHAINS_KEY });
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/review-chains/${id}`),
    onSuccess: () => {
      void message.success('审核流程已删除');
      void refresh();
    },
  });
  const edit = (c: Chain | null) => {
    setEditing(c);
    setOpen(true);
  };

  return (
    <>
      <PageHeading
        title="审核流程"
        extra={
          <Button type="primary" onClick={() => edit(null)}>
            新建审核流程
          </Button>
        }
      />
      <p className="muted">
        信息送审时按栏目查找最近的绑定（下级栏目继承上级栏目的流程，同一栏目优先使用指定报送渠道的绑定），找不到时使用全站流程。步骤的“报送单位”范围由送审信息所属单位的相应角色处理；拟稿人不能审核自己拟稿的信息。
      </p>
      {(chains.data ?? []).map((c) => (
        <Card
          key={c.id}
          className="section-card chain-card"
          title={<h2 className="card-title">{c.name}</h2>}
          extra={
            <Space wrap>
              <Button size="small" onClick={() => edit(c)} aria-label={`修改审核流程“${c.name}”`}>
                修改
              </Button>
              <Popconfirm
                title={`删除审核流程“${c.name}”？`}
                okText="删除"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={() => remove.mutateAsync(c.id).catch(() => undefined)}
              >
                <Button size="small" danger aria-label={`删除审核流程“${c.name}”`}>
                  删除
                </Button>
              </Popconfirm>
            </Space>
          }
        >
          {c.description && <p>{c.description}</p>}
          <Table<ChainStep>
            rowKey={(s) => s.position ?? s.name}
            size="small"
            pagination={false}
            dataSource={c.steps}
            scroll={{ x: 640 }}
            columns={[
              { title: '步骤', dataIndex: 'position', width: 60, render: (p: number) => `第 ${p} 步` },
              { title: '名称', dataIndex: 'name' },
              { title: '办理角色', dataIndex: 'role', render: (r: string) => labelOf(ROLE_LABELS, r) },
              { title: '范围', dataIndex: 'scope', render: (s: string) => STEP_SCOPE_LABELS[s] ?? s },
              {
                title: '审核表栏目',
                dataIndex: 'formField',
                render: (f: string | null) => (f ? FORM_FIELD_LABELS[f] : '—'),
              },
              { title: '期限', dataIndex: 'dueHours', width: 90, render: (h: number) => `${h} 小时` },
            ]}
          />
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 12 }}>
            <Descriptions.Item label="修改后重新审核">从第 {c.restartPosition} 步</Descriptions.Item>
            <Descriptions.Item label="审核通过后">{c.autoPublish ? '自动发布' : '由网站中心发布'}</Descriptions.Item>
            <Descriptions.Item label="适用于">
              {c.bindings.length ? (
                <Space size={4} wrap>
                  {c.bindings.map((b) => (
                    <Tag key={b.id}>{bindingLabel(b)}</Tag>
                  ))}
                </Space>
              ) : (
                <span className="muted">未绑定</span>
              )}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      ))}
      <BindingsCard chains={chains.data ?? []} onChanged={() => void refresh()} />
      <ChainForm chain={editing} open={open} onClose={() => setOpen(false)} onSaved={() => void refresh()} />
    </>
  );
}
