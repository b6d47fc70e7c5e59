import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { SourceHealth, SourceKind, SourceMode, type RunResult, type Source, type SourceLog } from '@contract/crawl';
import { api } from '../../api/client';
import { PageHeading } from '../../layout/AppLayout';
import { formatDateTime } from '../../lib/time';
import { usePageTitle } from '../../lib/usePageTitle';
import { useAccess } from '../auth/session';
import { SourceForm } from './SourceForm';

// The theme's status colours (theme.ts) are the ones dark enough to read on their tags (WCAG AA).
const HEALTH_COLORS: Record<Source['health'], string> = {
  ok: 'success',
  failing: 'error',
  stale: 'warning',
  new: 'processing',
  disabled: 'default',
};

/** One source's recent runs, with the reason of each refusal. */
function SourceLogTable({ id }: { id: number }) {
  const log = useQuery({
    queryKey: ['crawl', 'log', id],
    queryFn: () => api.get<z.infer<typeof SourceLog>>(`/api/crawl/sources/${id}/log`),
  });
  return (
    <Table
      size="small"
      rowKey="id"
      loading={log.isLoading}
      dataSource={log.data?.items ?? []}
      pagination={{ pageSize: 10 }}
      columns={[
        { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
        {
          title: '结果',
          dataIndex: 'ok',
          width: 80,
          render: (ok: boolean) => <Tag color={ok ? 'success' : 'error'}>{ok ? '成功' : '失败'}</Tag>,
        },
        { title: '读取', dataIndex: 'found', width: 70 },
        { title: '新增', dataIndex: 'added', width: 70 },
        { title: '说明', dataIndex: 'message' },
      ]}
    />
  );
}

/** 网站抓取: department sources with their health; the website centre runs one at once after a fix. */
export default function CrawlSourcesPage() {
  usePageTitle('网站抓取');
  const access = useAccess();
  const client = useQueryClient();
  const { message } = App.useApp();
  const sources = useQuery({
    queryKey: ['crawl', 'sources'],
    queryFn: () => api.get<{ items: Source[] }>('/api/crawl/sources'),
  });
  // undefined: the form is closed; null: a new source.
  const [editing, setEditing] = useState<Source | null | undefined>(undefined);
  const run = useMutation({
    mutationFn: (id: number) => api.post<RunResult>(`/api/crawl/sources/${id}/run`, {}),
    onSuccess: (r) => void (r.ok ? message.success(r.message) : message.error(r.message)),
    onSettled: () => client.invalidateQueries({ queryKey: ['crawl'] }),
  });
  return (
    <>
      <PageHeading
        title="网站抓取"
        extra={
          access.can('crawl.write') && (
            <Button type="primary" onClick={() => setEditing(null)}>
              新建抓取源
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary">
        部门网站的信息列表或订阅源，按设定间隔抓取到栏目，作为“网站抓取”渠道的草稿由所属单位送审。连续 3
        次失败或长期没有新信息的抓取源，计入所属单位的保障情况。
      </Typography.Paragraph>
      <Table
        rowKey="id"
        loading={sources.isLoading}
        dataSource={sources.data?.items ?? []}
        expandable={{ expandedRowRender: (s: Source) => <SourceLogTable id={s.id} /> }}
        pagination={false}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '单位', dataIndex: 'unitName' },
          { title: '栏目', dataIndex: 'columnName' },
          {
            title: '方式',
            key: 'kind',
            render: (_: unknown, s: Source) => `${SourceKind.labels[s.kind]} · ${SourceMode.labels[s.mode]}`,
          },
          {
            title: '状况',
            dataIndex: 'health',
            render: (h: Source['health'], s: Source) => (
              <span title={s.lastError ?? undefined}>
                <Tag color={HEALTH_COLORS[h]}>{SourceHealth.labels[h]}</Tag>
              </span>
            ),
          },
          {
            title: '最近成功',
            dataIndex: 'lastSuccessAt',
            render: (v: string | null) => (v ? formatDateTime(v) : '—'),
          },
          { title: '连续失败', dataIndex: 'consecutiveFailures' },
          { title: '最新信息', dataIndex: 'newestItemAt', render: (v: string | null) => (v ? formatDateTime(v) : '—') },
          { title: '已收录', dataIndex: 'items' },
          ...(access.can('crawl.write')
            ? [
                {
                  title: '操作',
                  key: 'run',
                  render: (_: unknown, s: Source) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(s)} aria-label={`编辑 ${s.name}`}>
                        编辑
                      </Button>
                      <Button
                        size="small"
                        loading={run.isPending && run.variables === s.id}
                        onClick={() => run.mutate(s.id)}
                        aria-label={`立即抓取 ${s.name}`}
                      >
                        立即抓取
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <SourceForm open={editing !== undefined} source={editing ?? null} onClose={() => setEditing(undefined)} />
    </>
  );
}
