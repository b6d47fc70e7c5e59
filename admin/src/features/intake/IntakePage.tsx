import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { IntakeState, type IntakeItem, type IntakeList, type IntakeReceipt } from '@contract/intake';
import { api, qs } from '../../api/client';
import { PageHeading } from '../../layout/AppLayout';
import { FilePicker } from '../../lib/FilePicker';
import { options } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { usePageTitle } from '../../lib/usePageTitle';
import { ClaimDialog } from './ClaimDialog';
import { MailboxForm } from './MailboxForm';
import { PaperForm } from './PaperForm';

const STATE_COLORS: Record<string, string> = { drafted: 'success', unclaimed: 'warning', refused: 'error' };
const PAGE_SIZE = 50;

/** 邮件与纸质报送: the centre's mailbox items, the 待认领 queue, .eml upload, paper registration, settings. */
export default function IntakePage() {
  usePageTitle('邮件与纸质报送');
  const [tab, setTab] = useState('mail');
  return (
    <>
      <PageHeading title="邮件与纸质报送" />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'mail', label: '邮件报送', children: <MailList state={undefined} /> },
          { key: 'unclaimed', label: '待认领', children: <MailList state="unclaimed" /> },
          { key: 'paper', label: '纸质登记', children: <PaperForm onDone={() => setTab('mail')} /> },
          { key: 'mailbox', label: '邮箱设置', children: <MailboxForm /> },
        ]}
      />
    </>
  );
}

function MailList({ state: fixed }: { state: IntakeItem['state'] | undefined }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [state, setState] = useState<string | undefined>(fixed);
  const [page, setPage] = useState(1);
  const [claiming, setClaiming] = useState<IntakeItem | null>(null);
  const [eml, setEml] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const filter = { state: fixed ?? state, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: ['intake', 'items', filter],
    queryFn: () => api.get<IntakeList>(`/api/intake/items${qs(filter)}`),
    placeholderData: (prev) => prev,
  });
  const upload = async () => {
    if (!eml) return void message.error('请选择 .eml 邮件文件');
    setBusy(true);
    try {
      const r = await api.upload<IntakeReceipt>('/api/intake/eml', eml, eml.name);
      void message.success(r.duplicate ? `该邮件已收过（${r.item.stateLabel}）` : `已收取：${r.item.stateLabel}`);
      await client.invalidateQueries({ queryKey: ['intake'] });
    } catch {
      // shown by the client
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        {!fixed && (
          <Select
            aria-label="状态"
            allowClear
            placeholder="全部状态"
            style={{ width: 160 }}
            value={state}
            onChange={(v) => {
              setState(v);
              setPage(1);
            }}
            options={options(IntakeState.labels)}
          />
        )}
        <FilePicker id="eml-file" label="邮件文件（.eml）" accept=".eml,message/rfc822" onChange={setEml} />
        <Button onClick={upload} loading={busy}>
          上传 .eml
        </Button>
      </Space>
      <Table<IntakeItem>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          { title: '收到时间', dataIndex: 'receivedAt', width: 160, render: (v: string) => formatDateTime(v) },
          { title: '渠道', dataIndex: 'channelLabel', width: 90 },
          {
            title: '主题',
            dataIndex: 'subject',
            render: (_: unknown, r) => (
              <>
                {r.articleId ? <Link to={`/articles/${r.articleId}`}>{r.subject}</Link> : r.subject}
                {r.notes.length > 0 && (
                  <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                    {r.notes.join('；')}
                  </Typography.Paragraph>
                )}
              </>
            ),
          },
          {
            title: '发件人',
            dataIndex: 'sender',
            width: 200,
            render: (v: string | null, r) => v ?? (r.pages ? `纸质 ${r.pages} 页` : '—'),
          },
          { title: '单位', dataIndex: 'unitName', width: 110, render: (v: string | null) => v ?? '—' },
          { title: '栏目', dataIndex: 'columnName', width: 110, render: (v: string | null) => v ?? '—' },
          {
            title: '状态',
            dataIndex: 'state',
            width: 200,
            render: (_: unknown, r) => (
              <>
                <Tag color={STATE_COLORS[r.state]}>{r.stateLabel}</Tag>
                {r.reason && <div className="muted">{r.reason}</div>}
              </>
            ),
          },
          {
            title: '操作',
            width: 90,
            render: (_: unknown, r) =>
              r.state === 'unclaimed' ? (
                <Button size="small" type="primary" onClick={() => setClaiming(r)}>
                  认领
                </Button>
              ) : null,
          },
        ]}
      />
      <ClaimDialog
        item={claiming}
        onClose={async (done) => {
          setClaiming(null);
          if (done) await client.invalidateQueries({ queryKey: ['intake'] });
        }}
      />
    </Card>
  );
}
