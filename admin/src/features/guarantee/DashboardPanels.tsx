import { Alert, Card, Space, Statistic } from 'antd';
import { Link } from 'react-router-dom';
import { IndicatorsCard } from './IndicatorsCard';
import { useStatusBoard, useUnitOverview } from './queries';
import { UnitDutiesTable } from './UnitOverviewView';

/** The website centre's start: how many duties are red, amber or green, and the site's veto indicators. */
export function BoardSummaryPanel({ siteId }: { siteId?: number }) {
  const board = useStatusBoard({ siteId }, !!siteId);
  const s = board.data?.summary;
  const link = (status: string, label: string, value: number | undefined, color: string) => (
    <Card>
      <Statistic title={label} value={value ?? '—'} suffix="项" styles={{ content: { color } }} />
      <Link to={`/guarantee?status=${status}`} aria-label={`查看${label}的保障责任`}>
        查看
      </Link>
    </Card>
  );
  return (
    <section aria-label="内容保障概况">
      <h2 className="card-title section-title">内容保障{board.data ? `（${board.data.day}）` : ''}</h2>
      {board.isError && <Alert type="warning" showIcon className="form-hint" title="暂时无法计算保障状态" />}
      <div className="stat-grid">
        {link('breached', '未达标责任', s?.breached, '#c9252d')}
        {link('due_soon', '即将到期责任', s?.dueSoon, '#9a6700')}
        {link('met', '达标责任', s?.met, '#1a7f37')}
      </div>
      {board.data && <IndicatorsCard sites={board.data.sites} compact />}
    </section>
  );
}

/** An information officer's start: the status of its own unit's duties. */
export function UnitDutiesPanel() {
  const overview = useUnitOverview();
  const o = overview.data;
  return (
    <Card
      title={<h2 className="card-title">本单位保障责任状态{o ? `（${o.day}）` : ''}</h2>}
      className="section-card"
      loading={overview.isLoading}
      extra={<Link to="/guarantee">查看详情</Link>}
    >
      {o && (
        <>
          <Space size={16} wrap className="form-hint" data-testid="unit-duty-summary">
            <span>
              未达标 <strong>{o.summary.breached}</strong> 项
            </span>
            <span>
              即将到期 <strong>{o.summary.dueSoon}</strong> 项
            </span>
            <span>
              达标 <strong>{o.summary.met}</strong> 项
            </span>
          </Space>
          <UnitDutiesTable overview={o} pageSize={8} />
        </>
      )}
    </Card>
  );
}
