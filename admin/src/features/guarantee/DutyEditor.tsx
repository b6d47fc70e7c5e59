import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useGroups, useUnits } from '../../api/hooks';
import type { Duty, ParsedDuty } from '@contract/guarantee';
import { DateStringPicker } from '../../lib/DateStringPicker';
import { requiredRule, showServerIssues } from '../../lib/form';
import { Cadence, Channel, PartyRole } from '@contract/guarantee';
import { options } from '../../lib/labels';
import { useDebounced } from '../../lib/useDebounced';
import { PartyTags, RuleText } from './DutySummary';
import { dutyPayload, partyRef, partyRows, type DutyFormValues, type PartyValues } from './duty-form';

interface Props {
  columnId: number;
  columnName: string;
  duty: Duty | null;
  onSaved(d: Duty): void;
  onCancel(): void;
}

/** Edit a column's duty, with the parsed rule shown live while the requirement is typed. */
export function DutyEditor({ columnId, columnName, duty, onSaved, onCancel }: Props) {
  const [form] = Form.useForm<DutyFormValues>();
  const { message } = App.useApp();
  const units = useUnits();
  const groups = useGroups();
  const [busy, setBusy] = useState(false);
  const [phrase, setPhrase] = useState('');
  const text = Form.useWatch('requirementText', form) ?? duty?.requirementText ?? '';
  const override = Form.useWatch('override', form) ?? false;
  const cadence = Form.useWatch('cadence', form);
  const refOptions = [
    { label: '单位', options: (units.data ?? []).map((u) => ({ value: `u:${u.id}`, label: u.shortName })) },
    { label: '单位分组', options: (groups.data ?? []).map((g) => ({ value: `g:${g.id}`, label: g.name })) },
  ];
  // preserve: the rows' labels have no field of their own but decide how a row is shown.
  const watchedRows = Form.useWatch('parties', { form, preserve: true }) as PartyValues[] | undefined;
  const vagueLabel = (i: number) => {
    const p = watchedRows?.[i];
    return p && !p.ref && p.label ? p.label : undefined;
  };
  /** Under a row: how the list words it, when that is not simply the unit's or group's name. */
  const rowNote = (i: number) => {
    const p = watchedRows?.[i];
    const vague = vagueLabel(i);
    if (vague) return `清单原文“${vague}”泛指，不对应具体单位`;
    if (!p?.label) return undefined;
    const name = refOptions.flatMap((g) => g.options).find((o) => o.value === p.ref)?.label;
    return p.labelRef === p.ref && p.label !== name ? `清单原文“${p.label}”` : undefined;
  };
  const settled = useDebounced({ text, phrase });
  const preview = useQuery({
    queryKey: ['duty-parse', settled.text, settled.phrase, columnName],
    queryFn: () =>
      api.post<ParsedDuty>(
        '/api/duties/parse',
        { requirementText: settled.text, responsibleText: settled.phrase || undefined, columnName },
        { quiet: true },
      ),
    enabled: settled.text.trim().length > 0 || settled.phrase.trim().length > 0,
    placeholderData: (prev) => prev,
  });

  const submit = async (values: DutyFormValues) => {
    setBusy(true);
    try {
      // The submitted values hold only the fields on screen; the rows' phrases live in the store.
      const body = dutyPayload({ ...values, parties: form.getFieldValue('parties') as PartyValues[] | undefined });
      const saved = duty
        ? await api.patch<Duty>(`/api/duties/${duty.id}`, body, { quiet: true })
        : await api.post<Duty>('/api/duties', { columnId, ...body }, { quiet: true });
      void message.success('保障责任已保存');
      onSaved(saved);
    } catch (e) {
      showServerIssues(form, e);
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const applyPhrase = () => {
    const parsed = preview.data?.parties ?? [];
    if (!parsed.some((p) => p.unitId || p.groupId)) return void message.warning('没有识别出可用的单位或分组');
    form.setFieldValue('parties', partyRows(parsed));
  };

  const initial: DutyFormValues = duty
    ? {
        requirementText: duty.requirementText,
        note: duty.note,
        parties: duty.parties.map((p) => ({ ref: partyRef(p), role: p.role, label: p.label, labelRef: partyRef(p) })),
        // A rule chosen by hand before stays chosen: saving must not quietly return to the wording's reading.
        override: duty.rule.manual !== undefined,
        cadence: duty.cadence,
        minPerWeek: duty.minPerWeek,
        channel: duty.channel,
        effectiveFrom: duty.effectiveFrom,
      }
    : { requirementText: '', note: null, parties: [{ role: 'lead' }], override: false, effectiveFrom: null };

  return (
    <Form<DutyFormValues> form={form} layout="vertical" initialValues={initial} onFinish={submit} disabled={busy}>
      <Form.Item
        label="相关要求（清单原文）"
        name="requirementText"
        rules={[requiredRule('请填写相关要求'), { max: 500, message: '不能超过 500 个字符' }]}
        extra="如：工作日报送至邮箱，每周至少一篇"
      >
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
      <div className="parse-preview" aria-live="polite">
        <strong>系统理解为：</strong>{' '}
        {preview.data ? (
          <RuleText
            rule={preview.data.requirement.rule}
            cadenceLabel={preview.data.requirement.cadenceLabel}
            channelLabel={preview.data.requirement.channelLabel}
          />
        ) : (
          <span className="muted">输入相关要求后显示</span>
        )}
        {preview.data && preview.data.warnings.length > 0 && (
          <div className="parse-warning">提示：{preview.data.warnings.join('；')}</div>
        )}
      </div>
      <Form.Item
        label="保障部门（按清单写法识别，可选）"
        htmlFor="duty-phrase"
        extra="如：政府办收集，相关单位配合；识别后可一键填入下方"
      >
        <Space.Compact style={{ width: '100%' }}>
          <Input id="duty-phrase" value={phrase} onChange={(e) => setPhrase(e.target.value)} maxLength={1000} />
          <Button onClick={applyPhrase} disabled={!phrase.trim()}>
            填入保障单位
          </Button>
        </Space.Compact>
      </Form.Item>
      {phrase.trim() && preview.data && (
        <div className="parse-preview">
          <PartyTags parties={preview.data.parties} />
        </div>
      )}
      <Form.List name="parties">
        {(fields, { add, remove }) => (
          <fieldset className="fieldset">
            <legend>保障单位</legend>
            {fields.map((f) => (
              <Row key={f.key} gutter={8} align="top">
                <Col xs={24} sm={11}>
                  {/* A phrase naming no unit (相关单位) stays as written until someone picks one. */}
                  <Form.Item
                    label={`单位或分组 ${f.name + 1}`}
                    name={[f.name, 'ref']}
                    extra={rowNote(f.name)}
                    rules={[{ required: !vagueLabel(f.name), message: '请选择单位或单位分组' }]}
                  >
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      options={refOptions}
                      placeholder={vagueLabel(f.name) || '选择'}
                      allowClear={!!vagueLabel(f.name)}
                    />
                  </Form.Item>
                </Col>
                <Col xs={16} sm={9}>
                  <Form.Item label={`职责 ${f.name + 1}`} name={[f.name, 'role']} initialValue="lead">
                    <Select options={options(PartyRole.labels)} />
                  </Form.Item>
                </Col>
                <Col xs={8} sm={4}>
                  <Button
                    type="text"
                    danger
                    icon={<MinusCircleOutlined aria-hidden />}
                    onClick={() => remove(f.name)}
                    aria-label={`删除第 ${f.name + 1} 个保障单位`}
                    className="row-remove"
                  />
                </Col>
              </Row>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => add({ role: fields.length ? 'cooperate' : 'lead' })}
            >
              添加保障单位
            </Button>
          </fieldset>
        )}
      </Form.List>
      <Form.Item name="override" valuePropName="checked">
        <Checkbox>手动指定规则（不采用系统解析结果）</Checkbox>
      </Form.Item>
      {override && (
        <Row gutter={8}>
          <Col xs={24} sm={10}>
            <Form.Item label="更新要求" name="cadence" rules={[{ required: true, message: '请选择更新要求' }]}>
              <Select options={options(Cadence.labels)} />
            </Form.Item>
          </Col>
          {cadence === 'weekly_min' && (
            <Col xs={12} sm={6}>
              <Form.Item
                label="每周至少（篇）"
                name="minPerWeek"
                rules={[
                  { required: true, message: '请填写每周篇数' },
                  { type: 'number', min: 1, max: 50, message: '每周篇数须在 1 到 50 之间' },
                ]}
              >
                <InputNumber min={1} max={50} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={8}>
            <Form.Item label="报送方式" name="channel" rules={[{ required: true, message: '请选择报送方式' }]}>
              <Select options={options(Channel.labels)} />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Form.Item
        label="生效日期"
        name="effectiveFrom"
        rules={[{ required: !!duty, message: '请选择生效日期' }]}
        extra="此前的时段不考核（显示“未生效”）；新建时不选则为今天"
      >
        <DateStringPicker placeholder={duty ? undefined : '今天'} allowClear={!duty} />
      </Form.Item>
      <Form.Item label="备注" name="note" rules={[{ max: 2000, message: '不能超过 2000 个字符' }]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      {preview.isError && (
        <Alert type="warning" showIcon className="form-hint" title="暂时无法预览解析结果，保存时服务器会重新解析" />
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          保存保障责任
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}
