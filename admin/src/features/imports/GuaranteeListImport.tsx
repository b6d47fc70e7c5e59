import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Select, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, qs } from '../../api/client';
import { useSites } from '../../api/hooks';
import type { GuaranteeImportResult } from '@contract/guarantee-import';
import { DateStringPicker } from '../../lib/DateStringPicker';
import { FilePicker } from '../../lib/FilePicker';
import { ApplyButtons, FullReport, ImportBanner, UnresolvedUnits, usePreviewImport } from './import-parts';

const ENTITY: Record<string, string> = {
  site: '站点',
  column: '栏目',
  unit: '单位',
  group: '单位分组',
  alias: '别名',
  duty: '保障责任',
};

/** Upload the 内容保障清单 (CSV or XLSX), see exactly what would change, then apply it. */
export function GuaranteeListImport() {
  const sites = useSites();
  const client = useQueryClient();
  const [siteId, setSiteId] = useState<number>();
  const [effective, setEffective] = useState<string | null>(null);
  const { file, choose, plan, reset, busy, run } = usePreviewImport(
    (f, apply) =>
      api.upload<GuaranteeImportResult>(
        `/api/imports/guarantee-list${qs({ siteId, apply: String(apply), effective: effective ?? undefined })}`,
        f,
        f.name,
      ),
    { message: '保障清单已导入', after: () => client.invalidateQueries() },
  );

  const s = plan?.summary;
  return (
    <>
      <Card className="section-card" size="small">
        <Form layout="vertical">
          <Space wrap align="end">
            <Form.Item label="导入到站点" htmlFor="list-site">
              <Select
                id="list-site"
                style={{ width: 240 }}
                allowClear
                placeholder="默认站点"
                value={siteId}
                onChange={(v) => {
                  setSiteId(v);
                  reset();
                }}
                options={sites.data?.map((x) => ({ value: x.id, label: x.name }))}
              />
            </Form.Item>
            <Form.Item label="保障清单文件（CSV 或 XLSX）">
              <FilePicker
                id="list-file"
                label="保障清单"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={choose}
              />
            </Form.Item>
            <Form.Item label="生效日期" htmlFor="list-effective" tooltip="新建的保障责任自该日起考核；不选则为导入当天">
              <DateStringPicker
                id="list-effective"
                placeholder="导入当天"
                allowClear
                value={effective}
                onChange={(v) => {
                  setEffective(v);
                  reset();
                }}
              />
            </Form.Item>
            <Form.Item>
              <Button
                type="primary"
                icon={<UploadOutlined aria-hidden />}
                disabled={!file}
                loading={busy === 'plan'}
                onClick={() => void run(false)}
              >
                预览变更
              </Button>
            </Form.Item>
          </Space>
        </Form>
        <p className="muted">
          清单格式：一级栏目、二级栏目、三级栏目、保障部门、相关要求；空白单元格沿用上一行。预览不会写入数据库。
          选定生效日期时，已有保障责任的生效日期也改为该日。
        </p>
      </Card>
      {plan && s && (
        <Card
          className="section-card"
          size="small"
          title={<h2 className="card-title">{plan.applied ? '导入结果' : '将发生的变更（预览）'}</h2>}
        >
          <ImportBanner
            applied={plan.applied}
            title="保障清单已导入"
            subTitle={`${s.site.name}：栏目新建 ${s.columns.created}、更新 ${s.columns.updated}；保障责任新建 ${s.duties.created}、更新 ${s.duties.updated}`}
          />
          <div className="stat-grid">
            <Statistic title="清单行数" value={s.rows} />
            <Statistic title="栏目 新建/更新" value={`${s.columns.created} / ${s.columns.updated}`} />
            <Statistic title="保障责任 新建/更新" value={`${s.duties.created} / ${s.duties.updated}`} />
            <Statistic title="新建单位" value={s.units.created.length} />
            <Statistic title="未能识别的名称" value={s.unresolved.length} />
            <Statistic title="待补充" value={s.gaps.length} />
          </div>
          <UnresolvedUnits items={s.unresolved} title="未能识别的单位名称" />
          <p className="form-hint" data-testid="import-effective">
            生效日期：{s.effective.day}
            {s.effective.explicit ? '' : '（导入当天；已有保障责任的生效日期不变）'}
          </p>
          {s.tree && (
            <Alert
              type="info"
              showIcon
              className="form-hint"
              title={`单位信息公开目录：${s.tree.root}`}
              description={`${s.tree.units} 个单位各有 ${s.tree.subs.join('、')}，每个栏目由该单位自己保障；本次新建单位分支 ${s.tree.branchesCreated} 个。清单中${s.tree.entries.map((e) => `“${e.path}”`).join('')}按单位分设。`}
            />
          )}
          {s.unclassified.length > 0 && (
            <Alert
              type="warning"
              showIcon
              className="form-hint"
              data-testid="import-unclassified"
              title={`未能归类的栏目 ${s.unclassified.length} 个（暂只检查是否空白）`}
              description={
                <>
                  {s.unclassified.map((u) => `第 ${u.row} 行 ${u.path}`).join('；')}。
                  {plan.applied && (
                    // Underlined: a link inside a sentence must not be told apart by colour alone.
                    <Link to="/guarantee/settings?tab=classes" style={{ textDecoration: 'underline' }}>
                      确定栏目更新类别
                    </Link>
                  )}
                </>
              }
            />
          )}
          {s.gaps.length > 0 && (
            <Alert
              type="warning"
              showIcon
              className="form-hint"
              title="待补充"
              description={s.gaps.map((g) => `第 ${g.row} 行 ${g.path}：${g.problem}`).join('；')}
            />
          )}
          <FullReport lines={plan.report} />
          <Table
            rowKey={(r, i) => `${r.entity}-${r.name}-${i}`}
            size="small"
            dataSource={plan.changes}
            pagination={{ pageSize: 15, showSizeChanger: false, showTotal: (t) => `共 ${t} 项变更` }}
            locale={{ emptyText: '没有需要改动的内容（清单已导入过）' }}
            scroll={{ x: 640 }}
            columns={[
              { title: '行', dataIndex: 'row', width: 60, render: (r?: number) => r ?? '—' },
              {
                title: '变更',
                dataIndex: 'action',
                width: 80,
                render: (a: string) =>
                  a === 'create' ? <Tag color="success">新建</Tag> : <Tag color="processing">更新</Tag>,
              },
              { title: '对象', dataIndex: 'entity', width: 90, render: (e: string) => ENTITY[e] ?? e },
              { title: '名称', dataIndex: 'name' },
              { title: '说明', dataIndex: 'detail' },
            ]}
          />
          {!plan.applied && <ApplyButtons busy={busy === 'apply'} onApply={() => void run(true)} onCancel={reset} />}
        </Card>
      )}
    </>
  );
}
