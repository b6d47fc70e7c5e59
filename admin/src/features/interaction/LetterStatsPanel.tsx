import { Form, Input, Table } from 'antd';
import { useState } from 'react';
import type { StatsRow } from '@contract/interaction';
import { UnitBars } from './StatsChart';
import { useLetterStats } from './queries';

const month = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(d);
const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

/** 统计: per unit and month, 收件, 办结, 按期办结率, 满意率 (computed by the server from the letters). */
export function LetterStatsPanel() {
  const now = new Date();
  const [from, setFrom] = useState(month(new Date(now.getTime() - 150 * 86_400_000)));
  const [to, setTo] = useState(month(now));
  const valid = /^\d{4}-\d{2}$/.test(from) && /^\d{4}-\d{2}$/.test(to);
  const stats = useLetterStats(valid ? from : '', valid ? to : '');
  const rows = stats.data?.rows ?? [];
  return (
    <>
      <Form layout="inline" className="filter-bar" aria-label="统计月份">
        <Form.Item label="起始月份（YYYY-MM）" htmlFor="stats-from">
          <Input id="stats-from" value={from} onChange={(e) => setFrom(e.target.value)} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item label="截止月份" htmlFor="stats-to">
          <Input id="stats-to" value={to} onChange={(e) => setTo(e.target.value)} style={{ width: 110 }} />
        </Form.Item>
      </Form>
      {rows.length > 0 && <UnitBars rows={rows} />}
      <Table<StatsRow>
        rowKey={(r) => `${r.unitId ?? 0}-${r.month}`}
        size="small"
        loading={stats.isLoading && valid}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: '单位', dataIndex: 'unitName' },
          { title: '月份', dataIndex: 'month' },
          { title: '收件', dataIndex: 'received' },
          { title: '办结', dataIndex: 'closed' },
          { title: '按期办结率', dataIndex: 'onTimeRate', render: pct },
          { title: '满意率', dataIndex: 'satisfiedRate', render: pct },
        ]}
      />
    </>
  );
}
