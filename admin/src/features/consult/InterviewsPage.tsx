import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type Interview, InterviewStatus } from '@contract/consult';
import { api } from '../../api/client';
import { useSites } from '../../api/hooks';
import { PageHeading } from '../../layout/AppLayout';
import { showServerIssues, validated } from '../../lib/form';
import { formatDateTime } from '../../lib/time';
import { usePageTitle } from '../../lib/usePageTitle';
import { consultKeys, instantOf, useInterviews } from './queries';

interface NewForm {
  siteId: number;
  title: string;
  guests: string;
  intro?: string;
  startsAt: string;
}

/** 在线访谈 (the government office's): scheduled, live and archived interviews; each opens the host's console. */
export default function InterviewsPage() {
  usePageTitle('在线访谈');
  const list = useInterviews();
  const sites = useSites();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<NewForm>();

  const create = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      await api.post(
        '/api/interviews',
        { ...v, intro: v.intro?.trim() || null, startsAt: instantOf(v.startsAt) },
        { quiet: true },
      );
      setCreating(false);
      await client.invalidateQueries({ queryKey: consultKeys.interviews });
      void message.success('访谈已创建，公众可在访谈页面提前提问');
    } catch (e) {
      showServerIssues(form, e);
      void message.error((e as Error).message);
    }
  };

  return (
    <>
      <PageHeading
        title="在线访谈"
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ siteId: sites.data?.[0]?.id });
              setCreating(true);
            }}
          >
            新建访谈
          </Button>
        }
      />
      <Table<Interview>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        columns={[
          {
            title: '访谈主题',
            dataIndex: 'title',
            render: (t: string, i) => <Link to={`/interviews/${i.id}`}>{t}</Link>,
          },
          { title: '嘉宾', dataIndex: 'guests', width: 220 },
          { title: '访谈时间', dataIndex: 'startsAt', width: 160, render: formatDateTime },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (s: Interview['status']) => (
              <Tag color={s === 'live' ? 'red' : undefined}>{InterviewStatus.labels[s]}</Tag>
            ),
          },
          { title: '待审提问', width: 90, render: (_, i) => i.questions.pending },
          { title: '已答复', width: 80, render: (_, i) => i.questions.answered },
        ]}
      />
      <Modal title="新建访谈" open={creating} onOk={create} onCancel={() => setCreating(false)} okText="创建">
        <Form form={form} layout="vertical">
          <Form.Item name="siteId" label="网站" rules={[{ required: true, message: '请选择网站' }]}>
            <Select options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
          <Form.Item
            name="title"
            label="访谈主题"
            rules={[{ required: true, whitespace: true, message: '请填写访谈主题' }]}
          >
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item
            name="guests"
            label="访谈嘉宾"
            rules={[{ required: true, whitespace: true, message: '请填写访谈嘉宾' }]}
          >
            <Input maxLength={1000} />
          </Form.Item>
          <Form.Item name="startsAt" label="访谈时间" rules={[{ required: true, message: '请选择访谈时间' }]}>
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name="intro" label="简介">
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
