import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Modal, Popconfirm, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useUnits } from '../../api/hooks';
import { labelOf } from '@contract/common';
import {
  type MissingPersonnel,
  type Person,
  type PersonnelRequirement,
  type PersonnelWarning,
  type SavedPerson,
  type Unit,
  UNIT_CATEGORY_LABELS,
} from '@contract/org';
import { PageHeading } from '../../layout/AppLayout';
import { showServerIssues, validated } from '../../lib/form';
import { usePageTitle } from '../../lib/usePageTitle';
import { useAccess, useMe } from '../auth/session';
import { PersonFields, personPayload, type PersonFormValues } from './PersonForm';
import { RequirementDialog } from './RequirementDialog';
import { RosterImport } from './RosterImport';

interface UnitRow {
  unit: Unit;
  leaders: Person[];
  officers: Person[];
  missing: string | null;
  warning: PersonnelWarning | null;
  requirement: PersonnelRequirement | null;
}

/** The roster of 附件3: each unit's 分管领导 and 信息员, with units missing either marked. */
export default function PersonnelPage() {
  usePageTitle('保障人员');
  const me = useMe();
  const access = useAccess();
  const client = useQueryClient();
  const { message } = App.useApp();
  const unitScoped = access.scope('personnel.read') === 'unit';
  const canWrite = access.can('personnel.write');
  const canManage = access.can('personnel.manage');
  const units = useUnits();
  const people = useQuery({ queryKey: ['personnel'], queryFn: () => api.get<Person[]>('/api/personnel') });
  const missing = useQuery({
    queryKey: ['personnel', 'missing'],
    queryFn: () => api.get<MissingPersonnel[]>('/api/personnel/missing'),
  });
  const warnings = useQuery({
    queryKey: ['personnel', 'warnings'],
    queryFn: () => api.get<PersonnelWarning[]>('/api/personnel/warnings'),
  });
  const requirements = useQuery({
    queryKey: ['personnel', 'requirements'],
    queryFn: () => api.get<PersonnelRequirement[]>('/api/personnel/requirements'),
  });
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [importing, setImporting] = useState(false);
  const [requirementOf, setRequirementOf] = useState<Unit | null>(null);
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<PersonFormValues>();

  const visibleUnits = (units.data ?? []).filter((u) => u.active && (!unitScoped || u.id === me.unit.id));
  const missingBy = new Map((missing.data ?? []).map((m) => [m.unitId, m.missing]));
  const warningBy = new Map((warnings.data ?? []).map((w) => [w.unitId, w]));
  const requirementBy = new Map((requirements.data ?? []).map((r) => [r.unitId, r]));
  const rows: UnitRow[] = visibleUnits
    .map((unit) => {
      const mine = (people.data ?? []).filter((p) => p.unitId === unit.id);
      return {
        unit,
        leaders: mine.filter((p) => p.role === 'leader'),
        officers: mine.filter((p) => p.role === 'officer'),
        missing: missingBy.get(unit.id) ?? null,
        warning: warningBy.get(unit.id) ?? null,
        requirement: requirementBy.get(unit.id) ?? null,
      };
    })
    .filter((r) => !onlyMissing || r.missing || r.warning);

  const open = (p: Person | 'new', unitId?: number, role?: Person['role']) => {
    setEditing(p);
    form.resetFields();
    form.setFieldsValue(
      p === 'new'
        ? { unitId: unitScoped ? me.unit.id : unitId, role: role ?? 'officer' }
        : {
            unitId: p.unitId,
            role: p.role,
            name: p.name,
            post: p.post,
            phone: p.phone,
            mobile: p.mobile,
            email: p.email,
          },
    );
  };
  const refresh = () => client.invalidateQueries({ queryKey: ['personnel'] });
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setBusy(true);
    try {
      const saved =
        editing === 'new'
          ? await api.post<SavedPerson>('/api/personnel', { unitId: v.unitId, ...personPayload(v) }, { quiet: true })
          : editing
            ? await api.patch<SavedPerson>(`/api/personnel/${editing.id}`, personPayload(v), { quiet: true })
            : null;
      await refresh();
      setEditing(null);
      // A second 分管领导 is saved, and said plainly: the notice wants one per unit.
      if (saved?.warning) void message.warning({ content: `已保存。${saved.warning}`, duration: 10 });
      else void message.success('已保存');
    } catch (e) {
      showServerIssues(form, e);
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const personCell = (list: Person[], unit: Unit, role: Person['role']) => (
    <div className="person-cell">
      {list.map((p) => (
        <div key={p.id}>
          <strong>{p.name}</strong>
          {p.post && <span className="muted">（{p.post}）</span>} {[p.phone, p.mobile].filter(Boolean).join(' / ')}
          {canWrite && (
            <Space size={0}>
              <Button type="link" size="small" onClick={() => open(p)} aria-label={`编辑${p.name}`}>
                编辑
              </Button>
              <Popconfirm
                title={`删除“${p.name}”？`}
                okText="删除"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={async () => {
                  await api.delete(`/api/personnel/${p.id}`).catch(() => undefined);
                  await refresh();
                }}
              >
                <Button type="link" size="small" danger aria-label={`删除${p.name}`}>
                  删除
                </Button>
              </Popconfirm>
            </Space>
          )}
        </div>
      ))}
      {list.length === 0 && <Tag color="error">未登记</Tag>}
      {canWrite && list.length === 0 && (
        <Button
          type="link"
          size="small"
          onClick={() => open('new', unit.id, role)}
          aria-label={`为${unit.shortName}登记${role === 'leader' ? '分管领导' : '信息员'}`}
        >
          登记
        </Button>
      )}
    </div>
  );

  return (
    <>
      <PageHeading
        title="保障人员"
        extra={
          <Space>
            {canManage && (
              <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
                从表格导入
              </Button>
            )}
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => open('new')}>
                登记人员
              </Button>
            )}
          </Space>
        }
      />
      {(missing.data?.length ?? 0) > 0 && (
        <Alert
          type="warning"
          showIcon
          className="section-card"
          title={`${missing.data!.length} 个单位缺少分管领导或信息员`}
          description={
            missing
              .data!.slice(0, 12)
              .map((m) => `${m.shortName}（缺${m.missing}）`)
              .join('、') + (missing.data!.length > 12 ? ' 等' : '')
          }
        />
      )}
      {(warnings.data?.length ?? 0) > 0 && (
        <Alert
          type="warning"
          showIcon
          className="section-card"
          title={`${warnings.data!.length} 个单位的分管领导多于要求`}
          description={
            <ul className="plain-list">
              {warnings.data!.map((w) => (
                <li key={w.unitId}>
                  {w.unitName}：{w.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Space className="filter-bar">
        <Switch checked={onlyMissing} onChange={setOnlyMissing} id="only-missing" />
        <label htmlFor="only-missing">只看缺少人员或有提醒的单位</label>
      </Space>
      <Table<UnitRow>
        rowKey={(r) => r.unit.id}
        loading={people.isLoading || units.isLoading}
        dataSource={rows}
        rowClassName={(r) => (r.missing ? 'row-missing' : '')}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (t) => `共 ${t} 个单位` }}
        scroll={{ x: 860 }}
        columns={[
          {
            title: '单位',
            key: 'unit',
            width: 200,
            render: (_: unknown, r) => (
              <>
                <div>{r.unit.shortName}</div>
                <span className="muted">{labelOf(UNIT_CATEGORY_LABELS, r.unit.category)}</span>
                {r.missing && (
                  <div>
                    <Tag color="error">缺{r.missing}</Tag>
                  </div>
                )}
                {r.warning && (
                  <div>
                    <Tag color="warning">
                      分管领导 {r.warning.leaders.length} 名（应为 {r.warning.expected} 名）
                    </Tag>
                  </div>
                )}
                {r.requirement && (
                  <div>
                    <Tag title={r.requirement.note ?? undefined}>
                      另有要求：分管领导 {r.requirement.leaders} 名，信息员至少 {r.requirement.minOfficers} 名
                    </Tag>
                  </div>
                )}
                {canManage && (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setRequirementOf(r.unit)}
                    aria-label={`设置${r.unit.shortName}的人员要求`}
                  >
                    人员要求
                  </Button>
                )}
              </>
            ),
          },
          { title: '分管领导', key: 'leader', render: (_: unknown, r) => personCell(r.leaders, r.unit, 'leader') },
          { title: '信息员', key: 'officer', render: (_: unknown, r) => personCell(r.officers, r.unit, 'officer') },
        ]}
      />
      <RosterImport open={importing} onClose={() => setImporting(false)} />
      <RequirementDialog
        unit={requirementOf}
        current={requirementOf ? requirementBy.get(requirementOf.id) : undefined}
        onClose={() => setRequirementOf(null)}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '登记人员' : '修改人员'}
        okText="保存"
        cancelText="取消"
        onOk={() => void submit()}
        onCancel={() => setEditing(null)}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <PersonFields units={visibleUnits} unitLocked={unitScoped || editing !== 'new'} />
        </Form>
      </Modal>
    </>
  );
}
