import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Result, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { PERSONNEL_ROLE_LABELS, type RosterImportResult } from '@contract/org';
import { FilePicker } from '../../lib/FilePicker';

const ACTIONS = {
  create: <Tag color="success">新增</Tag>,
  update: <Tag color="processing">更新</Tag>,
  delete: <Tag color="error">删除</Tag>,
} as const;

/**
 * The office's roster spreadsheet (附件3, XLSX or CSV): preview exactly what would change, with the
 * unknown units and the warnings (a second 分管领导), then apply it. Like the guarantee list's import.
 */
export function RosterImport({ open, onClose }: { open: boolean; onClose(): void }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [plan, setPlan] = useState<RosterImportResult | null>(null);
  const [busy, setBusy] = useState<'plan' | 'apply' | null>(null);

  const run = async (apply: boolean) => {
    if (!file) return;
    setBusy(apply ? 'apply' : 'plan');
    try {
      const r = await api.upload<RosterImportResult>(`/api/imports/roster?apply=${apply}`, file, file.name);
      setPlan(r);
      if (apply) {
        void message.success('保障人员名单已导入');
        await client.invalidateQueries({ queryKey: ['personnel'] });
      }
    } catch {
      // The server names the bad row and cell; the API client shows it.
    } finally {
      setBusy(null);
    }
  };

  const s = plan?.summary;
  return (
    <Drawer open={open} onClose={onClose} title="从表格导入保障人员名单" size="large" destroyOnHidden>
      <Space wrap align="end">
        <FilePicker
          id="roster-file"
          label="保障人员名单"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(f) => {
            setFile(f);
            setPlan(null);
          }}
        />
        <Button
          type="primary"
          icon={<UploadOutlined aria-hidden />}
          disabled={!file}
          loading={busy === 'plan'}
          onClick={() => void run(false)}
        >
          预览变更
        </Button>
      </Space>
      <p className="muted">
        名单格式（附件3）：单位；分管领导 姓名、职务、办公电话、手机；专职信息员
        姓名、职务、办公电话、手机、邮箱（可为两行表头，单位单元格可合并，多名信息员各占一行）。名单中每个单位的人员以名单为准，空白单元格保留原有登记；预览不会写入数据库。
      </p>
      {plan && s && (
        <>
          {plan.applied ? (
            <Result
              status="success"
              title="保障人员名单已导入"
              subTitle={`新增 ${s.counts.created} 人，更新 ${s.counts.updated} 人，删除 ${s.counts.removed} 人`}
            />
          ) : (
            <Alert
              type="info"
              showIcon
              className="form-hint"
              title="以下为预览，数据库未作任何改动。确认无误后点击“确认导入”。"
            />
          )}
          <div className="stat-grid">
            <Statistic title="名单行数" value={s.rows} />
            <Statistic title="已识别单位" value={s.units.length} />
            <Statistic
              title="新增 / 更新 / 删除"
              value={`${s.counts.created} / ${s.counts.updated} / ${s.counts.removed}`}
            />
            <Statistic title="未变" value={s.counts.unchanged} />
            <Statistic title="未能识别的单位" value={s.unresolved.length} />
          </div>
          {s.unresolved.length > 0 && (
            <Alert
              type="warning"
              showIcon
              className="form-hint"
              title="未能识别的单位名称（这些行未导入；可在单位管理中添加别名后重新导入）"
              description={s.unresolved.map((u) => `“${u.name}”（第 ${u.rows.join('、')} 行）`).join('；')}
            />
          )}
          {s.warnings.length > 0 && (
            <Alert
              type="warning"
              showIcon
              className="form-hint"
              title="提醒"
              description={
                <ul className="plain-list">
                  {s.warnings.map((w) => (
                    <li key={`${w.unitName}-${w.row}-${w.message}`}>
                      {w.row ? `第 ${w.row} 行 ` : ''}
                      {w.unitName}：{w.message}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          {s.missing.length > 0 && (
            <Alert
              type="error"
              showIcon
              className="form-hint"
              title={`导入后仍有 ${s.missing.length} 个单位缺少人员`}
              description={s.missing.map((m) => `${m.unitName}（缺${m.missing}）`).join('、')}
            />
          )}
          <details className="form-hint">
            <summary>完整报告</summary>
            <pre className="report">{plan.report.join('\n')}</pre>
          </details>
          <Table
            rowKey={(r, i) => `${r.unitId}-${r.role}-${r.name}-${i}`}
            size="small"
            dataSource={s.changes}
            pagination={{ pageSize: 15, showSizeChanger: false, showTotal: (t) => `共 ${t} 项变更` }}
            locale={{ emptyText: '没有需要改动的人员（名单已导入过）' }}
            columns={[
              { title: '行', dataIndex: 'row', width: 60, render: (r: number | null) => r ?? '—' },
              { title: '变更', dataIndex: 'action', width: 80, render: (a: keyof typeof ACTIONS) => ACTIONS[a] },
              { title: '单位', dataIndex: 'unitName', width: 120 },
              {
                title: '职责',
                dataIndex: 'role',
                width: 90,
                render: (r: 'leader' | 'officer') => PERSONNEL_ROLE_LABELS[r],
              },
              { title: '姓名', dataIndex: 'name', width: 100 },
              { title: '说明', dataIndex: 'detail' },
            ]}
          />
          {!plan.applied && (
            <Space className="form-hint">
              <Button type="primary" loading={busy === 'apply'} onClick={() => void run(true)}>
                确认导入
              </Button>
              <Button onClick={() => setPlan(null)}>取消</Button>
            </Space>
          )}
        </>
      )}
    </Drawer>
  );
}
