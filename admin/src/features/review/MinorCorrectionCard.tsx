import type { MinorCorrectionSetting } from '@contract/review';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, InputNumber, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';

export const MINOR_CORRECTIONS_KEY = ['settings', 'minor-corrections'] as const;

export const useMinorCorrections = (enabled = true) =>
  useQuery({
    queryKey: MINOR_CORRECTIONS_KEY,
    queryFn: () => api.get<MinorCorrectionSetting>('/api/settings/minor-corrections', { quiet: true }),
    enabled,
  });

/** The office's choice: may a typo in a published item be corrected without taking it offline, and how large. */
export function MinorCorrectionCard() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const setting = useMinorCorrections();
  const [value, setValue] = useState<MinorCorrectionSetting>({ enabled: false, maxChars: 20 });
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (setting.data) setValue(setting.data);
  }, [setting.data]);
  const save = async () => {
    setBusy(true);
    try {
      const saved = await api.put<MinorCorrectionSetting>('/api/settings/minor-corrections', value);
      client.setQueryData(MINOR_CORRECTIONS_KEY, saved);
      void message.success('已保存');
    } catch {
      // Shown by the API client.
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={<h2 className="card-title">已发布信息勘误（小修改）</h2>} className="section-card">
      <p className="explanation">
        开启后，已发布信息中的错别字可直接勘误，信息不下线；每次改动不超过设定字数，须说明原因，记入操作日志与审核记录，
        阻止级检查同样适用。较大的修改仍须下线后修改、重新送审。
      </p>
      <Space wrap>
        <Switch
          checked={value.enabled}
          onChange={(enabled) => setValue((v) => ({ ...v, enabled }))}
          aria-label="允许勘误"
        />
        <span>允许勘误，每次最多改动</span>
        <InputNumber
          min={1}
          max={200}
          value={value.maxChars}
          onChange={(n) => setValue((v) => ({ ...v, maxChars: n ?? v.maxChars }))}
          aria-label="勘误最多改动字数"
        />
        <span>字</span>
        <Button type="primary" onClick={() => void save()} loading={busy}>
          保存
        </Button>
      </Space>
    </Card>
  );
}
