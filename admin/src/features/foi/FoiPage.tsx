import { Card, Checkbox, Form, Select, Table, Tabs } from 'antd';
import { Link } from 'react-router-dom';
import { useState } from 'react';
import { Channel, FoiState, type ApplicationSummary } from '@contract/foi';
import { usePageTitle } from '../../lib/usePageTitle';
import { useMeQuery } from '../auth/session';
import { AnnualPanel } from './AnnualPanel';
import { GuideForm } from './GuideForm';
import { ClockTag } from './clock-ui';
import { useApplications } from './queries';
import { RegisterForm } from './RegisterForm';

/** 依申请公开: the unit's applications with their clocks, paper applications entered, the annual table. */
export default function FoiPage() {
  usePageTitle('依申请公开');
  const [state, setState] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const { data: me } = useMeQuery();
  // The county's figures are open to the office; applications (personal data) only to handlers.
  const handles = Boolean(me?.permissions['foi.read']);
  const list = useApplications({ state, overdue }, handles);
  return (
    <Card title={<h1 className="card-title">依申请公开</h1>} className="section-card">
      <Tabs
        items={[
          handles && {
            key: 'list',
            label: '申请办理',
            children: (
              <>
                <Form layout="inline" className="filter-bar" aria-label="筛选申请">
                  <Form.Item label="状态" htmlFor="foi-state">
                    <Select
                      id="foi-state"
                      allowClear
                      style={{ width: 180 }}
                      value={state}
                      onChange={setState}
                      options={FoiState.values.map((v) => ({ value: v, label: FoiState.labels[v] }))}
                    />
                  </Form.Item>
                  <Form.Item>
                    <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
                      只看超期
                    </Checkbox>
                  </Form.Item>
                </Form>
                <Table<ApplicationSummary>
                  rowKey="id"
                  size="small"
                  loading={list.isLoading}
                  dataSource={list.data?.items ?? []}
                  columns={[
                    {
                      title: '申请编号',
                      dataIndex: 'number',
                      render: (n: string, r) => <Link to={`/foi/${r.id}`}>{n}</Link>,
                    },
                    { title: '受理单位', dataIndex: 'unitName' },
                    { title: '申请人', dataIndex: 'applicantName' },
                    { title: '联系电话', dataIndex: 'phone' },
                    { title: '所需信息', dataIndex: 'description' },
                    { title: '渠道', dataIndex: 'channel', render: (v: string) => Channel.labels[v as 'online'] },
                    { title: '收到日期', render: (_, r) => r.clock.receivedDay },
                    { title: '答复期限', render: (_, r) => r.clock.dueDay ?? '—' },
                    { title: '状态', dataIndex: 'state', render: (v: string) => FoiState.labels[v as 'registered'] },
                    { title: '计时', render: (_, r) => <ClockTag clock={r.clock} /> },
                  ]}
                />
              </>
            ),
          },
          handles && { key: 'register', label: '登记纸质/信函申请', children: <RegisterForm /> },
          Boolean(me?.permissions['foi.handle']) && { key: 'guide', label: '公开指南', children: <GuideForm /> },
          { key: 'annual', label: '年度报告数据', children: <AnnualPanel /> },
        ].filter((x) => x !== false)}
      />
    </Card>
  );
}
