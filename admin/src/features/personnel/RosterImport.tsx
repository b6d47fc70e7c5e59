import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Space, Statistic, Table, Tag } from 'antd';
import { api } from '../../api/client';
import { PERSONNEL_ROLE_LABELS, type RosterImportResult } from '@contract/org';
import { FilePicker } from '../../lib/FilePicker';
import { ApplyButtons, FullReport, ImportBanner, UnresolvedUnits, usePreviewImport } from '../imports/import-parts';

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
  const { file, choose, plan, reset, busy, run } = usePreviewImport(
    (f, apply) => api.upload<RosterImportResult>(`/api/imports/roster?apply=${apply}`, f, f.name),
    { message: '保障人员名单已导入', after: () => client.invalidateQueries({ queryKey: ['personnel'] }) },
  );

  const s = plan?.summary;
  return (
    <Drawer open={open} onClose={onClose} title="从表格导入保障人员名单" size="large" destroyOnHidden>
      <Space wrap align="end">
        <FilePicker
          id="roster-file"
          label="保障人员名单"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={choose}
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
          <ImportBanner
            applied={plan.applied}
            title="保障人员名单已导入"
            subTitle={`新增 ${s.counts.created} 人，更新 ${s.counts.updated} 人，删除 ${s.counts.removed} 人`}
          />
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
          <UnresolvedUnits
            items={s.unresolved}
            title="未能识别的单位名称（这些行未导入；可在单位管理中添加别名后重新导入）"
          />
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
          <FullReport lines={plan.report} />
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
          {!plan.applied && <ApplyButtons busy={busy === 'apply'} onApply={() => void run(true)} onCancel={reset} />}
        </>
      )}
    </Drawer>
  );
}
