import { ArticleStatus } from '@contract/content';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Alert, Card, Select, Statistic } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, qs } from '../../api/client';
import { defaultSiteId, useSites } from '../../api/hooks';
import type { Trend } from '@contract/guarantee';
import type { MissingPersonnel } from '@contract/org';
import type { ArticleListItem } from '@contract/articles';
import type { Page } from '@contract/common';
import { PageHeading } from '../../layout/AppLayout';
import { shanghaiToday } from '../../lib/time';
import { lastWeeks } from '../../lib/weeks';
import { useAccess } from '../auth/session';
import { BoardSummaryPanel } from '../guarantee/DashboardPanels';
import { PublishQueue } from '../review/PublishQueue';
import { useTasks } from '../review/queries';
import { LatestArticles } from './LatestArticles';
import { WeeklyChart } from './WeeklyChart';

const WEEKS = 12;
const countOf = (params: Record<string, string | number | undefined>) => () =>
  api.get<Page<ArticleListItem>>(`/api/articles${qs({ ...params, pageSize: 1 })}`).then((p) => p.total);

/** The website centre's first screen: today's queue (review steps, items waiting to go online), then the site: how much is where, the board, and whether it keeps coming. */
export function CentreDashboard() {
  const access = useAccess();
  const sites = useSites();
  const [picked, setPicked] = useState<number>();
  const siteId = picked ?? defaultSiteId(sites.data);

  // The counts the centre watches: what is being written, what is online, what was taken down.
  const statuses = ['draft', 'published', 'offline'] as const satisfies readonly ArticleStatus[];
  const counts = useQueries({
    queries: statuses.map((status) => ({
      queryKey: ['articles', 'count', siteId, status],
      queryFn: countOf({ siteId, status }),
      enabled: !!siteId,
    })),
  });
  const weeks = lastWeeks(shanghaiToday(), WEEKS);
  // One request for all the weeks: the trend series' totals, weeks by their Monday as here. Keyed
  // under 'articles' so that saving or publishing an item refreshes it with the counts above.
  const range = { siteId, from: weeks[0]!.from, to: weeks[weeks.length - 1]!.to };
  const trend = useQuery({
    queryKey: ['articles', 'trend', range],
    queryFn: () => api.get<Trend>(`/api/guarantee/trend${qs(range)}`),
    enabled: !!siteId,
  });
  const perWeek = new Map(trend.data?.weeks.map((w, i) => [w, trend.data!.totals.published[i] ?? 0]));
  const missing = useQuery({
    queryKey: ['personnel', 'missing'],
    queryFn: () => api.get<MissingPersonnel[]>('/api/personnel/missing'),
    enabled: access.scope('personnel.read') === 'all',
  });

  // Today's queue: the review steps the centre holds, and (below) what waits to go online.
  const tasks = useTasks();
  const reviewing = (tasks.data ?? []).filter((t) => t.position > 0).length;
  const labels = ArticleStatus.labels;
  return (
    <>
      <PageHeading
        title="工作台"
        extra={
          (sites.data?.length ?? 0) > 1 && (
            <Select
              aria-label="站点"
              value={siteId}
              onChange={setPicked}
              style={{ minWidth: 220 }}
              options={sites.data?.map((s) => ({ value: s.id, label: s.name }))}
            />
          )
        }
      />
      {missing.data && missing.data.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="section-card"
          title={`有 ${missing.data.length} 个单位缺少分管领导或信息员`}
          action={<Link to="/personnel">查看保障人员</Link>}
        />
      )}
      {reviewing > 0 && (
        <Alert
          type="info"
          showIcon
          className="section-card"
          title={`有 ${reviewing} 项审核等待您处理`}
          action={<Link to="/tasks">去待办</Link>}
        />
      )}
      {access.can('article.publish') && <PublishQueue />}
      <div className="stat-grid">
        {statuses.map((s, i) => (
          <Card key={s}>
            <Statistic title={labels[s]} value={counts[i]?.data ?? '—'} suffix="条" />
            <Link
              to={`/articles?status=${s}${siteId ? `&siteId=${siteId}` : ''}`}
              aria-label={`查看${labels[s]}的信息`}
            >
              查看
            </Link>
          </Card>
        ))}
      </div>
      {access.scope('guarantee.read') === 'all' && <BoardSummaryPanel siteId={siteId} />}
      <Card title={<h2 className="card-title">近 {WEEKS} 周每周发布信息数</h2>} className="section-card">
        <WeeklyChart weeks={weeks.map((w) => ({ label: w.label, count: perWeek.get(w.from) ?? 0 }))} />
      </Card>
      <LatestArticles title="最近更新的信息" siteId={siteId} />
    </>
  );
}
