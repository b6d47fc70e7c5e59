import { Alert, Descriptions, Divider, Drawer, Spin, Table } from 'antd';
import { Link } from 'react-router-dom';
import type { CountedItem, UnitVerdict } from '@contract/guarantee-reports';
import { SUBMISSION_CHANNEL_LABELS, SUBMISSION_STATE_LABELS } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { useAccess } from '../auth/session';
import { unitsByUrgency } from './board';
import { DutyParamsForm } from './DutyParamsForm';
import { SharesEditor } from './SharesEditor';
import { useDutyStatus } from './queries';
import { GStatusTag } from './status-ui';

function Items({ items }: { items: CountedItem[] | undefined }) {
  if (!items?.length) return <span className="muted">考核时段内没有计入的信息</span>;
  return (
    <ul className="plain-list">
      {items.map((i) => (
        <li key={`${i.kind}-${i.id}`}>
          {i.kind === 'article' ? <Link to={`/articles/${i.id}`}>{i.title}</Link> : i.title}
          <span className="muted">
            {' '}
            {formatDateTime(i.at)}
            {i.unitName ? `，${i.unitName}` : ''}
            {i.channel ? `，${SUBMISSION_CHANNEL_LABELS[i.channel] ?? i.channel}` : ''}
            {i.state ? `，${SUBMISSION_STATE_LABELS[i.state] ?? i.state}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** One duty's verdict in words (what was expected, what was found, since when), the items that counted, and its check parameters. */
export function DutyDrawer({ dutyId, at, onClose }: { dutyId: number | null; at?: string; onClose(): void }) {
  const detail = useDutyStatus(dutyId, at);
  const access = useAccess();
  const d = detail.data?.duty;
  return (
    <Drawer
      open={dutyId !== null}
      title={d ? `保障责任：${d.columnPath}` : '保障责任'}
      size="large"
      onClose={onClose}
      destroyOnHidden
    >
      {detail.isLoading && <Spin />}
      {detail.isError && <Alert type="error" showIcon title="无法加载该保障责任的状态" />}
      {d && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="状态">
              <GStatusTag status={d.status} />
              <span className="muted">
                （{detail.data!.day}
                {detail.data!.final ? ' 日终' : ' 当前'}）
              </span>
            </Descriptions.Item>
            <Descriptions.Item label="保障单位">{d.partyLabels.join('、') || '未指定'}</Descriptions.Item>
            <Descriptions.Item label="清单要求">{d.requirementText}</Descriptions.Item>
            <Descriptions.Item label="生效日期">{d.effectiveFrom}</Descriptions.Item>
            <Descriptions.Item label="要求">{d.expected}</Descriptions.Item>
            <Descriptions.Item label="实际">
              <span data-testid="duty-found">{d.found}</span>
            </Descriptions.Item>
            {d.since && <Descriptions.Item label="未达标起始">{d.since}</Descriptions.Item>}
            {d.periodStart && (
              <Descriptions.Item label="考核时段">
                {d.periodStart}
                {d.periodEnd && d.periodEnd !== d.periodStart ? ` 至 ${d.periodEnd}` : ''}
              </Descriptions.Item>
            )}
            <Descriptions.Item label="最近更新">{formatDateTime(d.lastUpdateAt)}</Descriptions.Item>
            <Descriptions.Item label="说明">
              <span className="explanation" data-testid="duty-explanation">
                {d.explanation}
              </span>
            </Descriptions.Item>
          </Descriptions>
          {[...d.notes, ...detail.data!.calendarNotes].length > 0 && (
            <Alert
              type="info"
              showIcon
              className="form-hint"
              style={{ marginTop: 12 }}
              title={[...d.notes, ...detail.data!.calendarNotes].join('；')}
            />
          )}
          {!d.perUnit && (
            <>
              <Divider titlePlacement="start">计入的信息</Divider>
              <Items items={d.items} />
            </>
          )}
          {d.units.length > 0 && (
            <>
              <Divider titlePlacement="start">各保障单位</Divider>
              <Table<UnitVerdict>
                rowKey="unitId"
                size="small"
                dataSource={unitsByUrgency(d.units)}
                pagination={d.units.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
                scroll={{ x: 560 }}
                expandable={{
                  expandedRowRender: (u) => <Items items={u.items} />,
                  rowExpandable: (u) => !!u.items?.length,
                }}
                columns={[
                  { title: '单位', dataIndex: 'unitName', width: 120 },
                  { title: '状态', dataIndex: 'status', width: 110, render: (s: string) => <GStatusTag status={s} /> },
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
                  { title: '采用', dataIndex: 'adopted', width: 70, render: (v: number | null) => v ?? '—' },
                ]}
              />
            </>
          )}
          <Divider titlePlacement="start">栏目共建份额</Divider>
          <SharesEditor dutyId={d.dutyId} editable={access.can('duty.write')} />
          <Divider titlePlacement="start">考核参数</Divider>
          <DutyParamsForm dutyId={d.dutyId} editable={access.can('guarantee.write')} />
        </>
      )}
    </Drawer>
  );
}
