import { Button, Card, Checkbox, Form, Select, Space, Table, Tabs, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useState } from 'react';
import { LetterStatus, type LetterSummary } from '@contract/interaction';
import { UnitFilter } from '../../lib/UnitFilter';
import { usePageTitle } from '../../lib/usePageTitle';
import { useMe } from '../auth/session';
import { BlacklistPanel } from './BlacklistPanel';
import { FaqDialog } from './FaqForm';
import { FaqPanel } from './FaqPanel';
import { dayOf, dueOf } from './letter-ui';
import { LetterStatsPanel } from './LetterStatsPanel';
import { MailboxesPanel } from './MailboxesPanel';
import { useFaqs, useLetters, useMailboxes } from './queries';

/** 政民互动: the letters the person may see (the office all, a unit its own), the office's tools, the statistics. */
export default function LettersPage() {
  usePageTitle('政民互动');
  const me = useMe();
  // The 共性问题 are the office's: the server says who that is (its operators and its unit's people).
  const office = useFaqs().isSuccess;
  return (
    <Card title={<h1 className="card-title">政民互动</h1>} className="section-card">
      <Tabs
        items={[
          { key: 'list', label: '来信办理', children: <LetterList office={office} /> },
          ...(office ? [{ key: 'faq', label: '共性问题', children: <FaqPanel /> }] : []),
          { key: 'boxes', label: '信箱与时限', children: <MailboxesPanel office={office} /> },
          ...(me.permissions['public_form.block']
            ? [{ key: 'block', label: '黑名单', children: <BlacklistPanel /> }]
            : []),
          { key: 'stats', label: '统计', children: <LetterStatsPanel /> },
        ]}
      />
    </Card>
  );
}

const PAGE_SIZE = 50;

function LetterList({ office }: { office: boolean }) {
  const [status, setStatus] = useState<string | undefined>();
  const [mailboxId, setMailboxId] = useState<number | undefined>();
  const [unitId, setUnitId] = useState<number | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<number[]>([]);
  const [faqOpen, setFaqOpen] = useState(false);
  const boxes = useMailboxes();
  const list = useLetters({ status, mailboxId, unitId, overdue, page, pageSize: PAGE_SIZE });
  // A new filter starts again at the first page.
  const filter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  return (
    <>
      <Form layout="inline" className="filter-bar" aria-label="筛选来信">
        <Form.Item label="状态" htmlFor="letter-status">
          <Select
            id="letter-status"
            allowClear
            style={{ width: 170 }}
            value={status}
            onChange={filter(setStatus)}
            options={LetterStatus.values.map((v) => ({ value: v, label: LetterStatus.labels[v] }))}
          />
        </Form.Item>
        <Form.Item label="信箱" htmlFor="letter-mailbox">
          <Select
            id="letter-mailbox"
            allowClear
            style={{ width: 170 }}
            value={mailboxId}
            onChange={filter(setMailboxId)}
            options={(boxes.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
          />
        </Form.Item>
        <Form.Item label="承办单位" htmlFor="letter-unit">
          <UnitFilter id="letter-unit" value={unitId} onChange={filter(setUnitId)} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item>
          <Checkbox checked={overdue} onChange={(e) => filter(setOverdue)(e.target.checked)}>
            只看超期
          </Checkbox>
        </Form.Item>
      </Form>
      {office && (
        <Space style={{ marginBottom: 12 }}>
          <Button disabled={selected.length < 2} onClick={() => setFaqOpen(true)}>
            整理为共性问题（已选 {selected.length} 件）
          </Button>
          <Typography.Text type="secondary">勾选两件以上内容相近的来信，归纳成一条共性问题统一解答。</Typography.Text>
        </Space>
      )}
      <Table<LetterSummary>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        rowSelection={
          office
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as number[]),
                preserveSelectedRowKeys: true,
              }
            : undefined
        }
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => `共 ${n} 件`,
          onChange: setPage,
        }}
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
      {faqOpen && (
        <FaqDialog
          letterIds={selected}
          onClose={(saved) => {
            setFaqOpen(false);
            if (saved) setSelected([]);
          }}
        />
      )}
    </>
  );
}
