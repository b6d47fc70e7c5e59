import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { PersonnelRequirement, Unit } from '@contract/org';
import { requiredRule } from '../../lib/form';

interface Values {
  leaders: number;
  minOfficers: number;
  note: string;
}

/**
 * What the office expects of one unit's roster when not the notice's one 分管领导 and at least one
 * 信息员 (RequirementInput in src/contract/org.ts): an exemption or a second leader, with why.
 */
export function RequirementDialog({
  unit,
  current,
  onClose,
}: {
  unit: Unit | null;
  current: PersonnelRequirement | undefined;
  onClose(): void;
}) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (unit)
      form.setFieldsValue(
        current
          ? { leaders: current.leaders, minOfficers: current.minOfficers, note: current.note ?? '' }
          : { leaders: 1, minOfficers: 1, note: '' },
      );
  }, [unit, current, form]);

  const done = async (text: string) => {
    await client.invalidateQueries({ queryKey: ['personnel'] });
    void message.success(text);
    onClose();
  };
  const save = async () => {
    if (!unit) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await api.put(`/api/personnel/requirements/${unit.id}`, { ...v, note: v.note.trim() });
      await done('已保存人员要求');
    } finally {
      setBusy(false);
    }
  };
  const reset = async () => {
    if (!unit) return;
    setBusy(true);
    try {
      await api.delete(`/api/personnel/requirements/${unit.id}`);
      await done('已恢复为分管领导 1 名、信息员至少 1 名');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={unit !== null}
      title={`${unit?.shortName ?? ''}：人员要求`}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        current && (
          <Button key="reset" onClick={() => void reset()} disabled={busy}>
            恢复默认
          </Button>
        ),
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" loading={busy} onClick={() => void save()}>
          保存
        </Button>,
      ]}
    >
      <p className="muted">
        通知要求每个单位明确 1 名分管领导和至少 1 名专职信息员；如经办公室同意另有安排，在此设置并说明原因。
      </p>
      <Form form={form} layout="vertical">
        <Form.Item label="分管领导人数（0 表示不要求）" name="leaders" rules={[{ required: true, message: '请填写' }]}>
          <InputNumber min={0} max={5} precision={0} />
        </Form.Item>
        <Form.Item
          label="信息员至少几名（0 表示不要求）"
          name="minOfficers"
          rules={[{ required: true, message: '请填写' }]}
        >
          <InputNumber min={0} max={20} precision={0} />
        </Form.Item>
        <Form.Item
          label="原因"
          name="note"
          rules={[requiredRule('请说明原因（如：由某单位分管领导兼管）'), { max: 500, message: '不能超过 500 个字符' }]}
        >
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
