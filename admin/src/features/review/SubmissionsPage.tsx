import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Form, Select, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { api, qs } from '../../api/client';
import { useUnits } from '../../api/hooks';
import type { Submission, SubmissionCount } from '@contract/review';
import { PageHeading } from '../../layout/AppLayout';
import { options, SUBMISSION_CHANNEL_LABELS, SUBMISSION_STATE_LABELS } from '../../lib/labels';
import { formatDateTime, shanghaiToday } from '../../lib/time';
import { usePageTitle } from '../../lib/usePageTitle';
import { UnitFilter } from '../../lib/UnitFilter';
import { useAccess } from '../auth/session';
import { useUnreviewed } from './queries';
import { UnreviewedTag } from './UnreviewedTag';
import { OwnIntake } from '../intake/OwnIntake';

const FILTERS = ['unitId', 'channel', 'state', 'from', 'to', 'page'] as const;
type Filter = Record<(typeof FILTERS)[number], string | undefined>;
const STATE_COLORS: Record<string, string> = {
  received: 'processing',
  returned: 'warning',
  adopted: 'success',
  not_adopted: 'error',
};
const PAGE_SIZE = 50;

/** 报送台账: every item offered to the portal by any channel, and what became of it; counts per unit for a period. */
export default function SubmissionsPage() {
  usePageTitle('报送台账');
  const access = useAccess();
  const units = useUnits();
  const unreviewed = useUnreviewed();
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined])) as Filter;
  const page = Number(filter.page ?? 1);
  const county = access.scope('submission.read') === 'all';

  const list = useQuery({
    queryKey: ['submissions', filter],
    queryFn: () =>
      api.get<{ total: number; items: Submission[] }>(
        `/api/submissions${qs({ ...filter, page, pageSize: PAGE_SIZE })}`,
      ),
    placeholderData: (prev) => prev,
  });
  // The counts need a period: the chosen dates, or this month so far.
  const today = shanghaiToday();
  const period = { from: filter.from ?? `${today.slice(0, 7)}-01`, to: filter.to ?? today };
  const counts = useQuery({
    queryKey: ['submissions', 'counts', period],
    queryFn: () => api.get<SubmissionCount[]>(`/api/submissions/counts${qs(period)}`),
  });
  const unitName = new Map((units.data ?? []).map((u) => [u.id, u.shortName]));

  const set = (patch: Partial<Filter>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };
  const range: [Dayjs, Dayjs] | null = filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null;
  const channels = ['backoffice', 'email', 'paper', 'crawl', 'import'];

  return (
    <>
      <PageHeading title="报送台账" />
      <Form layout="inline" className="filter-bar" aria-label="筛选报送记录">
        {county && (
          <Form.Item label="单位" htmlFor="s-unit">
            <UnitFilter
              id="s-unit"
              value={filter.unitId ? Number(filter.unitId) : undefined}
              onChange={(v) => set({ unitId: v === undefined ? undefined : String(v) })}
            />
          </Form.Item>
        )}
        <Form.Item label="渠道" htmlFor="s-channel">
          <Select
            id="s-channel"
            allowClear
            placeholder="全部渠道"
            style={{ width: 160 }}
            value={filter.channel}
            onChange={(v) => set({ channel: v })}
            options={options(SUBMISSION_CHANNEL_LABELS)}
          />
        </Form.Item>
        <Form.Item label="状态" htmlFor="s-state">
          <Select
            id="s-state"
            allowClear
            placeholder="全部"
            style={{ width: 130 }}
            value={filter.state}
            onChange={(v) => set({ state: v })}
            options={options(SUBMISSION_STATE_LABELS)}
          />
        </Form.Item>
        <Form.Item label="报送日期" htmlFor="s-date">
          <DatePicker.RangePicker
            id={{ start: 's-date', end: 's-date-end' }}
            value={range}
            onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
            aria-label="报送日期范围"
          />
        </Form.Item>
      </Form>
      <Card
        title={
          <h2 className="card-title">
            各单位报送与采用（{period.from} 至 {period.to}）
          </h2>
        }
        className="section-card"
        size="small"
      >
        <Table<SubmissionCount>
          rowKey="unitId"
          size="small"
          loading={counts.isLoading}
          dataSource={counts.data ?? []}
          pagination={(counts.data?.length ?? 0) > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          scroll={{ x: 720 }}
          locale={{ emptyText: '该时段没有报送记录' }}
          columns={[
            { title: '单位', dataIndex: 'unitId', render: (id: number) => unitName.get(id) ?? id },
            { title: '报送', dataIndex: 'submitted', width: 80 },
            { title: '采用', dataIndex: 'adopted', width: 80 },
            {
              title: '采用率',
              key: 'rate',
              width: 90,
              render: (_: unknown, r) => (r.submitted ? `${Math.round((r.adopted / r.submitted) * 100)}%` : '—'),
            },
            ...channels.map((c) => ({
              title: SUBMISSION_CHANNEL_LABELS[c],
              key: c,
              width: 120,
              render: (_: unknown, r: SubmissionCount) => r.byChannel[c] ?? 0,
            })),
          ]}
        />
      </Card>
      <Table<Submission>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1000 }}
        locale={{ emptyText: '没有符合条件的报送记录' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p) => set({ page: String(p) }),
        }}
        columns={[
          {
            title: '标题',
            dataIndex: 'title',
            render: (t: string, r) =>
              r.articleId ? (
                <>
                  <Link to={`/articles/${r.articleId}/review`}>{t}</Link>
                  {unreviewed.has(r.articleId) && <UnreviewedTag />}
                </>
              ) : (
                t
              ),
          },
          { title: '单位', dataIndex: 'unitName', width: 110 },
          { title: '渠道', dataIndex: 'channelLabel', width: 130 },
          { title: '目标栏目', dataIndex: 'columnName', width: 130, render: (v: string | null) => v ?? '—' },
          { title: '报送时间', dataIndex: 'receivedAt', width: 145, render: (v: string) => formatDateTime(v) },
          {
            title: '状态',
            dataIndex: 'stateLabel',
            width: 180,
            render: (v: string, r) => (
              <>
                <Tag color={STATE_COLORS[r.state]}>{v}</Tag>
                {r.reason && <div className="muted">{r.reason}</div>}
              </>
            ),
          },
          { title: '处理时间', dataIndex: 'decidedAt', width: 145, render: (v: string | null) => formatDateTime(v) },
        ]}
      />
      {/* A unit's mails the ledger does not hold yet (待认领, 已拒收) and each item's outcome. */}
      {!county && <OwnIntake />}
    </>
  );
}
