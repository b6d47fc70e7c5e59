import { type ArticleStatus, ArticleStatus as Statuses } from '@contract/content';
import { labelOf } from '@contract/common';
import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api, qs } from '../../api/client';
import type { ArticleListItem } from '@contract/articles';
import type { Page } from '@contract/common';
import { formatDateTime } from '../../lib/time';
import { useUnreviewed } from '../review/queries';
import { UnreviewedTag } from '../review/UnreviewedTag';

export const STATUS_COLORS: Record<ArticleStatus, string> = {
  draft: 'default',
  in_review: 'processing',
  returned: 'warning',
  approved: 'processing',
  scheduled: 'processing',
  rejected: 'error',
  published: 'success',
  offline: 'warning',
  withdrawn: 'error',
};

export function StatusTag({ status }: { status: string }) {
  return <Tag color={STATUS_COLORS[status as ArticleStatus]}>{labelOf(Statuses.labels, status)}</Tag>;
}

/** The most recently changed items the person may see (the server limits a unit to its own). */
export function LatestArticles({ title, siteId }: { title: string; siteId?: number }) {
  const unreviewed = useUnreviewed();
  const { data, isLoading } = useQuery({
    queryKey: ['articles', 'latest', siteId ?? null],
    queryFn: () => api.get<Page<ArticleListItem>>(`/api/articles${qs({ siteId, pageSize: 8 })}`),
  });
  return (
    <Card
      title={<h2 className="card-title">{title}</h2>}
      className="section-card"
      extra={<Link to="/articles">全部信息</Link>}
    >
      <Table<ArticleListItem>
        rowKey="id"
        size="small"
        loading={isLoading}
        pagination={false}
        dataSource={data?.items ?? []}
        scroll={{ x: 640 }}
        locale={{ emptyText: '还没有信息' }}
        columns={[
          { title: '标题', dataIndex: 'title', render: (t: string, r) => <Link to={`/articles/${r.id}`}>{t}</Link> },
          { title: '栏目', dataIndex: 'columnName', width: 140 },
          { title: '单位', dataIndex: 'unitName', width: 110 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 110,
            render: (s: string, r) => (
              <>
                <StatusTag status={s} />
                {unreviewed.has(r.id) && <UnreviewedTag />}
              </>
            ),
          },
          { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
        ]}
      />
    </Card>
  );
}
