import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { IntakeItem, IntakeList } from '@contract/intake';
import { api, qs } from '../../api/client';
import { formatDateTime } from '../../lib/time';

const PAGE_SIZE = 20;
const COLORS: Record<string, string> = {
  unclaimed: 'warning',
  refused: 'error',
  received: 'processing',
  returned: 'warning',
  adopted: 'success',
  not_adopted: 'error',
};

/** Where the item stands for the unit: 待认领 / 已拒收 before the ledger, then the ledger's state. */
function standing(r: IntakeItem): { key: string; label: string; reason: string | null } {
  if (r.state !== 'drafted') return { key: r.state, label: r.stateLabel, reason: r.reason };
  return r.ledgerState
    ? { key: r.ledgerState, label: r.ledgerStateLabel ?? r.ledgerState, reason: r.ledgerReason }
    : { key: 'received', label: r.stateLabel, reason: null };
}

/**
 * 本单位邮件与纸质报送: what the unit sent by e-mail or on paper and what became of it, including the
 * mails the ledger does not hold yet (待认领, 已拒收 with the reason).
 */
export function OwnIntake() {
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['intake', 'own', page],
    queryFn: () => api.get<IntakeList>(`/api/intake/own${qs({ page, pageSize: PAGE_SIZE })}`),
    placeholderData: (prev) => prev,
  });
  return (
    <Card
      title={<h2 className="card-title">本单位邮件与纸质报送</h2>}
      className="section-card"
      size="small"
      style={{ marginTop: 16 }}
    >
      <Table<IntakeItem>
        rowKey="id"
        size="small"
        aria-label="本单位邮件与纸质报送"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 800 }}
        locale={{ emptyText: '本单位还没有邮件或纸质报送' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          { title: '收到时间', dataIndex: 'receivedAt', width: 145, render: (v: string) => formatDateTime(v) },
          { title: '渠道', dataIndex: 'channelLabel', width: 100 },
          {
            title: '主题',
            dataIndex: 'subject',
            render: (s: string, r) => (r.articleId ? <Link to={`/articles/${r.articleId}`}>{s}</Link> : s),
          },
          { title: '栏目', dataIndex: 'columnName', width: 120, render: (v: string | null) => v ?? '—' },
          {
            title: '状态',
            key: 'standing',
            width: 220,
            render: (_: unknown, r) => {
              const s = standing(r);
              return (
                <>
                  <Tag color={COLORS[s.key]}>{s.label}</Tag>
                  {s.reason && <div className="muted">{s.reason}</div>}
                </>
              );
            },
          },
        ]}
      />
    </Card>
  );
}
