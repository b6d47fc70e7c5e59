import { useQuery } from '@tanstack/react-query';
import { Card, Statistic, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Coverage } from '@contract/guarantee-reports';
import { COLUMN_KIND_LABELS } from '../../lib/labels';

const card = (title: string) => <h2 className="card-title">{title}</h2>;

/** Who is missing: units without a 分管领导 or 信息员, columns nobody answers for, duties whose units have no active account. */
export function CoverageTab() {
  const report = useQuery({
    queryKey: ['guarantee', 'coverage'],
    queryFn: () => api.get<Coverage>('/api/guarantee/coverage'),
  });
  const r = report.data;
  return (
    <>
      <div className="stat-grid">
        <Card>
          <Statistic title="缺保障人员的单位" value={r?.summary.unitsMissingPeople ?? '—'} suffix="个" />
        </Card>
        <Card>
          <Statistic title="无保障单位的栏目" value={r?.summary.uncoveredColumns ?? '—'} suffix="个" />
        </Card>
        <Card>
          <Statistic title="未指定单位的责任" value={r?.summary.dutiesWithoutUnits ?? '—'} suffix="项" />
        </Card>
        <Card>
          <Statistic title="单位无可用账号的责任" value={r?.summary.dutiesWithoutAccounts ?? '—'} suffix="项" />
        </Card>
      </div>
      <Card
        title={card('缺少分管领导或信息员的单位')}
        className="section-card"
        extra={<Link to="/personnel">维护保障人员</Link>}
      >
        <Table
          rowKey="unitId"
          size="small"
          loading={report.isLoading}
          dataSource={r?.roster ?? []}
          pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 520 }}
          locale={{ emptyText: '各单位均已配备分管领导和信息员' }}
          columns={[
            { title: '单位', dataIndex: 'unitName' },
            { title: '类别', dataIndex: 'categoryLabel', width: 130 },
            { title: '缺少', dataIndex: 'missing', width: 180, render: (m: string) => <Tag color="error">缺{m}</Tag> },
          ]}
        />
      </Card>
      <Card
        title={card('没有保障单位的栏目')}
        className="section-card"
        extra={<Link to="/columns">维护栏目与保障责任</Link>}
      >
        <Table
          rowKey="columnId"
          size="small"
          loading={report.isLoading}
          dataSource={r?.uncoveredColumns ?? []}
          pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 520 }}
          locale={{ emptyText: '所有栏目都有保障单位' }}
          columns={[
            { title: '栏目', dataIndex: 'columnPath' },
            { title: '类型', dataIndex: 'kind', width: 130, render: (k: string) => COLUMN_KIND_LABELS[k] ?? k },
            { title: '下级栏目', dataIndex: 'hasChildren', width: 100, render: (h: boolean) => (h ? '有' : '无') },
          ]}
        />
      </Card>
      <Card title={card('未指定保障单位的责任')} className="section-card">
        <Table
          rowKey="dutyId"
          size="small"
          loading={report.isLoading}
          dataSource={r?.dutiesWithoutUnits ?? []}
          pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 520 }}
          locale={{ emptyText: '没有' }}
          columns={[
            { title: '栏目', dataIndex: 'columnPath' },
            {
              title: '清单写法',
              dataIndex: 'partyLabels',
              render: (p: string[]) => p.join('、') || <span className="muted">空</span>,
            },
          ]}
        />
      </Card>
      <Card
        title={card('保障单位没有可用账号的责任')}
        className="section-card"
        extra={<Link to="/accounts">管理账号</Link>}
      >
        <Table
          rowKey="dutyId"
          size="small"
          loading={report.isLoading}
          dataSource={r?.dutiesWithoutAccounts ?? []}
          pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 520 }}
          locale={{ emptyText: '所有保障单位都有可用账号' }}
          columns={[
            { title: '栏目', dataIndex: 'columnPath' },
            {
              title: '无账号的单位',
              dataIndex: 'units',
              render: (u: Array<{ unitId: number; unitName: string }>) => u.map((x) => x.unitName).join('、'),
            },
          ]}
        />
      </Card>
    </>
  );
}
