import { Button, Space, Table, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FaqView } from '@contract/interaction';
import { api } from '../../api/client';
import { FaqDialog } from './FaqForm';
import { timeOf } from './letter-ui';
import { faqKeys, useFaqs } from './queries';

/** 刊登共性问题: the office's questions, each with the letters it came from; publish or take down. */
export function FaqPanel() {
  const faqs = useFaqs();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<FaqView | null>(null);
  const publish = useMutation({
    mutationFn: (v: { id: number; publish: boolean }) =>
      api.post(`/api/letter-faqs/${v.id}/publish`, { publish: v.publish }),
    onSuccess: () => qc.invalidateQueries({ queryKey: faqKeys.all }),
  });
  return (
    <>
      <p>在“来信办理”中勾选两件以上内容相近的来信，可整理为一条共性问题；刊登后显示在网站“刊登共性问题”栏目。</p>
      <Table<FaqView>
        rowKey="id"
        size="small"
        loading={faqs.isLoading}
        dataSource={faqs.data?.items ?? []}
        columns={[
          { title: '问题', dataIndex: 'question' },
          {
            title: '来信',
            render: (_, f) => `${f.letters.length} 件`,
          },
          {
            title: '状态',
            render: (_, f) =>
              f.publishedAt ? <Tag color="green">已刊登 {timeOf(f.publishedAt)}</Tag> : <Tag>未刊登</Tag>,
          },
          {
            title: '操作',
            render: (_, f) => (
              <Space>
                <Button size="small" onClick={() => setEditing(f)}>
                  修改
                </Button>
                <Button
                  size="small"
                  type={f.publishedAt ? 'default' : 'primary'}
                  loading={publish.isPending && publish.variables?.id === f.id}
                  onClick={() => publish.mutate({ id: f.id, publish: !f.publishedAt })}
                >
                  {f.publishedAt ? '撤下' : '刊登'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && <FaqDialog faq={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
