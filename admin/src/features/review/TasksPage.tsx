import { useQueries } from '@tanstack/react-query';
import { Alert, Button, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Task } from '@contract/review';
import type { ArticleView as Article } from '@contract/articles';
import { PageHeading } from '../../layout/AppLayout';
import { formatDateTime } from '../../lib/time';
import { usePageTitle } from '../../lib/usePageTitle';
import { StatusTag } from '../dashboard/LatestArticles';
import { useTasks } from './queries';

/** 待办: the review steps this person may act on, and their own items returned for revision. */
export default function TasksPage() {
  usePageTitle('待办');
  const tasks = useTasks();
  const rows = [...(tasks.data ?? [])].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  // A returned item's task does not carry the reason; the item does (shown so the drafter knows what to fix).
  const returned = rows.filter((t) => t.position === 0);
  const reasons = useQueries({
    queries: returned.map((t) => ({
      queryKey: ['article', t.articleId],
      queryFn: () => api.get<Article>(`/api/articles/${t.articleId}`, { quiet: true }),
      staleTime: 0,
    })),
  });
  const reasonOf = new Map(returned.map((t, i) => [t.articleId, reasons[i]?.data?.statusReason ?? null]));
  const overdue = rows.filter((t) => t.overdue).length;

  return (
    <>
      <PageHeading title="待办" extra={<Button onClick={() => void tasks.refetch()}>刷新</Button>} />
      {overdue > 0 && (
        <Alert type="error" showIcon className="section-card" title={`有 ${overdue} 项待办已超过办理期限`} />
      )}
      <Table<Task>
        rowKey="id"
        loading={tasks.isLoading}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 900 }}
        locale={{ emptyText: '没有待办事项' }}
        rowClassName={(t) => (t.overdue ? 'row-missing' : '')}
        columns={[
          {
            title: '事项',
            dataIndex: 'title',
            render: (_: string, t) => (
              <div>
                <Link to={t.position === 0 ? `/articles/${t.articleId}` : `/articles/${t.articleId}/review`}>
                  {t.title}
                </Link>
                {t.retrospective && (
                  <Tag color="warning" className="flag-unreviewed">
                    紧急发布事后审核
                  </Tag>
                )}
                {t.position === 0 && reasonOf.get(t.articleId) && (
                  <div className="explanation">退回理由：{reasonOf.get(t.articleId)}</div>
                )}
              </div>
            ),
          },
          { title: '报送单位', dataIndex: 'unitName', width: 120 },
          {
            title: '办理人',
            dataIndex: 'roleLabel',
            width: 140,
            render: (r: string, t) => (t.position === 0 ? '拟稿人（本人）' : r),
          },
          {
            title: '信息状态',
            dataIndex: 'articleStatus',
            width: 100,
            render: (s: string) => <StatusTag status={s} />,
          },
          { title: '收到时间', dataIndex: 'createdAt', width: 145, render: (v: string) => formatDateTime(v) },
          {
            title: '办理期限',
            dataIndex: 'dueAt',
            width: 170,
            render: (v: string, t) => (
              <Space size={4} wrap>
                {formatDateTime(v)}
                {t.overdue && <Tag color="error">已超期</Tag>}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'op',
            width: 100,
            render: (_: unknown, t) => (
              <Link
                to={t.position === 0 ? `/articles/${t.articleId}` : `/articles/${t.articleId}/review`}
                aria-label={`${t.position === 0 ? '去修改' : '去审核'}：${t.articleTitle}`}
              >
                {t.position === 0 ? '去修改' : '去审核'}
              </Link>
            ),
          },
        ]}
      />
    </>
  );
}
