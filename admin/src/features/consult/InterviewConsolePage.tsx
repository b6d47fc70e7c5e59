import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, List, Modal, Popconfirm, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { EntryKind, InterviewStatus, ModerationStatus, QuestionPhase, type Question } from '@contract/consult';
import { api } from '../../api/client';
import { PageHeading } from '../../layout/AppLayout';
import { formatDateTime } from '../../lib/time';
import { usePageTitle } from '../../lib/usePageTitle';
import { consultKeys, useEntries, useInterview, useQuestions } from './queries';

/**
 * The host's console of one interview: start and end it, write the 文字直播, post photos, approve
 * the public's questions (an approved question shows on the live page at once) and answer them.
 */
export default function InterviewConsolePage() {
  const id = Number(useParams().id);
  const interview = useInterview(id);
  const questions = useQuestions(id);
  const entries = useEntries(id);
  const client = useQueryClient();
  const { message } = App.useApp();
  const [speaker, setSpeaker] = useState('主持人');
  const [body, setBody] = useState('');
  const [answering, setAnswering] = useState<Question | null>(null);
  const [answer, setAnswer] = useState('');
  usePageTitle(interview.data ? `访谈控制台：${interview.data.title}` : '访谈控制台');

  const refresh = () => client.invalidateQueries({ queryKey: consultKeys.interview(id).slice(0, 1) });
  const act = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      await refresh();
      if (done) void message.success(done);
      return true;
    } catch {
      return false; // shown by the API client
    }
  };
  const status = interview.data?.status;
  const live = status === 'live';

  return (
    <>
      <PageHeading
        title={interview.data ? `访谈控制台：${interview.data.title}` : '访谈控制台'}
        extra={
          <Space>
            {status && <Tag color={live ? 'red' : undefined}>{InterviewStatus.labels[status]}</Tag>}
            <a href={`/interviews/${id}.html`} target="_blank" rel="noreferrer">
              查看公开页面
            </a>
            {status === 'scheduled' && (
              <Button
                type="primary"
                onClick={() => act(() => api.patch(`/api/interviews/${id}`, { status: 'live' }), '直播已开始')}
              >
                开始直播
              </Button>
            )}
            {status !== 'archived' && (
              <Popconfirm
                title="结束访谈并归档为往期访谈？"
                onConfirm={() => act(() => api.patch(`/api/interviews/${id}`, { status: 'archived' }))}
              >
                <Button danger>结束并归档</Button>
              </Popconfirm>
            )}
          </Space>
        }
      />
      {live && (
        <Card title="发布文字直播" size="small" className="console-card">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input
              aria-label="发言人"
              placeholder="发言人"
              value={speaker}
              onChange={(e) => setSpeaker(e.target.value)}
              maxLength={100}
            />
            <Input.TextArea
              aria-label="直播内容"
              rows={3}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              maxLength={5000}
            />
            <Space>
              <Button
                type="primary"
                disabled={!body.trim()}
                onClick={async () => {
                  if (await act(() => api.post(`/api/interviews/${id}/entries`, { speaker: speaker || null, body })))
                    setBody('');
                }}
              >
                发布
              </Button>
              <Upload
                accept="image/png,image/jpeg,image/gif,image/webp"
                showUploadList={false}
                beforeUpload={(file) => {
                  void act(
                    () =>
                      api.upload(
                        `/api/interviews/${id}/photos?caption=${encodeURIComponent(body.trim())}`,
                        file,
                        file.name,
                      ),
                    '图片已发布',
                  );
                  return false;
                }}
              >
                <Button>发布图片（说明取上面的内容）</Button>
              </Upload>
            </Space>
          </Space>
        </Card>
      )}
      <h2 className="section-title">网民提问</h2>
      <Table<Question>
        rowKey="id"
        loading={questions.isLoading}
        dataSource={questions.data ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        columns={[
          { title: '提问', dataIndex: 'body', render: (b: string) => <span className="pre-wrap">{b}</span> },
          { title: '署名', dataIndex: 'author', width: 100 },
          { title: '阶段', dataIndex: 'phase', width: 110, render: (p: Question['phase']) => QuestionPhase.labels[p] },
          { title: '时间', dataIndex: 'createdAt', width: 150, render: formatDateTime },
          {
            title: '审核',
            dataIndex: 'status',
            width: 90,
            render: (s: Question['status']) => ModerationStatus.labels[s],
          },
          { title: '答复', dataIndex: 'answer', width: 200, render: (a: string | null) => a ?? '' },
          {
            title: '操作',
            width: 220,
            render: (_, q) =>
              !q.answer && (
                <Space wrap>
                  {q.status !== 'approved' && (
                    <Button
                      size="small"
                      type="primary"
                      onClick={() =>
                        act(() => api.post(`/api/interview-questions/${q.id}/moderate`, { status: 'approved' }))
                      }
                    >
                      公开
                    </Button>
                  )}
                  {q.status !== 'rejected' && (
                    <Button
                      size="small"
                      danger
                      onClick={() =>
                        act(() => api.post(`/api/interview-questions/${q.id}/moderate`, { status: 'rejected' }))
                      }
                    >
                      不予公开
                    </Button>
                  )}
                  {q.status === 'approved' && live && (
                    <Button
                      size="small"
                      onClick={() => {
                        setAnswer('');
                        setAnswering(q);
                      }}
                    >
                      答复
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <h2 className="section-title">直播记录</h2>
      <List
        dataSource={entries.data ?? []}
        locale={{ emptyText: '暂无记录' }}
        renderItem={(e) => (
          <List.Item>
            <span className="pre-wrap">
              {formatDateTime(e.createdAt)} [{EntryKind.labels[e.kind]}] {e.speaker ? `${e.speaker}：` : ''}
              {e.quote ? `（问：${e.quote}）` : ''}
              {e.body}
            </span>
          </List.Item>
        )}
      />
      <Modal
        title="答复网民提问"
        open={!!answering}
        okButtonProps={{ disabled: !answer.trim() }}
        onOk={async () => {
          if (answering && (await act(() => api.post(`/api/interview-questions/${answering.id}/answer`, { answer }))))
            setAnswering(null);
        }}
        onCancel={() => setAnswering(null)}
      >
        <p className="pre-wrap">{answering?.body}</p>
        <Input.TextArea
          aria-label="答复内容"
          rows={4}
          value={answer}
          onChange={(e) => setAnswer(e.target.value)}
          maxLength={5000}
        />
      </Modal>
    </>
  );
}
