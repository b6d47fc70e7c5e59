import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { api, qs } from '../../api/client';
import { useAccounts, useUnits } from '../../api/hooks';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, type AuditEntry, auditActionLabel, auditEntityLabel } from '@contract/audit';
import { PageHeading } from '../../layout/AppLayout';
import { formatDateTime } from '../../lib/time';
import { usePageTitle } from '../../lib/usePageTitle';
import { UnitFilter } from '../../lib/UnitFilter';
import { useAccess } from '../auth/session';

const FILTERS = ['accountId', 'unitId', 'action', 'entityType', 'from', 'to', 'page'] as const;
type Filter = Partial<Record<(typeof FILTERS)[number], string>>;

/** Who changed what, when, from where: filter by person, unit, action and time; export what is shown. */
export default function AuditPage() {
  usePageTitle('操作日志');
  const access = useAccess();
  const [params, setParams] = useSearchParams();
  const filter: Filter = Object.fromEntries(FILTERS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])));
  const page = Number(filter.page ?? 1);
  const units = useUnits();
  // Only people who may list accounts can pick a person; the others filter by unit.
  const accounts = useAccounts({}, access.can('account.read'));
  const query = { ...filter, page, pageSize: 50 };
  const log = useQuery({
    queryKey: ['audit', query],
    queryFn: () => api.get<{ items: AuditEntry[]; total: number }>(`/api/audit${qs(query)}`),
    placeholderData: (prev) => prev,
  });
  const unitName = new Map((units.data ?? []).map((u) => [u.id, u.shortName]));

  const set = (patch: Filter) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (!v) next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };
  const range: [Dayjs, Dayjs] | null = filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null;
  const { page: _page, ...exportFilter } = filter;

  return (
    <>
      <PageHeading
        title="操作日志"
        extra={
          <Space>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              href={`/api/audit/export${qs({ ...exportFilter, format: 'xlsx' })}`}
              download
            >
              导出 Excel
            </Button>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              href={`/api/audit/export${qs({ ...exportFilter, format: 'csv' })}`}
              download
            >
              导出 CSV
            </Button>
          </Space>
        }
      />
      <Form layout="inline" className="filter-bar" aria-label="筛选操作日志">
        {access.can('account.read') && (
          <Form.Item label="人员" htmlFor="a-account">
            <Select
              id="a-account"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部人员"
              style={{ width: 200 }}
              value={filter.accountId ? Number(filter.accountId) : undefined}
              onChange={(v) => set({ accountId: v ? String(v) : undefined })}
              options={accounts.data?.map((a) => ({ value: a.id, label: `${a.displayName}（${a.username}）` }))}
            />
          </Form.Item>
        )}
        <Form.Item label="单位" htmlFor="a-unit">
          <UnitFilter
            id="a-unit"
            value={filter.unitId ? Number(filter.unitId) : undefined}
            onChange={(v) => set({ unitId: v ? String(v) : undefined })}
          />
        </Form.Item>
        <Form.Item label="操作" htmlFor="a-action">
          <Select
            id="a-action"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部操作"
            style={{ width: 170 }}
            value={filter.action}
            onChange={(v) => set({ action: v })}
            options={Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item label="对象" htmlFor="a-entity">
          <Select
            id="a-entity"
            allowClear
            placeholder="全部"
            style={{ width: 120 }}
            value={filter.entityType}
            onChange={(v) => set({ entityType: v })}
            options={Object.entries(AUDIT_ENTITIES).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item label="时间" htmlFor="a-date">
          <DatePicker.RangePicker
            id={{ start: 'a-date', end: 'a-date-end' }}
            value={range}
            onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
          />
        </Form.Item>
      </Form>
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={log.isFetching}
        dataSource={log.data?.items ?? []}
        scroll={{ x: 1000 }}
        expandable={{
          rowExpandable: (r) => r.details !== null,
          expandedRowRender: (r) => (
            <Typography.Paragraph className="audit-details" copyable>
              {JSON.stringify(r.details, null, 2)}
            </Typography.Paragraph>
          ),
        }}
        pagination={{
          current: page,
          pageSize: 50,
          total: log.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p) => set({ page: String(p) }),
        }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 145, render: (v: string) => formatDateTime(v) },
          { title: '人员', dataIndex: 'username', width: 120 },
          {
            title: '单位',
            dataIndex: 'unitId',
            width: 110,
            render: (u: number | null) => (u ? (unitName.get(u) ?? u) : '—'),
          },
          { title: '操作', dataIndex: 'action', width: 130, render: (a: string) => auditActionLabel(a) },
          {
            title: '对象',
            dataIndex: 'entityType',
            width: 90,
            render: (e: string, r) => `${auditEntityLabel(e)}${r.entityId ? ` #${r.entityId}` : ''}`,
          },
          { title: '摘要', dataIndex: 'summary' },
          { title: 'IP 地址', dataIndex: 'ip', width: 130 },
        ]}
      />
    </>
  );
}
