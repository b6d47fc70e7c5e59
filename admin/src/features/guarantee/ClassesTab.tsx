import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Popconfirm, Segmented, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { api, qs } from '../../api/client';
import type { ColumnClass, ColumnClasses } from '@contract/guarantee';
import { useSites } from '../../api/hooks';
import { UPDATE_CLASS_LABELS } from '../../lib/labels';
import { useAccess } from '../auth/session';

type View = 'pending' | 'unclassified' | 'all';
const VIEWS: Array<{ value: View; label: string }> = [
  { value: 'pending', label: '待确认' },
  { value: 'unclassified', label: '未分类' },
  { value: 'all', label: '全部' },
];
/** A Select cannot hold null: "none" stands for 不分类 (only the blank check). */
const NONE = 'none';
const CLASS_OPTIONS = [
  ...Object.entries(UPDATE_CLASS_LABELS).map(([value, label]) => ({ value, label })),
  { value: NONE, label: '不分类（只查空白）' },
];

/**
 * The update class of every column: the guarantee-list import proposes one from the column's name and
 * place; the website centre confirms it or picks another, and the checks use the class in force.
 */
export function ClassesTab() {
  const access = useAccess();
  const canWrite = access.can('guarantee.write');
  const client = useQueryClient();
  const { message } = App.useApp();
  const sites = useSites();
  const [siteId, setSiteId] = useState<number>();
  const [view, setView] = useState<View>('pending');
  const [withDuty, setWithDuty] = useState(true);
  const [busy, setBusy] = useState<number | 'all' | null>(null);
  // A column decided one by one stays in view (now 已确认) until the view changes, rather than vanishing
  // from under the pointer.
  const [kept, setKept] = useState<ReadonlySet<number>>(new Set());
  const list = useQuery({
    queryKey: ['guarantee', 'classes', siteId ?? null],
    queryFn: () => api.get<ColumnClasses>(`/api/guarantee/classes${qs({ siteId })}`),
  });
  const rows = useMemo(() => {
    const shown = (list.data?.columns ?? []).filter(
      (c) =>
        (!withDuty || c.hasDuty) &&
        (view === 'all' ||
          kept.has(c.columnId) ||
          (view === 'pending' ? !c.confirmed : c.updateClass === null && !c.confirmed)),
    );
    // Waiting for a decision: the columns the import could not place first, then its proposals (by the
    // proposal, which a decision does not change, so a row does not jump away once decided).
    return view === 'pending'
      ? [...shown.filter((c) => c.proposed === null), ...shown.filter((c) => c.proposed !== null)]
      : shown;
  }, [list.data, view, withDuty, kept]);
  const confirmable = rows.filter((c) => !c.confirmed && c.updateClass !== null);

  const done = async (text: string) => {
    void message.success(text);
    await client.invalidateQueries({ queryKey: ['guarantee'] });
  };
  const choose = async (c: ColumnClass, value: string) => {
    setBusy(c.columnId);
    setKept((k) => new Set([...k, c.columnId]));
    try {
      await api.put(`/api/guarantee/classes/${c.columnId}`, { updateClass: value === NONE ? null : value });
      await done(`已确定“${c.path}”的更新类别`);
    } finally {
      setBusy(null);
    }
  };
  const confirm = async (ids: number[]) => {
    setBusy(ids.length === 1 ? ids[0]! : 'all');
    if (ids.length === 1) setKept((k) => new Set([...k, ids[0]!]));
    try {
      const r = await api.post<{ confirmed: number }>('/api/guarantee/classes/confirm', { columnIds: ids });
      await done(`已确认 ${r.confirmed} 个栏目的更新类别`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card className="section-card" size="small">
      <p className="muted">
        导入保障清单时按栏目名称和位置给出国家检查指标的更新类别建议（动态要闻类 2 周、通知公告和政策文件类 6 个月、
        人事规划计划类和财政预决算年报类 1 年，概况信息等只查空白）。确认或修改后，应更新未更新按现行类别判断；
        再次导入清单不会改动已确定的类别。
      </p>
      <Space wrap className="filter-bar">
        {(sites.data?.length ?? 0) > 1 && (
          <Select
            aria-label="站点"
            style={{ width: 220 }}
            placeholder="默认站点"
            allowClear
            value={siteId}
            onChange={setSiteId}
            options={sites.data?.map((x) => ({ value: x.id, label: x.name }))}
          />
        )}
        <Segmented<View>
          aria-label="显示"
          options={VIEWS}
          value={view}
          onChange={(v) => {
            setView(v);
            setKept(new Set());
          }}
        />
        <Checkbox checked={withDuty} onChange={(e) => setWithDuty(e.target.checked)}>
          只看有保障责任的栏目
        </Checkbox>
        {canWrite && confirmable.length > 0 && (
          <Popconfirm
            title={`按现行类别确认以下 ${confirmable.length} 个栏目？`}
            okText="确认"
            cancelText="取消"
            onConfirm={() => confirm(confirmable.map((c) => c.columnId))}
          >
            <Button loading={busy === 'all'}>全部按建议确认（{confirmable.length}）</Button>
          </Popconfirm>
        )}
      </Space>
      <Table<ColumnClass>
        rowKey="columnId"
        size="small"
        loading={list.isLoading}
        dataSource={rows}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (t) => `共 ${t} 个栏目` }}
        locale={{ emptyText: view === 'pending' ? '没有待确认的栏目' : '没有栏目' }}
        columns={[
          { title: '栏目', dataIndex: 'path' },
          {
            title: '导入建议',
            dataIndex: 'proposedLabel',
            width: 170,
            render: (l: string | null) => l ?? <span className="muted">未能归类</span>,
          },
          {
            title: '现行类别',
            dataIndex: 'updateClass',
            width: 210,
            render: (v: string | null, c) =>
              canWrite ? (
                <Select
                  aria-label={`更新类别：${c.path}`}
                  style={{ width: 190 }}
                  showSearch={{ optionFilterProp: 'label' }}
                  value={v ?? NONE}
                  disabled={busy === c.columnId}
                  onChange={(value) => void choose(c, value)}
                  options={CLASS_OPTIONS}
                />
              ) : (
                (c.updateClassLabel ?? '不分类')
              ),
          },
          { title: '更新期限', dataIndex: 'windowLabel', width: 170 },
          {
            title: '状态',
            dataIndex: 'confirmed',
            width: 90,
            render: (ok: boolean) => (ok ? <Tag color="success">已确认</Tag> : <Tag color="warning">待确认</Tag>),
          },
          ...(canWrite
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 90,
                  render: (_: unknown, c: ColumnClass) =>
                    c.confirmed ? null : (
                      <Button
                        size="small"
                        type="link"
                        loading={busy === c.columnId}
                        onClick={() => void confirm([c.columnId])}
                        aria-label={`确认：${c.path}`}
                      >
                        确认
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
