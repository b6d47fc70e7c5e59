import { Alert, Card, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { OverdueUnit } from '@contract/foi';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';

/** On the guarantee board: units with 依申请公开 applications past their statutory time (counts only). */
export function FoiOverdueCard() {
  const q = useQuery({
    queryKey: ['foi', 'overdue'],
    queryFn: () => api.get<{ asOf: string; items: OverdueUnit[] }>('/api/foi/overdue'),
  });
  const items = q.data?.items ?? [];
  return (
    <Card
      title={<h2 className="card-title">依申请公开超期未答复</h2>}
      className="section-card"
      loading={q.isLoading}
      extra={<Link to="/foi">依申请公开</Link>}
    >
      {items.length === 0 ? (
        <Alert type="success" showIcon title="没有超过法定答复期限的申请" />
      ) : (
        <Table<OverdueUnit>
          rowKey="unitId"
          size="small"
          pagination={false}
          dataSource={items}
          columns={[
            { title: '单位', dataIndex: 'unitName' },
            { title: '超期件数', dataIndex: 'overdue' },
            { title: '最早到期日', dataIndex: 'oldestDueDay' },
            { title: '最长超期（工作日）', dataIndex: 'maxWorkdaysLate' },
          ]}
        />
      )}
    </Card>
  );
}
