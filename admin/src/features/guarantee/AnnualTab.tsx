import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Select, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { api } from '../../api/client';
import type { AnnualFigures } from '@contract/guarantee-reports';
import { shanghaiToday } from '../../lib/time';

/** The 政府网站工作年度报表 figures the system knows, and their XLSX. */
export function AnnualTab() {
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const figures = useQuery({
    queryKey: ['guarantee', 'annual', year],
    queryFn: () => api.get<AnnualFigures>(`/api/guarantee/annual?year=${year}`),
  });
  const f = figures.data;
  return (
    <Card
      title={<h2 className="card-title">政府网站工作年度报表（系统可统计部分）</h2>}
      className="section-card"
      loading={figures.isLoading}
      extra={
        <Button icon={<DownloadOutlined aria-hidden />} href={`/api/guarantee/annual/xlsx?year=${year}`} download>
          导出 XLSX
        </Button>
      }
    >
      <Form layout="inline" className="filter-bar" aria-label="选择年度">
        <Form.Item label="年度" htmlFor="a-year">
          <Select
            id="a-year"
            value={year}
            onChange={setYear}
            style={{ width: 120 }}
            options={Array.from({ length: 6 }, (_, i) => ({ value: thisYear - i, label: `${thisYear - i} 年` }))}
          />
        </Form.Item>
      </Form>
      {f && (
        <>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title={f.siteName}>
            <Descriptions.Item label="信息发布总数">{f.publishing.total} 条</Descriptions.Item>
            <Descriptions.Item label="概况类信息更新量">{f.publishing.basic} 条</Descriptions.Item>
            <Descriptions.Item label="政务动态信息更新量">{f.publishing.news} 条</Descriptions.Item>
            <Descriptions.Item label="信息公开目录信息更新量">{f.publishing.catalogue} 条</Descriptions.Item>
            <Descriptions.Item label="专栏专题维护数量">{f.topics.maintained} 个</Descriptions.Item>
            <Descriptions.Item label="新开设专栏专题">{f.topics.created} 个</Descriptions.Item>
            <Descriptions.Item label="解读信息发布">{f.interpretations.total} 条</Descriptions.Item>
          </Descriptions>
          {!f.interaction.available && f.interaction.note && (
            <Alert type="info" showIcon className="form-hint" style={{ marginTop: 12 }} title={f.interaction.note} />
          )}
          {f.topics.columns.length > 0 && (
            <>
              <h3 className="field-heading">专栏专题</h3>
              <Table
                rowKey="columnId"
                size="small"
                pagination={false}
                dataSource={f.topics.columns}
                scroll={{ x: 420 }}
                columns={[
                  { title: '名称', dataIndex: 'name' },
                  { title: '本年信息', dataIndex: 'items', width: 100 },
                  { title: '开设日期', dataIndex: 'createdOn', width: 120 },
                ]}
              />
            </>
          )}
          <h3 className="field-heading">统计口径</h3>
          <ul className="plain-list">
            {f.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
