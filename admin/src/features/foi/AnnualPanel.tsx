import { Alert, Button, Form, Select, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { AppealKind, AppealOutcome, ApplicantCategory, type AnnualTable } from '@contract/foi';
import { qs } from '../../api/client';
import { shanghaiToday } from '../../lib/time';
import { useAccess, useMe } from '../auth/session';
import { AppealsForm } from './AppealsForm';
import { useAnnual, useHandlingUnits } from './queries';

type Row = AnnualTable['rows'][number];

/** Section 三 and 四 of the 政府信息公开工作年度报告, per unit or for the county, with its sum checks. */
export function AnnualPanel() {
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [unitId, setUnitId] = useState<number | undefined>();
  const units = useHandlingUnits();
  const t = useAnnual(year, unitId).data;
  const me = useMe();
  const access = useAccess();
  // Counts are entered per unit: a unit's handler for its own, the 政务公开科 for the unit it picked.
  const entryUnit =
    access.scope('foi.handle') === 'unit' ? me.unit.id : access.scope('foi.handle') ? unitId : undefined;
  const cols = [...ApplicantCategory.values.map((v) => ApplicantCategory.labels[v]), '总计'];
  return (
    <>
      <Form layout="inline" className="filter-bar" aria-label="选择年度和单位">
        <Form.Item label="年度" htmlFor="foi-year">
          <Select
            id="foi-year"
            value={year}
            onChange={setYear}
            style={{ width: 120 }}
            options={Array.from({ length: 6 }, (_, i) => ({ value: thisYear - i, label: `${thisYear - i} 年` }))}
          />
        </Form.Item>
        <Form.Item label="单位" htmlFor="foi-unit">
          <Select
            id="foi-unit"
            allowClear
            placeholder="全县"
            value={unitId}
            onChange={setUnitId}
            style={{ width: 240 }}
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Button icon={<DownloadOutlined aria-hidden />} href={`/api/foi/annual/xlsx${qs({ year, unitId })}`} download>
          导出 XLSX
        </Button>
      </Form>
      {t && (
        <>
          {t.problems.length === 0 ? (
            <Alert type="success" showIcon title="合计核对通过：一 + 二 = 三 + 四，各项总计等于分项之和" />
          ) : (
            <Alert type="error" showIcon title="合计核对未通过" description={t.problems.join('；')} />
          )}
          <h3 className="field-heading">三、收到和处理政府信息公开申请情况（{t.scope}）</h3>
          <Table<Row>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={t.rows}
            columns={[
              {
                title: '项目',
                dataIndex: 'label',
                render: (l: string, r) => <span style={{ paddingLeft: r.level * 16 }}>{l}</span>,
              },
              ...cols.map((title, i) => ({ title, key: String(i), render: (_: unknown, r: Row) => r.cells[i] ?? '' })),
            ]}
          />
          <h3 className="field-heading">四、政府信息公开行政复议、行政诉讼情况</h3>
          {entryUnit && <AppealsForm key={`${year}-${entryUnit}`} year={year} unitId={entryUnit} current={t.appeals} />}
          <Table
            rowKey="kind"
            size="small"
            pagination={false}
            dataSource={AppealKind.values.map((k) => ({ kind: k, cells: t.appeals[k] }))}
            columns={[
              { title: '类别', dataIndex: 'kind', render: (k: string) => AppealKind.labels[k as 'review'] },
              ...[...AppealOutcome.values.map((v) => AppealOutcome.labels[v]), '总计'].map((title, i) => ({
                title,
                key: String(i),
                render: (_: unknown, r: { cells: number[] }) => r.cells[i],
              })),
            ]}
          />
        </>
      )}
    </>
  );
}
