import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Radio, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { CheckModeSetting as CheckMode } from '@contract/review';
import { PageHeading } from '../../layout/AppLayout';
import { CHECK_MODE_LABELS } from '../../lib/labels';
import { usePageTitle } from '../../lib/usePageTitle';
import { MinorCorrectionCard } from './MinorCorrectionCard';
import { WordListsCard } from './WordListsCard';

const MODES = ['block', 'warn', 'off'] as const;
const MODE_HELP: Record<string, string> = {
  block: '发现即不能送审或通过，须修改',
  warn: '须逐条说明理由后才能通过',
  off: '不检查',
};

/** How each pre-publish check acts (block, warn, off), and the word lists the checks use. */
export default function CheckSettingsPage() {
  usePageTitle('内容检查设置');
  const client = useQueryClient();
  const { message } = App.useApp();
  const modes = useQuery({
    queryKey: ['check-modes'],
    queryFn: () => api.get<CheckMode[]>('/api/settings/check-modes'),
  });
  const [draft, setDraft] = useState<Record<string, CheckMode['mode']>>({});
  useEffect(() => {
    if (modes.data) setDraft(Object.fromEntries(modes.data.map((m) => [m.check, m.mode])));
  }, [modes.data]);
  const changed = (modes.data ?? []).filter((m) => draft[m.check] && draft[m.check] !== m.mode);
  const save = useMutation({
    mutationFn: () =>
      api.put<CheckMode[]>(
        '/api/settings/check-modes',
        Object.fromEntries(changed.map((m) => [m.check, draft[m.check]])),
      ),
    onSuccess: (data) => {
      client.setQueryData(['check-modes'], data);
      void message.success('检查设置已保存，对此后送审的信息生效');
    },
  });

  return (
    <>
      <PageHeading title="内容检查设置" />
      <Card
        title={<h2 className="card-title">各项检查的处理方式</h2>}
        className="section-card"
        extra={
          <Button type="primary" disabled={!changed.length} loading={save.isPending} onClick={() => save.mutate()}>
            保存设置
          </Button>
        }
      >
        <Table<CheckMode>
          rowKey="check"
          size="small"
          loading={modes.isLoading}
          pagination={false}
          dataSource={modes.data ?? []}
          scroll={{ x: 640 }}
          columns={[
            { title: '检查项目', dataIndex: 'label', width: 200 },
            {
              title: '处理方式',
              key: 'mode',
              render: (_: unknown, m) => (
                <Radio.Group
                  aria-label={`${m.label}的处理方式`}
                  value={draft[m.check] ?? m.mode}
                  onChange={(e) => setDraft((d) => ({ ...d, [m.check]: e.target.value as CheckMode['mode'] }))}
                  options={MODES.map((v) => ({ value: v, label: CHECK_MODE_LABELS[v] }))}
                  optionType="button"
                />
              ),
            },
            {
              title: '说明',
              key: 'help',
              render: (_: unknown, m) => (
                <span className="muted">
                  {MODE_HELP[draft[m.check] ?? m.mode]}
                  {m.always && <strong>；{m.always}</strong>}
                </span>
              ),
            },
          ]}
        />
        <Space className="form-hint" style={{ marginTop: 12 }}>
          <span className="muted">
            “阻止”类问题必须修改；“提醒”类问题须由送审人或审核人逐条说明理由，理由随检查结果保存。
          </span>
        </Space>
      </Card>
      <WordListsCard />
      <MinorCorrectionCard />
    </>
  );
}
