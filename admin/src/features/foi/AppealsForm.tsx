import { Alert, Button, Form, InputNumber, Table } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { AppealKind, AppealOutcome, type AnnualTable } from '@contract/foi';
import { api } from '../../api/client';

/** Section 四 entered by hand: 行政复议 and 行政诉讼 counts of one unit and year, by result. */
export function AppealsForm({
  year,
  unitId,
  current,
}: {
  year: number;
  unitId: number;
  current: AnnualTable['appeals'];
}) {
  const qc = useQueryClient();
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);
  const value = (kind: string, i: number) =>
    counts[`${kind}/${AppealOutcome.values[i]}`] ?? current[kind as 'review'][i] ?? 0;
  const save = useMutation({
    mutationFn: () =>
      api.put('/api/foi/appeals', {
        year,
        unitId,
        counts: AppealKind.values.flatMap((kind) =>
          AppealOutcome.values.map((outcome, i) => ({ kind, outcome, count: value(kind, i) })),
        ),
      }),
    onSuccess: async () => {
      setCounts({});
      await qc.invalidateQueries({ queryKey: ['foi', 'annual'] });
    },
    onError: (e) => setError(e instanceof Error ? e.message : String(e)),
  });
  return (
    <Form onFinish={() => save.mutate()} aria-label="填报行政复议、行政诉讼数量">
      {error && <Alert type="error" showIcon title={error} />}
      <Table
        rowKey="kind"
        size="small"
        pagination={false}
        dataSource={AppealKind.values.map((kind) => ({ kind }))}
        columns={[
          { title: '类别', dataIndex: 'kind', render: (k: string) => AppealKind.labels[k as 'review'] },
          ...AppealOutcome.values.map((o, i) => ({
            title: AppealOutcome.labels[o],
            key: o,
            render: (_: unknown, r: { kind: string }) => (
              <InputNumber
                min={0}
                precision={0}
                aria-label={`${AppealKind.labels[r.kind as 'review']} ${AppealOutcome.labels[o]}`}
                value={value(r.kind, i)}
                onChange={(v) => setCounts((c) => ({ ...c, [`${r.kind}/${o}`]: Number(v ?? 0) }))}
              />
            ),
          })),
        ]}
      />
      <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginTop: 8 }}>
        保存复议、诉讼数量
      </Button>
    </Form>
  );
}
