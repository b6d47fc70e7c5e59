import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import type { AbbreviationsReply } from '@contract/search';
import { api } from '../../api/client';
import { PageHeading } from '../../layout/AppLayout';
import { usePageTitle } from '../../lib/usePageTitle';

interface Row {
  key: number;
  term: string;
  expansions: string;
}

const KEY = ['search-abbreviations'];
const SEPARATORS = /[，,、;；\s]+/;

const toRows = (items: AbbreviationsReply['items']): Row[] =>
  items.map((a, i) => ({ key: i, term: a.term, expansions: a.expansions.join('、') }));

/** The site search's abbreviation list: searching any form of an entry also finds the others. */
export default function SearchSettingsPage() {
  usePageTitle('站内搜索设置');
  const client = useQueryClient();
  const { message } = App.useApp();
  const list = useQuery({ queryKey: KEY, queryFn: () => api.get<AbbreviationsReply>('/api/search/abbreviations') });
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => {
    if (list.data) setRows(toRows(list.data.items));
  }, [list.data]);
  const save = useMutation({
    mutationFn: (items: AbbreviationsReply['items']) =>
      api.put<AbbreviationsReply>('/api/search/abbreviations', { items }),
    onSuccess: (data) => {
      client.setQueryData(KEY, data);
      void message.success('缩略语已保存，立即用于站内搜索');
    },
  });
  const edit = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const submit = () =>
    save.mutate(
      rows
        .map((r) => ({ term: r.term.trim(), expansions: r.expansions.split(SEPARATORS).filter(Boolean) }))
        .filter((r) => r.term || r.expansions.length),
    );

  return (
    <>
      <PageHeading title="站内搜索设置" />
      <Card
        title={<h2 className="card-title">缩略语</h2>}
        className="section-card"
        extra={
          <Space>
            <Button onClick={() => list.data && setRows(toRows(list.data.defaults))}>恢复默认</Button>
            <Button type="primary" loading={save.isPending} onClick={submit}>
              保存
            </Button>
          </Space>
        }
      >
        <Table<Row>
          rowKey="key"
          size="small"
          loading={list.isLoading}
          pagination={false}
          dataSource={rows}
          columns={[
            {
              title: '简称',
              key: 'term',
              width: 200,
              render: (_: unknown, r) => (
                <Input
                  aria-label="简称"
                  value={r.term}
                  maxLength={50}
                  onChange={(e) => edit(r.key, { term: e.target.value })}
                />
              ),
            },
            {
              title: '全称（多个用顿号分隔）',
              key: 'expansions',
              render: (_: unknown, r) => (
                <Input
                  aria-label={`${r.term || '此简称'}的全称`}
                  value={r.expansions}
                  onChange={(e) => edit(r.key, { expansions: e.target.value })}
                />
              ),
            },
            {
              title: '操作',
              key: 'remove',
              width: 80,
              render: (_: unknown, r) => (
                <Button type="link" danger onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                  删除
                </Button>
              ),
            },
          ]}
        />
        <Space style={{ marginTop: 12 }} direction="vertical">
          <Button onClick={() => setRows((rs) => [...rs, { key: Date.now(), term: '', expansions: '' }])}>
            添加一条
          </Button>
          <span className="muted">
            搜索简称时同时查找全称，搜索全称时也查找简称（如“环评”与“环境影响评价”）。重建搜索索引请在服务器上运行 npx
            govportal search reindex。
          </span>
        </Space>
      </Card>
    </>
  );
}
