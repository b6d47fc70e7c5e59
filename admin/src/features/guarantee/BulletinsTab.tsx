import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Bulletin } from '@contract/guarantee';
import type { MonthFigures, UnitMonth as MonthUnit } from '@contract/guarantee-reports';
import { formatDateTime } from '../../lib/time';
import { useAccess } from '../auth/session';

const KEY = ['guarantee', 'bulletins'];
const FORMAT_LABELS = { xlsx: 'XLSX', html: 'HTML', pdf: 'PDF' } as const;

/** The monthly 通报: generate a month's (archived with its XLSX, HTML and PDF), look at the figures first, download any issued one again. */
export function BulletinsTab() {
  const access = useAccess();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs | null>(dayjs().subtract(1, 'month'));
  const ym = month?.format('YYYY-MM');
  const list = useQuery({ queryKey: KEY, queryFn: () => api.get<Bulletin[]>('/api/guarantee/bulletins') });
  const figures = useQuery({
    queryKey: ['guarantee', 'month', ym],
    queryFn: () => api.get<MonthFigures>(`/api/guarantee/months/${ym}`),
    enabled: !!ym,
  });
  const generate = useMutation({
    mutationFn: () => api.post<Bulletin>('/api/guarantee/bulletins', { month: ym }),
    onSuccess: (b) => {
      void message.success(`已生成《${b.title}》`);
      void client.invalidateQueries({ queryKey: KEY });
    },
  });

  return (
    <>
      <Card title={<h2 className="card-title">生成月度通报</h2>} className="section-card">
        <Form layout="inline" aria-label="选择通报月份">
          <Form.Item label="月份" htmlFor="b-month">
            <DatePicker
              id="b-month"
              picker="month"
              value={month}
              onChange={setMonth}
              allowClear={false}
              disabledDate={(d) => d.isAfter(dayjs(), 'month')}
            />
          </Form.Item>
          {access.can('guarantee.write') && (
            <Form.Item>
              <Button type="primary" onClick={() => generate.mutate()} loading={generate.isPending} disabled={!ym}>
                生成通报
              </Button>
            </Form.Item>
          )}
        </Form>
        <p className="muted" style={{ marginTop: 8 }}>
          每月第一个工作日系统自动生成上月通报；此处可随时生成，同一月份再次生成的通报与原通报一并存档。
        </p>
        <h3 className="field-heading">{ym} 各单位情况（预览，不存档）</h3>
        <Table<MonthUnit>
          rowKey="unitId"
          size="small"
          loading={figures.isLoading}
          dataSource={figures.data?.units ?? []}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          scroll={{ x: 840 }}
          columns={[
            { title: '排名', dataIndex: 'rank', width: 60 },
            { title: '单位', dataIndex: 'shortName' },
            // Ranked by duties met and days late (as the 通报), the submissions beside.
            { title: '达标责任', dataIndex: 'dutiesMet', width: 90 },
            { title: '未达标责任', dataIndex: 'dutiesBreached', width: 100 },
            {
              title: '达标率',
              dataIndex: 'dutiesMetRate',
              width: 80,
              render: (v: number | null) => (v === null ? '—' : `${v}%`),
            },
            { title: '迟报工作日', dataIndex: 'workdaysLate', width: 100 },
            { title: '报送', dataIndex: 'submitted', width: 70 },
            { title: '采用', dataIndex: 'adopted', width: 70 },
            {
              title: '采用率',
              dataIndex: 'adoptionRate',
              width: 80,
              render: (v: number | null) => (v === null ? '—' : `${v}%`),
            },
          ]}
        />
      </Card>
      <Card title={<h2 className="card-title">通报存档</h2>} className="section-card">
        <Table<Bulletin>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 12, showSizeChanger: false }}
          scroll={{ x: 900 }}
          locale={{ emptyText: '还没有存档的通报' }}
          columns={[
            { title: '月份', dataIndex: 'period', width: 90 },
            {
              title: '标题',
              dataIndex: 'title',
              render: (t: string, b) => (
                <>
                  <div>{t}</div>
                  <div className="muted">{b.docNo}</div>
                </>
              ),
            },
            {
              title: '概况',
              key: 'summary',
              width: 220,
              render: (_: unknown, b) =>
                `${b.summary.units} 个单位，报送 ${b.summary.submitted}，采用 ${b.summary.adopted}，未达标单位 ${b.summary.unitsBreached}`,
            },
            {
              title: '生成',
              key: 'gen',
              width: 170,
              render: (_: unknown, b) => (
                <>
                  <div>{formatDateTime(b.generatedAt)}</div>
                  <div className="muted">{b.generatedBy}</div>
                </>
              ),
            },
            {
              title: '下载',
              key: 'download',
              width: 190,
              render: (_: unknown, b) => (
                <Space size={8} wrap>
                  {b.formats.map((f) => (
                    <a
                      key={f}
                      href={`/api/guarantee/bulletins/${b.id}/${f}`}
                      target={f === 'html' ? '_blank' : undefined}
                      rel="noopener"
                      download={f === 'html' ? undefined : true}
                      aria-label={`下载 ${b.period} 通报 ${FORMAT_LABELS[f]}`}
                    >
                      {FORMAT_LABELS[f]}
                    </a>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
