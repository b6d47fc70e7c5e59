import { useQuery } from '@tanstack/react-query';
import { Card, Form, Segmented, Table } from 'antd';
import { useState } from 'react';
import { api, qs } from '../../api/client';
import type { Trend } from '@contract/guarantee';
import { shanghaiToday } from '../../lib/time';
import { UnitFilter } from '../../lib/UnitFilter';
import { useAccess } from '../auth/session';
import { unitTotals, weekLabel } from './trend';
import { UnitBars, WeeklyLines } from './TrendChart';

const DAY = 86_400_000;
const daysBefore = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY).toISOString().slice(0, 10);

/** Updates per week (published, submitted through every channel, adopted) and per unit, as ECharts. */
export function TrendsTab() {
  const access = useAccess();
  const county = access.scope('guarantee.read') === 'all';
  const [weeks, setWeeks] = useState(12);
  const [unitId, setUnitId] = useState<number>();
  const to = shanghaiToday();
  const query = { from: daysBefore(to, weeks * 7 - 1), to, unitId };
  const trend = useQuery({
    queryKey: ['guarantee', 'trend', query],
    queryFn: () => api.get<Trend>(`/api/guarantee/trend${qs(query)}`),
    placeholderData: (p) => p,
  });
  const t = trend.data;
  const labels = (t?.weeks ?? []).map(weekLabel);
  const totals = unitTotals(t?.series ?? []);

  return (
    <>
      <Form layout="inline" className="filter-bar" aria-label="趋势范围">
        <Form.Item label="时间范围">
          <Segmented
            aria-label="时间范围"
            value={weeks}
            onChange={(v) => setWeeks(Number(v))}
            options={[
              { value: 12, label: '近 12 周' },
              { value: 26, label: '近 26 周' },
              { value: 52, label: '近 52 周' },
            ]}
          />
        </Form.Item>
        {county && (
          <Form.Item label="单位" htmlFor="t-unit">
            <UnitFilter id="t-unit" value={unitId} onChange={setUnitId} />
          </Form.Item>
        )}
      </Form>
      <Card
        title={<h2 className="card-title">每周更新量（周一为起始）</h2>}
        className="section-card"
        loading={trend.isLoading}
      >
        {t && (
          <WeeklyLines
            title="每周更新量"
            labels={labels}
            series={[
              { name: '发布', data: t.totals.published },
              { name: '报送', data: t.totals.submitted },
              { name: '采用', data: t.totals.adopted },
            ]}
          />
        )}
      </Card>
      <Card
        title={<h2 className="card-title">各单位更新量（{t ? `${t.from} 至 ${t.to}` : ''}）</h2>}
        className="section-card"
        loading={trend.isLoading}
      >
        {t && totals.length > 0 && (
          <UnitBars
            title="各单位更新量"
            units={totals.map((u) => u.unitName)}
            series={[
              { name: '发布', data: totals.map((u) => u.published) },
              { name: '报送', data: totals.map((u) => u.submitted) },
            ]}
          />
        )}
        <Table
          rowKey="unitId"
          size="small"
          dataSource={totals}
          pagination={false}
          scroll={{ x: 480 }}
          locale={{ emptyText: '该时段没有更新' }}
          columns={[
            { title: '单位', dataIndex: 'unitName' },
            { title: '发布', dataIndex: 'published', width: 90 },
            { title: '报送', dataIndex: 'submitted', width: 90 },
            { title: '采用', dataIndex: 'adopted', width: 90 },
          ]}
        />
      </Card>
    </>
  );
}
