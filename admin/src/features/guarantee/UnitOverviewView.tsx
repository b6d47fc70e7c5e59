import { Alert, Card, Descriptions, List, Spin, Statistic, Table, Tag } from 'antd';
import type { DutyStatus, UnitOverview } from '@contract/guarantee-reports';
import { NOTICE_LEVEL_LABELS } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { byUrgency } from './board';
import { GStatusTag } from './status-ui';

/** The duties of one unit, its own line of each, worst first (the officer's view of "are we keeping up?"). */
export function UnitDutiesTable({
  overview,
  onOpen,
  pageSize = 20,
}: {
  overview: UnitOverview;
  onOpen?(dutyId: number): void;
  pageSize?: number;
}) {
  const mine = (d: DutyStatus) => d.units.find((u) => u.unitId === overview.unit.id);
  const rows = byUrgency(
    overview.duties.map((d) => ({ ...d, status: mine(d)?.status ?? d.status, found: mine(d)?.found ?? d.found })),
  );
  return (
    <Table<DutyStatus>
      rowKey="dutyId"
      size="small"
      dataSource={rows}
      scroll={{ x: 820 }}
      pagination={rows.length > pageSize ? { pageSize, showSizeChanger: false } : false}
      locale={{ emptyText: '本单位没有保障责任' }}
      columns={[
        { title: '栏目', dataIndex: 'columnPath' },
        { title: '要求', dataIndex: 'rule', width: 220 },
        { title: '状态', dataIndex: 'status', width: 110, render: (s: string) => <GStatusTag status={s} /> },
        {
          title: '情况',
          dataIndex: 'found',
          width: 300,
          render: (f: string, d) =>
            onOpen ? (
              <>
                {f}{' '}
                <a
                  href={`?duty=${d.dutyId}`}
                  onClick={(e) => {
                    e.preventDefault();
                    onOpen(d.dutyId);
                  }}
                  aria-label={`说明：${d.columnPath}`}
                  // Underlined: a link inside a sentence must not be told apart by colour alone.
                  style={{ textDecoration: 'underline' }}
                >
                  说明
                </a>
              </>
            ) : (
              f
            ),
        },
      ]}
    />
  );
}

/** A unit's own page: its duties' status, its month so far, and the warnings it was sent. */
export function UnitOverviewView({
  overview,
  loading,
  onOpen,
}: {
  overview: UnitOverview | undefined;
  loading: boolean;
  onOpen(dutyId: number): void;
}) {
  if (loading || !overview) return <Spin />;
  const m = overview.monthToDate;
  return (
    <>
      {overview.calendarNotes.map((n) => (
        <Alert key={n} type="info" showIcon className="form-hint" title={n} />
      ))}
      {overview.unit.assessedFrom && overview.unit.assessedFrom > overview.day && (
        <Alert
          type="info"
          showIcon
          className="form-hint"
          title={`本单位自 ${overview.unit.assessedFrom} 起纳入内容保障考核，此前各项显示“未生效”`}
        />
      )}
      <div className="stat-grid">
        <Card>
          <Statistic title="本单位保障责任" value={overview.summary.duties} suffix="项" />
        </Card>
        <Card>
          <Statistic
            title="未达标"
            value={overview.summary.breached}
            suffix="项"
            styles={{ content: { color: '#c9252d' } }}
          />
        </Card>
        <Card>
          <Statistic
            title="即将到期"
            value={overview.summary.dueSoon}
            suffix="项"
            styles={{ content: { color: '#9a6700' } }}
          />
        </Card>
        <Card>
          <Statistic title="达标" value={overview.summary.met} suffix="项" styles={{ content: { color: '#1a7f37' } }} />
        </Card>
      </div>
      <Card title={<h2 className="card-title">本单位保障责任状态（{overview.day}）</h2>} className="section-card">
        <UnitDutiesTable overview={overview} onOpen={onOpen} />
      </Card>
      <Card title={<h2 className="card-title">本月情况</h2>} className="section-card">
        {m ? (
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
            <Descriptions.Item label="报送">{m.submitted} 条</Descriptions.Item>
            <Descriptions.Item label="采用">{m.adopted} 条</Descriptions.Item>
            <Descriptions.Item label="采用率">{m.adoptionRate === null ? '—' : `${m.adoptionRate}%`}</Descriptions.Item>
            <Descriptions.Item label="排名">第 {m.rank} 名</Descriptions.Item>
            <Descriptions.Item label="达标责任">{m.dutiesMet} 项</Descriptions.Item>
            <Descriptions.Item label="未达标责任">{m.dutiesBreached} 项</Descriptions.Item>
            <Descriptions.Item label="迟报工作日">{m.workdaysLate} 天</Descriptions.Item>
          </Descriptions>
        ) : (
          <span className="muted">本月暂无数据</span>
        )}
      </Card>
      <Card title={<h2 className="card-title">收到的保障提醒</h2>} className="section-card">
        <List
          dataSource={overview.notices}
          locale={{ emptyText: '没有提醒' }}
          renderItem={(n) => (
            <List.Item>
              <div>
                <Tag color={n.level === 'breached' || n.level === 'escalated' ? 'error' : 'warning'}>
                  {NOTICE_LEVEL_LABELS[n.level] ?? n.level}
                </Tag>
                <strong>{n.title}</strong> <span className="muted">{formatDateTime(n.createdAt)}</span>
                <div className="explanation">{n.body}</div>
              </div>
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
