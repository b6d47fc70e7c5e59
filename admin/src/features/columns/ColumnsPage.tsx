import { ArrowDownOutlined, ArrowUpOutlined, EditOutlined, SwapOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Modal, Space, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, qs } from '../../api/client';
import { defaultSiteId, keys, useColumnTree, useSites } from '../../api/hooks';
import type { Column } from '@contract/sites';
import type { Duty } from '@contract/guarantee';
import { PageHeading } from '../../layout/AppLayout';
import { showServerIssues, validated } from '../../lib/form';
import { flatten, namePath, stepTarget, type MoveTarget } from '../../lib/tree';
import { usePageTitle } from '../../lib/usePageTitle';
import { useAccess } from '../auth/session';
import { columnTreeData } from '../articles/column-options';
import { DutyEditor } from '../guarantee/DutyEditor';
import { DutySummary } from '../guarantee/DutySummary';
import { ColumnForm, columnPayload, type ColumnFormValues } from './ColumnForm';
import { ColumnTreeCard } from './ColumnTreeCard';

/** The column tree of each site with every column's kind, responsible units, requirement and channel. */
export default function ColumnsPage() {
  usePageTitle('栏目与保障责任');
  const access = useAccess();
  const canWrite = access.can('column.write');
  const canDuty = access.can('duty.write');
  const client = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const sites = useSites();
  const siteId = Number(params.get('site')) || defaultSiteId(sites.data);
  const selected = Number(params.get('column')) || undefined;
  const tree = useColumnTree(siteId);
  const duties = useQuery({
    queryKey: ['duties', siteId],
    queryFn: () => api.get<Duty[]>(`/api/duties${qs({ siteId })}`),
    enabled: !!siteId,
  });
  const dutyByColumn = useMemo(() => new Map((duties.data ?? []).map((d) => [d.columnId, d])), [duties.data]);
  const column = useMemo(() => flatten(tree.data ?? []).find((c) => c.id === selected) ?? null, [tree.data, selected]);
  const duty = selected ? (dutyByColumn.get(selected) ?? null) : null;

  const [busy, setBusy] = useState(false);
  const [editingDuty, setEditingDuty] = useState(false);
  const [creating, setCreating] = useState(false);
  const [moving, setMoving] = useState(false);
  const [form] = Form.useForm<ColumnFormValues>();
  const [createForm] = Form.useForm<ColumnFormValues & { parentId?: number | null }>();
  const [moveTo, setMoveTo] = useState<number | 'root' | undefined>();

  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: keys.columns(siteId ?? 0) }),
      client.invalidateQueries({ queryKey: ['duties'] }),
    ]);
  const select = (id: number | undefined) => {
    const next = new URLSearchParams(params);
    if (id) next.set('column', String(id));
    else next.delete('column');
    setParams(next, { replace: true });
    setEditingDuty(false);
  };

  const move = async (id: number, target: MoveTarget) => {
    try {
      await api.post<Column>(`/api/columns/${id}/move`, target);
      await refresh();
      void message.success('栏目位置已更新');
    } catch {
      // Shown by the API client (for example: cannot move under its own sub-column).
    }
  };

  const save = async (values: ColumnFormValues) => {
    if (!column) return;
    setBusy(true);
    try {
      await api.patch<Column>(`/api/columns/${column.id}`, columnPayload(values), { quiet: true });
      await refresh();
      void message.success('栏目已保存');
    } catch (e) {
      showServerIssues(form, e);
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const create = async () => {
    const values = await validated(createForm);
    if (!values) return;
    setBusy(true);
    try {
      const created = await api.post<Column>(
        '/api/columns',
        { siteId, parentId: values.parentId ?? null, ...columnPayload(values) },
        { quiet: true },
      );
      await refresh();
      setCreating(false);
      createForm.resetFields();
      select(created.id);
      void message.success('栏目已创建');
    } catch (e) {
      showServerIssues(createForm, e);
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!column) return;
    try {
      await api.delete(`/api/columns/${column.id}`);
      select(undefined);
      await refresh();
      void message.success('栏目已删除');
    } catch {
      // Shown by the API client (sub-columns or items still there).
    }
  };

  const parentOptions = [
    { value: 'root', title: '（顶级栏目）', children: [] },
    ...columnTreeData(tree.data ?? [], (c) => c.id !== column?.id),
  ];
  const step = (delta: -1 | 1) => {
    const t = column && stepTarget(tree.data ?? [], column.id, delta);
    if (t && column) void move(column.id, t);
  };

  return (
    <>
      <PageHeading title="栏目与保障责任" />
      <div className="split">
        <ColumnTreeCard
          sites={sites.data ?? []}
          siteId={siteId}
          onSite={(id) => setParams({ site: String(id) })}
          tree={tree.data ?? []}
          duties={dutyByColumn}
          selected={selected}
          onSelect={select}
          onMove={(id, t) => void move(id, t)}
          onCreate={() => setCreating(true)}
          canWrite={canWrite}
          loading={tree.isLoading}
        />
        <div>
          {!column ? (
            <Card className="section-card">
              <Empty description="在左侧选择一个栏目，查看和修改它的属性与保障责任" />
            </Card>
          ) : (
            <>
              <Card
                title={<h2 className="card-title">保障责任：{namePath(tree.data ?? [], column.id)}</h2>}
                className="section-card"
                extra={
                  canDuty &&
                  !editingDuty && (
                    <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setEditingDuty(true)}>
                      {duty ? '修改保障责任' : '设置保障责任'}
                    </Button>
                  )
                }
              >
                {editingDuty ? (
                  <DutyEditor
                    key={`${column.id}-${duty?.id ?? 'new'}`}
                    columnId={column.id}
                    columnName={column.name}
                    duty={duty}
                    onCancel={() => setEditingDuty(false)}
                    onSaved={() => {
                      setEditingDuty(false);
                      void refresh();
                    }}
                  />
                ) : duty ? (
                  <DutySummary duty={duty} />
                ) : (
                  <p className="muted">
                    {column.sourceColumnId ? '本栏目显示其他栏目的信息，保障责任记在原栏目上。' : '尚未设置保障责任。'}
                  </p>
                )}
              </Card>
              <Card
                title={<h2 className="card-title">栏目属性</h2>}
                className="section-card"
                extra={
                  canWrite && (
                    <Space size={4} wrap>
                      <Button
                        size="small"
                        icon={<ArrowUpOutlined aria-hidden />}
                        onClick={() => step(-1)}
                        aria-label="上移栏目"
                      >
                        上移
                      </Button>
                      <Button
                        size="small"
                        icon={<ArrowDownOutlined aria-hidden />}
                        onClick={() => step(1)}
                        aria-label="下移栏目"
                      >
                        下移
                      </Button>
                      <Button size="small" icon={<SwapOutlined aria-hidden />} onClick={() => setMoving(true)}>
                        移动到…
                      </Button>
                    </Space>
                  )
                }
              >
                <ColumnForm
                  form={form}
                  column={column}
                  tree={tree.data ?? []}
                  disabled={!canWrite}
                  busy={busy}
                  onSubmit={(v) => void save(v)}
                  onDelete={() => void remove()}
                />
              </Card>
            </>
          )}
        </div>
      </div>
      <Modal
        open={creating}
        title="新建栏目"
        okText="创建"
        cancelText="取消"
        onOk={() => void create()}
        onCancel={() => setCreating(false)}
        confirmLoading={busy}
        destroyOnHidden
      >
        <ColumnForm
          form={createForm}
          column={null}
          tree={tree.data ?? []}
          disabled={false}
          busy={busy}
          onSubmit={() => void create()}
        >
          <Form.Item label="上级栏目" name="parentId" initialValue={column?.id ?? null} extra="留空为顶级栏目">
            <TreeSelect
              allowClear
              showSearch
              treeNodeFilterProp="title"
              treeData={columnTreeData(tree.data ?? [], () => true)}
              placeholder="顶级栏目"
            />
          </Form.Item>
        </ColumnForm>
      </Modal>
      <Modal
        open={moving}
        title={`移动“${column?.name ?? ''}”`}
        okText="移动"
        cancelText="取消"
        onCancel={() => setMoving(false)}
        onOk={() => {
          if (!column || moveTo === undefined) return void message.warning('请选择目标上级栏目');
          setMoving(false);
          void move(column.id, { parentId: moveTo === 'root' ? null : moveTo, sortOrder: 1_000_000 });
        }}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label="移到此栏目之下（排在最后）" htmlFor="move-parent">
            <TreeSelect
              id="move-parent"
              showSearch
              treeNodeFilterProp="title"
              value={moveTo}
              onChange={setMoveTo}
              treeData={parentOptions}
              placeholder="选择上级栏目"
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
