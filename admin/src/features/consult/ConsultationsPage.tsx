import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type Comment, type Consultation, ConsultationState, ModerationStatus } from '@contract/consult';
import { api } from '../../api/client';
import { PageHeading } from '../../layout/AppLayout';
import { showServerIssues, validated } from '../../lib/form';
import { formatDateTime } from '../../lib/time';
import { usePageTitle } from '../../lib/usePageTitle';
import { useAccess } from '../auth/session';
import { consultKeys, instantOf, useComments, useConsultations } from './queries';

interface NewForm {
  articleId: number;
  title: string;
  startsAt: string;
  endsAt: string;
}

/** 民意征集: a unit's consultations (text and feedback are articles reviewed as usual) and its comment queue. */
export default function ConsultationsPage() {
  usePageTitle('民意征集');
  const canWrite = useAccess().can('consult.write');
  const list = useConsultations();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [feedbackOf, setFeedbackOf] = useState<Consultation | null>(null);
  const [feedbackId, setFeedbackId] = useState<number | null>(null);
  const [status, setStatus] = useState<string>('pending');
  const comments = useComments(status);
  const [form] = Form.useForm<NewForm>();

  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: consultKeys.consultations }),
      client.invalidateQueries({ queryKey: ['consultation-comments'] }),
    ]);
  const create = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      await api.post(
        '/api/consultations',
        { articleId: v.articleId, title: v.title, startsAt: instantOf(v.startsAt), endsAt: instantOf(v.endsAt) },
        { quiet: true },
      );
      setCreating(false);
      await refresh();
      void message.success('意见征集已创建；征集稿审核发布后在征集期内开放意见');
    } catch (e) {
      showServerIssues(form, e);
      void message.error((e as Error).message);
    }
  };
  const saveFeedback = async () => {
    if (!feedbackOf) return;
    try {
      await api.patch(`/api/consultations/${feedbackOf.id}`, { feedbackArticleId: feedbackId });
      setFeedbackOf(null);
      await refresh();
    } catch {
      // Shown by the API client.
    }
  };
  const moderate = async (c: Comment, to: 'approved' | 'rejected') => {
    try {
      await api.post(`/api/consultation-comments/${c.id}/moderate`, { status: to });
      await refresh();
    } catch {
      // Shown by the API client.
    }
  };

  return (
    <>
      <PageHeading
        title="民意征集"
        extra={
          canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => {
                form.resetFields();
                setCreating(true);
              }}
            >
              新建意见征集
            </Button>
          )
        }
      />
      <Table<Consultation>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: '标题', dataIndex: 'title' },
          { title: '单位', dataIndex: 'unitName', width: 160 },
          {
            title: '状态',
            dataIndex: 'state',
            width: 90,
            render: (s: Consultation['state']) => <Tag>{ConsultationState.labels[s]}</Tag>,
          },
          {
            title: '征集期',
            width: 260,
            render: (_, c) => `${formatDateTime(c.startsAt)} 至 ${formatDateTime(c.endsAt)}`,
          },
          {
            title: '意见（待审/公开/不公开）',
            width: 170,
            render: (_, c) => `${c.comments.pending} / ${c.comments.approved} / ${c.comments.rejected}`,
          },
          {
            title: '操作',
            width: 220,
            render: (_, c) => (
              <Space wrap>
                <Link to={`/articles/${c.articleId}`}>征集稿</Link>
                {c.feedbackArticleId && <Link to={`/articles/${c.feedbackArticleId}`}>采纳情况反馈</Link>}
                {canWrite && (
                  <Button
                    size="small"
                    onClick={() => {
                      setFeedbackId(c.feedbackArticleId);
                      setFeedbackOf(c);
                    }}
                  >
                    关联反馈
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />

      <h2 className="section-title">意见审核</h2>
      <Segmented
        value={status}
        onChange={(v) => setStatus(String(v))}
        options={ModerationStatus.values.map((v) => ({ value: v, label: ModerationStatus.labels[v] }))}
      />
      <Table<Comment>
        rowKey="id"
        loading={comments.isLoading}
        dataSource={comments.data ?? []}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 900 }}
        columns={[
          { title: '意见征集', dataIndex: 'consultationTitle', width: 220 },
          { title: '段落', dataIndex: 'paragraph', width: 80, render: (p: number | null) => (p ? `第${p}段` : '全文') },
          { title: '意见', dataIndex: 'body', render: (b: string) => <span className="pre-wrap">{b}</span> },
          { title: '署名', dataIndex: 'author', width: 100 },
          { title: '提交时间', dataIndex: 'createdAt', width: 150, render: formatDateTime },
          {
            title: '审核',
            width: 170,
            render: (_, c) =>
              canWrite && (
                <Space>
                  {c.status !== 'approved' && (
                    <Button size="small" type="primary" onClick={() => moderate(c, 'approved')}>
                      公开
                    </Button>
                  )}
                  {c.status !== 'rejected' && (
                    <Button size="small" danger onClick={() => moderate(c, 'rejected')}>
                      不予公开
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />

      <Modal title="新建意见征集" open={creating} onOk={create} onCancel={() => setCreating(false)} okText="创建">
        <p>先在“信息管理”中撰写征集稿（可带附件）并送审；这里填写该信息的编号和征集期。</p>
        <Form form={form} layout="vertical">
          <Form.Item
            name="articleId"
            label="征集稿信息编号"
            rules={[{ required: true, message: '请填写征集稿信息编号' }]}
          >
            <InputNumber min={1} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="startsAt" label="开始时间" rules={[{ required: true, message: '请选择开始时间' }]}>
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name="endsAt" label="截止时间" rules={[{ required: true, message: '请选择截止时间' }]}>
            <Input type="datetime-local" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title="关联采纳情况反馈" open={!!feedbackOf} onOk={saveFeedback} onCancel={() => setFeedbackOf(null)}>
        <p>反馈也是一条信息，须经审核发布后才在征集页面显示链接。</p>
        <label htmlFor="feedback-id">反馈信息编号</label>
        <InputNumber
          id="feedback-id"
          min={1}
          value={feedbackId}
          onChange={(v) => setFeedbackId(v)}
          style={{ width: '100%' }}
        />
      </Modal>
    </>
  );
}
