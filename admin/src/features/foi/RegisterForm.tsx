import { Alert, Button, Form, Input, Radio, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  ApplicantCategory,
  ApplicantKind,
  Channel,
  IdType,
  ProvisionForm,
  ReceiptWay,
  type RegisterApplication,
} from '@contract/foi';
import { api } from '../../api/client';
import { DateStringPicker } from '../../lib/DateStringPicker';
import { showServerIssues } from '../../lib/form';
import { foiKeys, useHandlingUnits } from './queries';

const opts = <V extends string>(e: { values: readonly V[]; labels: Record<V, string> }) =>
  e.values.map((v) => ({ value: v, label: e.labels[v] }));

/** A paper, letter or counter application entered with the date its channel makes the receipt day. */
export function RegisterForm() {
  const [form] = Form.useForm();
  const units = useHandlingUnits();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('applicantKind', form) ?? 'person';
  const channel = Form.useWatch('channel', form) ?? 'in_person';
  const save = useMutation({
    mutationFn: (v: RegisterApplication) => api.post<{ id: number; number: string }>('/api/foi/applications', v),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: foiKeys.all });
      void navigate(`/foi/${r.id}`);
    },
    onError: (e) => {
      setError(e instanceof Error ? e.message : String(e));
      showServerIssues(form, e);
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 720 }}
      initialValues={{
        applicantKind: 'person',
        idType: 'resident_id',
        channel: 'in_person',
        provisionForm: 'paper',
        receiptWay: 'post',
      }}
      onFinish={(v) => {
        setError(null);
        save.mutate(v as RegisterApplication);
      }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form.Item name="unitId" label="受理机关" rules={[{ required: true, message: '请选择受理机关' }]}>
        <Select options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
      </Form.Item>
      <Form.Item name="channel" label="收到方式">
        <Radio.Group options={opts(Channel)} />
      </Form.Item>
      <Form.Item
        name="submittedDay"
        label={channel === 'in_person' ? '提交日期' : '寄出（提交）日期'}
        rules={[{ required: true, message: '请选择日期' }]}
      >
        <DateStringPicker />
      </Form.Item>
      {channel === 'registered_mail' && (
        <Form.Item
          name="signedDay"
          label="签收日期（即收到申请之日）"
          rules={[{ required: true, message: '请选择签收日期' }]}
        >
          <DateStringPicker />
        </Form.Item>
      )}
      {channel === 'ordinary_mail' && (
        <Form.Item
          name="confirmedDay"
          label="与申请人确认收到的日期（即收到申请之日）"
          rules={[{ required: true, message: '请选择确认日期' }]}
        >
          <DateStringPicker />
        </Form.Item>
      )}
      <Form.Item name="applicantKind" label="申请人类型">
        <Radio.Group options={opts(ApplicantKind)} />
      </Form.Item>
      <Form.Item
        name="applicantName"
        label={kind === 'person' ? '姓名' : '名称'}
        rules={[{ required: true, message: '请填写' }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      {kind === 'person' ? (
        <>
          <Form.Item name="idType" label="证件类型">
            <Select options={opts(IdType)} />
          </Form.Item>
          <Form.Item name="idNumber" label="证件号码" rules={[{ required: true, message: '请填写证件号码' }]}>
            <Input maxLength={64} />
          </Form.Item>
        </>
      ) : (
        <>
          <Form.Item name="orgCategory" label="组织类型" rules={[{ required: true, message: '请选择组织类型' }]}>
            <Select options={opts(ApplicantCategory).filter((o) => o.value !== 'natural')} />
          </Form.Item>
          <Form.Item
            name="orgCode"
            label="统一社会信用代码"
            rules={[{ required: true, message: '请填写统一社会信用代码' }]}
          >
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="legalRep" label="法定代表人或负责人">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="contactName" label="联系人" rules={[{ required: true, message: '请填写联系人' }]}>
            <Input maxLength={100} />
          </Form.Item>
        </>
      )}
      <Form.Item name="phone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]}>
        <Input maxLength={32} />
      </Form.Item>
      <Form.Item name="email" label="电子邮箱">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="address" label="通信地址">
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="postcode" label="邮政编码">
        <Input maxLength={6} />
      </Form.Item>
      <Form.Item
        name="description"
        label="所需政府信息的名称或内容描述"
        rules={[{ required: true, message: '请填写' }]}
      >
        <Input.TextArea rows={4} maxLength={2000} />
      </Form.Item>
      <Form.Item name="docNumber" label="文件名称、文号（如知道）">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="purpose" label="用途（选填）">
        <Input maxLength={1000} />
      </Form.Item>
      <Form.Item name="provisionForm" label="提供形式">
        <Radio.Group options={opts(ProvisionForm)} />
      </Form.Item>
      <Form.Item name="receiptWay" label="获取方式">
        <Radio.Group options={opts(ReceiptWay)} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        登记
      </Button>
    </Form>
  );
}
