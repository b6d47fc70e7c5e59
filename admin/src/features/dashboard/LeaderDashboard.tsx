import type { Task } from '@contract/review';
import { Alert, Card, Space, Table } from 'antd';
import { Link } from 'react-router-dom';
import { PageHeading } from '../../layout/AppLayout';
import { useAccess, useMe } from '../auth/session';
import { UnitDutiesPanel } from '../guarantee/DashboardPanels';
import { PublishQueue } from '../review/PublishQueue';
import { useTasks } from '../review/queries';
import {
  actionColumn,
  byDeadline,
  deadlineColumn,
  TaskKindTags,
  taskHref,
  taskRowClass,
  unitColumn,
} from '../review/task-columns';
import { LatestArticles } from './LatestArticles';

/**
 * A leader's (and a reviewer's) first screen: what awaits their approval, oldest deadline first, each a
 * click from its review page; the office leader also sees what waits to go online. No 写信息 here: a
 * leader's work is deciding, not drafting.
 */
export function LeaderDashboard() {
  const me = useMe();
  const access = useAccess();
  const tasks = useTasks();
  const rows = byDeadline((tasks.data ?? []).filter((t) => t.position > 0));
  const overdue = rows.filter((t) => t.overdue).length;
  const unitScoped = access.scope('article.read') === 'unit';
  return (
    <>
      <PageHeading title={`${me.displayName}的工作台`} extra={<Link to="/tasks">全部待办</Link>} />
      {overdue > 0 && (
        <Alert type="error" showIcon className="section-card" title={`有 ${overdue} 项审核已超过办理期限`} />
      )}
      <Card title={<h2 className="card-title">待我审核（{rows.length}）</h2>} className="section-card">
        <Table<Task>
          rowKey="id"
          size="small"
          loading={tasks.isLoading}
          dataSource={rows}
          pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          scroll={{ x: 760 }}
          locale={{ emptyText: '没有等待您审核的信息' }}
          rowClassName={taskRowClass}
          columns={[
            {
              title: '信息',
              dataIndex: 'articleTitle',
              render: (title: string, t) => (
                <Space size={4} wrap>
                  <Link to={taskHref(t)}>{title}</Link>
                  <TaskKindTags task={t} />
                </Space>
              ),
            },
            unitColumn,
            { title: '审核步骤', dataIndex: 'title', width: 160 },
            deadlineColumn,
            actionColumn,
          ]}
        />
      </Card>
      {access.can('article.publish') && <PublishQueue />}
      {unitScoped && access.can('guarantee.read') && <UnitDutiesPanel />}
      {unitScoped && <LatestArticles title="本单位最近的信息" />}
    </>
  );
}
