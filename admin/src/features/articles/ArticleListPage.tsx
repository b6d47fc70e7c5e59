import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Popconfirm, Select, Space, Table, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, qs } from '../../api/client';
import { defaultSiteId, useColumnTree, useSites } from '../../api/hooks';
import type { ArticleListItem } from '@contract/articles';
import type { Page } from '@contract/common';
import { PageHeading } from '../../layout/AppLayout';
import { ArticleStatus, mayDelete, mayPublish, maySubmit, mayTake } from '@contract/content';
import { ARTICLE_TYPE_LABELS, options } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { usePageTitle } from '../../lib/usePageTitle';
import { UnitFilter } from '../../lib/UnitFilter';
import { useAccess } from '../auth/session';
import { StatusTag } from '../dashboard/LatestArticles';
import { reviewKeys, useUnreviewed } from '../review/queries';
import { ReasonDialog } from '../review/ReasonDialog';
import { SubmitDialog } from '../review/SubmitDialog';
import { UnreviewedTag } from '../review/UnreviewedTag';
import { columnTreeData } from './column-options';
import { UnpublishDialog } from './UnpublishDialog';

const FILTERS = ['siteId', 'columnId', 'unitId', 'status', 'type', 'from', 'to', 'q', 'page'] as const;

/** Every item the person may see, filtered by site, column, unit, status, type and date; filters live in the address. */
export default function ArticleListPage() {
  usePageTitle('信息管理');
  const access = useAccess();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const sites = useSites();
  const [unpublishing, setUnpublishing] = useState<ArticleListItem | null>(null);
  const [submitting, setSubmitting] = useState<ArticleListItem | null>(null);
  const [recalling, setRecalling] = useState<ArticleListItem | null>(null);
  const unreviewed = useUnreviewed();

  const filter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined])) as Record<
    (typeof FILTERS)[number],
    string | undefined
  >;
  const siteId = filter.siteId ? Number(filter.siteId) : defaultSiteId(sites.data);
  const page = Number(filter.page ?? 1);
  const tree = useColumnTree(siteId);
  const treeData = useMemo(() => columnTreeData(tree.data ?? [], () => true), [tree.data]);

  const query = { ...filter, siteId, page, pageSize: 20 };
  const list = useQuery({
    queryKey: ['articles', 'list', query],
    queryFn: () => api.get<Page<ArticleListItem>>(`/api/articles${qs(query)}`),
    enabled: !!siteId,
    placeholderData: (prev) => prev,
  });

  const set = (patch: Partial<Record<(typeof FILTERS)[number], string | number | undefined | null>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };

  const refresh = () => {
    void client.invalidateQueries({ queryKey: reviewKeys.tasks });
    return client.invalidateQueries({ queryKey: ['articles'] });
  };
  const publish = useMutation({
    mutationFn: (id: number) => api.post(`/api/articles/${id}/publish`),
    onSuccess: () => {
      void message.success('已发布');
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/articles/${id}`),
    onSuccess: () => {
      void message.success('已删除');
      void refresh();
    },
  });

  const range: [Dayjs, Dayjs] | null = filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null;

  return (
    <>
      <PageHeading
        title="信息管理"
        extra={
          access.can('article.write') && (
            <Button
              type="primary"
              onClick={() => void navigate(`/articles/new${filter.columnId ? `?columnId=${filter.columnId}` : ''}`)}
            >
              写信息
            </Button>
          )
        }
      />
      <Form layout="inline" className="filter-bar" aria-label="筛选信息">
        {(sites.data?.length ?? 0) > 1 && (
          <Form.Item label="站点" htmlFor="f-site">
            <Select
              id="f-site"
              value={siteId}
              style={{ width: 200 }}
              onChange={(v) => set({ siteId: v, columnId: undefined })}
              options={sites.data?.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
        )}
        <Form.Item label="栏目" htmlFor="f-column">
          <TreeSelect
            id="f-column"
            allowClear
            showSearch
            treeNodeFilterProp="title"
            placeholder="全部栏目"
            style={{ width: 220 }}
            value={filter.columnId ? Number(filter.columnId) : undefined}
            onChange={(v) => set({ columnId: v })}
            treeData={treeData}
          />
        </Form.Item>
        {access.scope('article.read') === 'all' && (
          <Form.Item label="单位" htmlFor="f-unit">
            <UnitFilter
              id="f-unit"
              value={filter.unitId ? Number(filter.unitId) : undefined}
              onChange={(v) => set({ unitId: v })}
            />
          </Form.Item>
        )}
        <Form.Item label="状态" htmlFor="f-status">
          <Select
            id="f-status"
            allowClear
            placeholder="全部"
            style={{ width: 120 }}
            value={filter.status}
            onChange={(v) => set({ status: v })}
            options={options(ArticleStatus.labels)}
          />
        </Form.Item>
        <Form.Item label="类型" htmlFor="f-type">
          <Select
            id="f-type"
            allowClear
            placeholder="全部"
            style={{ width: 110 }}
            value={filter.type}
            onChange={(v) => set({ type: v })}
            options={options(ARTICLE_TYPE_LABELS)}
          />
        </Form.Item>
        <Form.Item label="发布日期" htmlFor="f-date">
          <DatePicker.RangePicker
            id={{ start: 'f-date', end: 'f-date-end' }}
            value={range}
            onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
            aria-label="发布日期范围"
          />
        </Form.Item>
        <Form.Item label="标题" htmlFor="f-q">
          <Input.Search
            id="f-q"
            allowClear
            defaultValue={filter.q}
            placeholder="标题包含"
            onSearch={(v) => set({ q: v.trim() })}
            style={{ width: 200 }}
            maxLength={100}
          />
        </Form.Item>
      </Form>
      <Table<ArticleListItem>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 980 }}
        locale={{ emptyText: '没有符合条件的信息' }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p) => set({ page: p }),
        }}
        columns={[
          {
            title: '标题',
            dataIndex: 'title',
            render: (t: string, r) => (
              <Link to={`/articles/${r.id}`}>
                {r.isTop ? '【置顶】' : ''}
                {t}
              </Link>
            ),
          },
          { title: '栏目', dataIndex: 'columnName', width: 140 },
          { title: '单位', dataIndex: 'unitName', width: 110 },
          { title: '类型', dataIndex: 'type', width: 70, render: (t: string) => ARTICLE_TYPE_LABELS[t] ?? t },
          {
            title: '状态',
            dataIndex: 'status',
            width: 110,
            render: (s: string, r) => (
              <>
                <StatusTag status={s} />
                {unreviewed.has(r.id) && <UnreviewedTag />}
                {r.imported && <span className="muted">导入</span>}
              </>
            ),
          },
          { title: '发布时间', dataIndex: 'publishedAt', width: 145, render: (v: string | null) => formatDateTime(v) },
          { title: '更新时间', dataIndex: 'updatedAt', width: 145, render: (v: string) => formatDateTime(v) },
          {
            title: '操作',
            key: 'op',
            width: 200,
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                {access.can('article.write') && maySubmit(r.status) && (
                  <Button size="small" type="link" onClick={() => setSubmitting(r)} aria-label={`送审“${r.title}”`}>
                    送审
                  </Button>
                )}
                {access.can('article.write') && mayTake('recall', r.status) && (
                  <Button size="small" type="link" onClick={() => setRecalling(r)} aria-label={`撤回送审“${r.title}”`}>
                    撤回
                  </Button>
                )}
                {r.status !== 'draft' && (
                  <Link to={`/articles/${r.id}/review`} aria-label={`“${r.title}”的审核`}>
                    审核
                  </Link>
                )}
                {access.can('article.publish') && mayPublish(r.status) && (
                  <Popconfirm
                    title={`发布“${r.title}”？`}
                    okText="发布"
                    cancelText="取消"
                    onConfirm={() => publish.mutateAsync(r.id).catch(() => undefined)}
                  >
                    <Button size="small" type="link" aria-label={`发布“${r.title}”`}>
                      发布
                    </Button>
                  </Popconfirm>
                )}
                {access.can('article.publish') && mayTake('unpublish', r.status) && (
                  <Button size="small" type="link" onClick={() => setUnpublishing(r)} aria-label={`下线“${r.title}”`}>
                    下线
                  </Button>
                )}
                {/* An item that has been online is archived (原件存档备查): taken offline, never deleted. */}
                {access.can('article.delete') && mayDelete(r.status) && !r.publishedAt && (
                  <Popconfirm
                    title={`删除“${r.title}”？删除后不能恢复。`}
                    okText="删除"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => remove.mutateAsync(r.id).catch(() => undefined)}
                  >
                    <Button size="small" type="link" danger aria-label={`删除“${r.title}”`}>
                      删除
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <UnpublishDialog article={unpublishing} onClose={() => setUnpublishing(null)} onDone={() => void refresh()} />
      <SubmitDialog article={submitting} onClose={() => setSubmitting(null)} onDone={() => void refresh()} />
      <ReasonDialog
        open={!!recalling}
        title={`撤回送审“${recalling?.title ?? ''}”`}
        label="撤回原因"
        okText="撤回"
        extra="撤回后信息回到草稿状态，可修改后重新送审。"
        onClose={() => setRecalling(null)}
        onSubmit={async (reason) => {
          await api.post(`/api/articles/${recalling!.id}/recall`, { reason }, { quiet: true });
          void message.success('已撤回送审');
          void refresh();
        }}
      />
    </>
  );
}
