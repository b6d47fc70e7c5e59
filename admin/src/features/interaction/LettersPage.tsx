import { Card, Checkbox, Form, Select, Table, Tabs, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useState } from 'react';
import { LetterStatus, type LetterSummary } from '@contract/interaction';
import { usePageTitle } from '../../lib/usePageTitle';
import { dayOf, dueOf } from './letter-ui';
import { LetterStatsPanel } from './LetterStatsPanel';
import { useLetters, useMailboxes } from './queries';

/** 政民互动: the letters the person may see (the office all, a unit its own) and the statistics. */
export default function LettersPage() {
  usePageTitle('政民互动');
  return (
    <Card title={<h1 className="card-title">政民互动</h1>} className="section-card">
      <Tabs
        items={[
          { key: 'list', label: '来信办理', children: <LetterList /> },
          { key: 'stats', label: '统计', children: <LetterStatsPanel /> },
        ]}
      />
    </Card>
  );
}

function LetterList() {
  const [status, setStatus] = useState<string | undefined>();
  const [mailboxId, setMailboxId] = useState<number | undefined>();
  const [unit, setUnit] = useState<number | undefined>();
  const [overdue, setOverdue] = useState(false);
  const boxes = useMailboxes();
  const list = useLetters({ status, mailboxId });
  const all = list.data?.items ?? [];
  // The units come from the letters themselves: those that lead one are the ones worth filtering by.
  const units = [...new Map(all.filter((l) => l.leadUnitId).map((l) => [l.leadUnitId, l.leadUnitName])).entries()];
  const shown = all.filter((l) => (unit === undefined || l.leadUnitId === unit) && (!overdue || l.overdue));
  return (
    <>
      <Form layout="inline" className="filter-bar" aria-label="筛选来信">
        <Form.Item label="状态" htmlFor="letter-status">
          <Select
            id="letter-status"
            allowClear
            style={{ width: 170 }}
            value={status}
            onChange={setStatus}
            options={LetterStatus.values.map((v) => ({ value: v, label: LetterStatus.labels[v] }))}
          />
        </Form.Item>
        <Form.Item label="信箱" htmlFor="letter-mailbox">
          <Select
            id="letter-mailbox"
            allowClear
            style={{ width: 170 }}
            value={mailboxId}
            onChange={setMailboxId}
            options={(boxes.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
          />
        </Form.Item>
        <Form.Item label="承办单位" htmlFor="letter-unit">
          <Select
            id="letter-unit"
            allowClear
            style={{ width: 200 }}
            value={unit}
            onChange={setUnit}
            options={units.map(([value, label]) => ({ value: value as number, label: label ?? '' }))}
          />
        </Form.Item>
        <Form.Item>
          <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
            只看超期
          </Checkbox>
        </Form.Item>
      </Form>
      <Table<LetterSummary>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={shown}
        columns={[
          { title: '标题', dataIndex: 'title', render: (v: string, r) => <Link to={`/letters/${r.id}`}>{v}</Link> },
          { title: '信箱', dataIndex: 'mailbox' },
          { title: '来信时间', dataIndex: 'receivedAt', render: (v: string) => dayOf(v) },
          { title: '状态', dataIndex: 'status', render: (v: string) => LetterStatus.labels[v as LetterStatus] ?? v },
          { title: '承办单位', dataIndex: 'leadUnitName', render: (v: string | null) => v ?? '—' },
          {
            title: '期限',
            render: (_, r) => {
              const due = dueOf(r);
              if (!due) return '—';
              return r.overdue ? <Typography.Text type="danger">{due}（已超期）</Typography.Text> : due;
            },
          },
        ]}
      />
    </>
  );
}
