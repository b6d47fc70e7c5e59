import { Alert, Button, Card, DatePicker, Form, Select, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { DutyStatus, UnitVerdict } from '@contract/guarantee-reports';
import { PageHeading } from '../../layout/AppLayout';
import { GUARANTEE_STATUS_LABELS, options, UPDATE_CLASS_LABELS } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { UnitFilter } from '../../lib/UnitFilter';
import { byUrgency, classMatrix, unitsByUrgency, type MatrixRow } from './board';
import { DutyDrawer } from './DutyDrawer';
import { IndicatorsCard } from './IndicatorsCard';
import { useStatusBoard } from './queries';
import { GStatusTag } from './status-ui';

const FILTERS = ['at', 'unitId', 'updateClass', 'status'] as const;
type Filter = Partial<Record<(typeof FILTERS)[number], string>>;
const STATUSES = ['breached', 'due_soon', 'met'] as const;
/** The status filter also offers 未生效 (duties whose date in force is still to come). */
const FILTER_STATUSES = [...STATUSES, 'not_in_force'] as const;

/** The county's status board: every duty red, amber or green with its explanation, by unit and column class, and the site's veto indicators. */
export function StatusBoard() {
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined])) as Filter;
  const dutyParam = Number(params.get('duty')) || null;
  const board = useStatusBoard({ ...filter, unitId: filter.unitId ? Number(filter.unitId) : undefined });
  // Filtered by a unit, the server judges a shared duty by that unit's own line: show its words.
  const duties = useMemo(
    () =>
      byUrgency(
        (board.data?.duties ?? []).map((d) =>
          filter.unitId && d.perUnit && d.units.length === 1 ? { ...d, found: d.units[0]!.found } : d,
        ),
      ),
    [board.data, filter.unitId],
  );
  // The matrix counts the board without its status filter, so it still shows all three colours.
  const unfiltered = useStatusBoard(
    { ...filter, status: undefined, unitId: filter.unitId ? Number(filter.unitId) : undefined },
    !!filter.status,
  );
  const matrix = classMatrix((filter.status ? unfiltered.data?.duties : board.data?.duties) ?? []);

  const set = (patch: Filter & { duty?: string }) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  const s = board.data?.summary;

  return (
    <>
      <PageHeading title="保障状态" extra={<Button onClick={() => void board.refetch()}>重新检查</Button>} />
      <Form layout="inline" className="filter-bar" aria-label="筛选保障责任">
        <Form.Item label="检查日期" htmlFor="g-at">
          <DatePicker
            id="g-at"
            value={filter.at ? dayjs(filter.at) : null}
            onChange={(d) => set({ at: d?.format('YYYY-MM-DD') })}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            placeholder="今天"
          />
        </Form.Item>
        <Form.Item label="单位" htmlFor="g-unit">
          <UnitFilter
            id="g-unit"
            value={filter.unitId ? Number(filter.unitId) : undefined}
            onChange={(v) => set({ unitId: v === undefined ? undefined : String(v) })}
          />
        </Form.Item>
        <Form.Item label="栏目类别" htmlFor="g-class">
          <Select
            id="g-class"
            allowClear
            placeholder="全部类别"
            style={{ width: 190 }}
            value={filter.updateClass}
            onChange={(v) => set({ updateClass: v })}
            options={options(UPDATE_CLASS_LABELS)}
          />
        </Form.Item>
        <Form.Item label="状态" htmlFor="g-status">
          <Select
            id="g-status"
            allowClear
            placeholder="全部"
            style={{ width: 130 }}
            value={filter.status}
            onChange={(v) => set({ status: v })}
            options={FILTER_STATUSES.map((k) => ({ value: k, label: GUARANTEE_STATUS_LABELS[k] }))}
          />
        </Form.Item>
      </Form>
      {board.data?.calendarNotes.map((n) => (
        <Alert key={n} type="info" showIcon className="form-hint" title={n} />
      ))}
      <div className="stat-grid">
        <Card>
          <Statistic title="保障责任" value={s?.duties ?? '—'} suffix="项" />
        </Card>
        <Card>
          <Statistic title="未达标" value={s?.breached ?? '—'} suffix="项" styles={{ content: { color: '#c9252d' } }} />
        </Card>
        <Card>
          <Statistic
            title="即将到期"
            value={s?.dueSoon ?? '—'}
            suffix="项"
            styles={{ content: { color: '#9a6700' } }}
          />
        </Card>
        <Card>
          <Statistic title="达标" value={s?.met ?? '—'} suffix="项" styles={{ content: { color: '#1a7f37' } }} />
        </Card>
        {!!s?.notInForce && (
          <Card>
            <Statistic title="未生效" value={s.notInForce} suffix="项" />
          </Card>
        )}
      </div>
      {board.data && <IndicatorsCard sites={board.data.sites} />}
      <Card title={<h2 className="card-title">按栏目类别</h2>} className="section-card" size="small">
        <Table<MatrixRow>
          rowKey="updateClass"
          size="small"
          pagination={false}
          dataSource={matrix}
          scroll={{ x: 560 }}
          locale={{ emptyText: '没有保障责任' }}
          columns={[
            {
              title: '栏目类别',
              dataIndex: 'label',
              render: (l: string, r) =>
                r.updateClass ? (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => set({ updateClass: r.updateClass })}
                    aria-label={`只看${l}`}
                  >
                    {l}
                  </Button>
                ) : (
                  l
                ),
            },
            ...(matrix.some((r) => r.not_in_force) ? FILTER_STATUSES : STATUSES).map((k) => ({
              title: <GStatusTag status={k} />,
              dataIndex: k,
              className: 'matrix-cell',
              width: 110,
              render: (n: number) => (n ? <strong>{n}</strong> : <span className="muted">0</span>),
            })),
            { title: '合计', dataIndex: 'total', width: 80 },
          ]}
        />
      </Card>
      <Table<DutyStatus>
        rowKey="dutyId"
        loading={board.isFetching}
        dataSource={duties}
        scroll={{ x: 1100 }}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (t) => `共 ${t} 项` }}
        locale={{ emptyText: '没有符合条件的保障责任' }}
        rowClassName={(d) => `duty-row duty-${d.status}`}
        expandable={{
          // A duty units share: each unit's own line, worst first. The control sits at the end of the
          // row, so the column's name stays the row's first cell.
          expandedRowRender: (d) => <UnitLines units={d.units} />,
          rowExpandable: (d) => d.perUnit && d.units.length > 1,
          expandIconColumnIndex: 7,
          columnTitle: '各单位',
          columnWidth: 70,
        }}
        columns={[
          { title: '栏目', dataIndex: 'columnPath' },
          {
            title: '类别',
            dataIndex: 'updateClassLabel',
            width: 130,
            render: (v: string | null, d) => (
              <>
                {v ?? '未分类'}
                {!d.updateClassConfirmed && <span className="muted">（待确认）</span>}
              </>
            ),
          },
          {
            title: '保障单位',
            dataIndex: 'partyLabels',
            width: 150,
            render: (p: string[]) => p.join('、') || <span className="muted">未指定</span>,
          },
          { title: '状态', dataIndex: 'status', width: 110, render: (st: string) => <GStatusTag status={st} /> },
          { title: '实际情况', dataIndex: 'found', width: 300 },
          { title: '最近更新', dataIndex: 'lastUpdateAt', width: 145, render: (v: string | null) => formatDateTime(v) },
          {
            title: '操作',
            key: 'op',
            width: 90,
            render: (_: unknown, d) => (
              <Button
                size="small"
                type="link"
                onClick={() => set({ duty: String(d.dutyId) })}
                aria-label={`查看说明：${d.columnPath}`}
              >
                查看说明
              </Button>
            ),
          },
        ]}
      />
      <DutyDrawer dutyId={dutyParam} at={filter.at} onClose={() => set({ duty: undefined })} />
    </>
  );
}

/** Each unit's own verdict on a duty units share (a group's column, a weekly per-unit rule). */
function UnitLines({ units }: { units: UnitVerdict[] }) {
  return (
    <Table<UnitVerdict>
      rowKey="unitId"
      size="small"
      className="unit-lines"
      dataSource={unitsByUrgency(units)}
      pagination={units.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      columns={[
        { title: '单位', dataIndex: 'unitName', width: 140 },
        { title: '状态', dataIndex: 'status', width: 110, render: (st: string) => <GStatusTag status={st} /> },
        {
          title: '情况',
          dataIndex: 'found',
          render: (f: string, u) => (
            <>
              {f}
              {u.since && u.status === 'breached' && <span className="muted">（自 {u.since} 起）</span>}
            </>
          ),
        },
      ]}
    />
  );
}
