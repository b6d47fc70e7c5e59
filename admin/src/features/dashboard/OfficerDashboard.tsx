import { useQueries, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Statistic, Table, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api, qs } from '../../api/client';
import { keys, useSites, useUnitColumns } from '../../api/hooks';
import type { ColumnNode } from '@contract/sites';
import type { ArticleListItem } from '@contract/articles';
import type { Duty } from '@contract/guarantee';
import type { Page } from '@contract/common';
import { PageHeading } from '../../layout/AppLayout';
import { COLUMN_KIND_LABELS } from '../../lib/labels';
import { acceptsArticles, flatten, namePath } from '../../lib/tree';
import { useAccess, useMe } from '../auth/session';
import { UnitDutiesPanel } from '../guarantee/DashboardPanels';
import { useTasks } from '../review/queries';
import { LatestArticles } from './LatestArticles';

interface UnitColumnRow {
  id: number;
  siteName: string;
  path: string;
  kind: string;
  writable: boolean;
  /** The duty that makes the unit responsible: the column's own, or that of the nearest parent. */
  duty: Duty | null;
}

/** An information officer's start: the columns its unit feeds, and what it wrote lately. */
export function OfficerDashboard() {
  const me = useMe();
  const access = useAccess();
  const navigate = useNavigate();
  const sites = useSites();
  const allowed = useUnitColumns(me.unit.id);
  const trees = useQueries({
    queries: (sites.data ?? []).map((s) => ({
      queryKey: keys.columns(s.id),
      queryFn: () => api.get<ColumnNode[]>(`/api/sites/${s.id}/columns`),
    })),
  });
  const duties = useQuery({
    queryKey: ['duties', 'unit', me.unit.id],
    queryFn: () => api.get<Duty[]>(`/api/duties${qs({ unitId: me.unit.id })}`),
  });
  const dutyOf = new Map((duties.data ?? []).map((d) => [d.columnId, d]));
  const counts = useQuery({
    queryKey: ['articles', 'unit-counts', me.unit.id],
    queryFn: async () => {
      const get = (status: string) =>
        api.get<Page<ArticleListItem>>(`/api/articles${qs({ status, pageSize: 1 })}`).then((p) => p.total);
      return { draft: await get('draft'), published: await get('published') };
    },
  });

  const ids = new Set(allowed.data ?? []);
  const rows: UnitColumnRow[] = [];
  (sites.data ?? []).forEach((site, i) => {
    const tree = trees[i]?.data ?? [];
    const parent = new Map(flatten(tree).map((c) => [c.id, c.parentId]));
    const nearestDuty = (id: number | null): Duty | null =>
      id === null ? null : (dutyOf.get(id) ?? nearestDuty(parent.get(id) ?? null));
    for (const c of flatten(tree)) {
      if (ids.has(c.id))
        rows.push({
          id: c.id,
          siteName: site.name,
          path: namePath(tree, c.id),
          kind: c.kind,
          writable: acceptsArticles(c),
          duty: nearestDuty(c.id),
        });
    }
  });
  const canWrite = access.can('article.write');
  // Their own items sent back: the first thing to do today.
  const returned = (useTasks().data ?? []).filter((t) => t.position === 0).length;

  return (
    <>
      <PageHeading
        title={`${me.unit.shortName}工作台`}
        extra={
          canWrite && (
            <Button type="primary" onClick={() => void navigate('/articles/new')}>
              写信息
            </Button>
          )
        }
      />
      {returned > 0 && (
        <Alert
          type="warning"
          showIcon
          className="section-card"
          title={`有 ${returned} 条信息被退回，等待您修改后重新送审`}
          action={
            <Button size="small" onClick={() => void navigate('/tasks')}>
              去修改
            </Button>
          }
        />
      )}
      <div className="stat-grid">
        <Card>
          <Statistic title="本单位负责的栏目" value={rows.length} suffix="个" loading={allowed.isLoading} />
        </Card>
        <Card>
          <Statistic title="本单位草稿" value={counts.data?.draft ?? '—'} suffix="条" />
        </Card>
        <Card>
          <Statistic title="本单位已发布" value={counts.data?.published ?? '—'} suffix="条" />
        </Card>
      </div>
      <Card title={<h2 className="card-title">本单位负责的栏目</h2>} className="section-card">
        <Table<UnitColumnRow>
          rowKey="id"
          size="small"
          loading={allowed.isLoading || trees.some((t) => t.isLoading)}
          dataSource={rows}
          pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          locale={{ emptyText: '本单位还没有负责的栏目；如有疑问请联系网站中心' }}
          scroll={{ x: 780 }}
          columns={[
            { title: '栏目', dataIndex: 'path' },
            ...((sites.data?.length ?? 0) > 1 ? [{ title: '站点', dataIndex: 'siteName' as const, width: 160 }] : []),
            {
              title: '类型',
              dataIndex: 'kind',
              width: 120,
              render: (k: string) => <Tag>{COLUMN_KIND_LABELS[k] ?? k}</Tag>,
            },
            {
              title: '更新要求',
              key: 'duty',
              width: 220,
              render: (_: unknown, r) =>
                r.duty ? (
                  <span title={r.duty.requirementText}>
                    {r.duty.cadenceLabel}，{r.duty.channelLabel}
                  </span>
                ) : (
                  <span className="muted">栏目授权</span>
                ),
            },
            {
              title: '操作',
              key: 'op',
              width: 120,
              render: (_: unknown, r) =>
                canWrite && r.writable ? (
                  <Button
                    size="small"
                    onClick={() => void navigate(`/articles/new?columnId=${r.id}`)}
                    aria-label={`在“${r.path}”写信息`}
                  >
                    写信息
                  </Button>
                ) : (
                  <span className="muted">不直接发布</span>
                ),
            },
          ]}
        />
      </Card>
      {access.can('guarantee.read') && <UnitDutiesPanel />}
      <LatestArticles title="本单位最近的信息" />
    </>
  );
}
