import { useQueries } from '@tanstack/react-query';
import { Alert, Button, Table } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Task } from '@contract/review';
import type { ArticleView as Article } from '@contract/articles';
import { PageHeading } from '../../layout/AppLayout';
import { formatDateTime } from '../../lib/time';
import { usePageTitle } from '../../lib/usePageTitle';
import { StatusTag } from '../dashboard/LatestArticles';
import { useMe } from '../auth/session';
import { PublishQueue } from './PublishQueue';
import { useTasks } from './queries';
import {
  actionColumn,
  byDeadline,
  deadlineColumn,
  TaskKindTags,
  taskHref,
  taskRowClass,
  unitColumn,
} from './task-columns';

/** 待办: the review steps this person may act on, their own items returned for revision, and (publishers) what waits to go online. */
export default function TasksPage() {
  usePageTitle('待办');
  const me = useMe();
  const publisher = !!me.permissions['article.publish'];
  const tasks = useTasks();
  const rows = byDeadline(tasks.data ?? []);
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
      {publisher && <PublishQueue />}
      {publisher && <h2 className="section-title">审核与修改</h2>}
      <Table<Task>
        rowKey="id"
        loading={tasks.isLoading}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 900 }}
        locale={{ emptyText: '没有待办事项' }}
        rowClassName={taskRowClass}
        columns={[
          {
            title: '事项',
            dataIndex: 'title',
            render: (_: string, t) => (
              <div>
                <Link to={taskHref(t)}>{t.title}</Link>
                <TaskKindTags task={t} />
                {t.position === 0 && reasonOf.get(t.articleId) && (
                  <div className="explanation">退回理由：{reasonOf.get(t.articleId)}</div>
                )}
              </div>
            ),
          },
          unitColumn,
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
          deadlineColumn,
          actionColumn,
        ]}
      />
    </>
  );
}
