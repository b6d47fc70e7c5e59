import { ArrowDownOutlined, ArrowUpOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import { FormDrawer } from '../../lib/FormDrawer';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { Chain } from '@contract/review';
import { requiredRule, showServerIssues, validated } from '../../lib/form';
import { ROLE_LABELS } from '@contract/org';
import { FORM_FIELD_LABELS, options, STEP_SCOPE_LABELS } from '../../lib/labels';
import {
  chainPayload,
  MAX_DUE_HOURS,
  MAX_STEPS,
  restartProblem,
  toChainForm,
  type ChainFormValues,
} from './chain-form';

const EMPTY: ChainFormValues = {
  name: '',
  description: null,
  restartPosition: 1,
  autoPublish: false,
  steps: [{ name: '审查人', role: 'unit_leader', scope: 'submitter_unit', formField: 'reviewer', dueHours: 24 }],
};

interface Props {
  /** The chain to edit; null with open: a new chain. */
  chain: Chain | null;
  open: boolean;
  onClose(): void;
  onSaved(c: Chain): void;
}

/** An administrator defines a chain: its ordered steps (who, for which unit, which 审核表 line, how long), where an edit restarts it, and whether it publishes at the end. */
export function ChainForm({ chain, open, onClose, onSaved }: Props) {
  const [form] = Form.useForm<ChainFormValues>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(chain ? toChainForm(chain) : EMPTY);
  }, [open, chain, form]);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setBusy(true);
    try {
      const body = chainPayload(values);
      const saved = chain
        ? await api.put<Chain>(`/api/review-chains/${chain.id}`, body, { quiet: true })
        : await api.post<Chain>('/api/review-chains', body, { quiet: true });
      void message.success(`审核流程“${saved.name}”已保存`);
      onSaved(saved);
      onClose();
    } catch (e) {
      if (!showServerIssues(form, e)) void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDrawer
      open={open}
      title={chain ? `修改审核流程“${chain.name}”` : '新建审核流程'}
      size="min(1000px, 100vw)"
      busy={busy}
      onClose={onClose}
      onSave={() => void submit()}
      saveText="保存流程"
    >
      <Form form={form} layout="vertical">
        <Form.Item
          label="流程名称"
          name="name"
          rules={[requiredRule('请填写流程名称'), { max: 100, message: '不能超过 100 个字符' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="说明" name="description" rules={[{ max: 1000, message: '不能超过 1000 个字符' }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.List
          name="steps"
          rules={[
            {
              validator: async (_, steps?: unknown[]) => {
                if (!steps || steps.length < 1) throw new Error('至少需要一个审核步骤');
                if (steps.length > MAX_STEPS) throw new Error(`最多 ${MAX_STEPS} 个审核步骤`);
              },
            },
          ]}
        >
          {(fields, { add, remove, move }, { errors }) => (
            <fieldset className="fieldset">
              <legend>审核步骤（按顺序）</legend>
              {fields.map((f, i) => (
                <div key={f.key} className="chain-step">
                  <Row gutter={8} align="top">
                    <Col xs={24} md={6}>
                      <Form.Item
                        label={`第 ${i + 1} 步名称`}
                        name={[f.name, 'name']}
                        rules={[requiredRule('请填写步骤名称'), { max: 50, message: '不能超过 50 个字符' }]}
                      >
                        <Input maxLength={50} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={5}>
                      <Form.Item
                        label={`第 ${i + 1} 步角色`}
                        name={[f.name, 'role']}
                        rules={[{ required: true, message: '请选择角色' }]}
                      >
                        <Select options={options(ROLE_LABELS)} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item
                        label={`第 ${i + 1} 步范围`}
                        name={[f.name, 'scope']}
                        rules={[{ required: true, message: '请选择范围' }]}
                        tooltip="报送单位：由送审信息所属单位的该角色处理；县政府办：由县级该角色处理"
                      >
                        <Select options={options(STEP_SCOPE_LABELS)} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={5}>
                      <Form.Item label={`第 ${i + 1} 步审核表栏目`} name={[f.name, 'formField']}>
                        <Select allowClear placeholder="不填入审核表" options={options(FORM_FIELD_LABELS)} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item
                        label={`第 ${i + 1} 步期限（小时）`}
                        name={[f.name, 'dueHours']}
                        rules={[
                          { required: true, message: '请填写办理期限' },
                          {
                            type: 'number',
                            min: 1,
                            max: MAX_DUE_HOURS,
                            message: `期限须在 1 到 ${MAX_DUE_HOURS} 小时之间`,
                          },
                        ]}
                      >
                        <InputNumber min={1} max={MAX_DUE_HOURS} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Space size={4} className="form-hint">
                    <Button
                      size="small"
                      icon={<ArrowUpOutlined aria-hidden />}
                      disabled={i === 0}
                      onClick={() => move(i, i - 1)}
                      aria-label={`第 ${i + 1} 步上移`}
                    />
                    <Button
                      size="small"
                      icon={<ArrowDownOutlined aria-hidden />}
                      disabled={i === fields.length - 1}
                      onClick={() => move(i, i + 1)}
                      aria-label={`第 ${i + 1} 步下移`}
                    />
                    <Button
                      size="small"
                      danger
                      icon={<MinusCircleOutlined aria-hidden />}
                      disabled={fields.length === 1}
                      onClick={() => remove(f.name)}
                    >
                      删除第 {i + 1} 步
                    </Button>
                  </Space>
                </div>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                icon={<PlusOutlined aria-hidden />}
                disabled={fields.length >= MAX_STEPS}
                onClick={() =>
                  add({ name: '', role: 'disclosure_reviewer', scope: 'county', formField: null, dueHours: 24 })
                }
              >
                添加步骤
              </Button>
            </fieldset>
          )}
        </Form.List>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              label="修改后从第几步重新审核"
              name="restartPosition"
              dependencies={['steps']}
              extra="审核通过后内容又被修改时，之前的意见失效，从此步重新审核"
              rules={[
                { required: true, message: '请填写重新审核的起点' },
                ({ getFieldValue }) => ({
                  validator: async (_, v: number | null) => {
                    const p = restartProblem(v, (getFieldValue('steps') as unknown[] | undefined)?.length ?? 0);
                    if (p) throw new Error(p);
                  },
                }),
              ]}
            >
              <InputNumber min={1} max={MAX_STEPS} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label="最后一步通过后自动发布"
              name="autoPublish"
              valuePropName="checked"
              extra="如单位自管栏目：单位领导审核后直接发布"
            >
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
