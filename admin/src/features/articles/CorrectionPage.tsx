import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { ArticleView as Article } from '@contract/articles';
import type { PendingCorrection } from '@contract/review';
import { api, ApiError } from '../../api/client';
import { PageHeading } from '../../layout/AppLayout';
import { usePageTitle } from '../../lib/usePageTitle';
import { reviewKeys } from '../review/queries';
import { RichTextEditor } from './RichTextEditor';

interface Values {
  title: string;
  bodyHtml: string;
  reason: string;
}

export const correctionKey = (id: number) => ['article', id, 'correction'];

/** The item's open correction (修改稿), or null. */
export function usePendingCorrection(id: number | undefined) {
  return useQuery({
    queryKey: correctionKey(id ?? 0),
    queryFn: () => api.get<PendingCorrection>(`/api/articles/${id}/correction`, { quiet: true }),
    enabled: !!id,
  });
}

/**
 * 修改（送审，原文保持在线）: a published item's title and body changed as a proposal that goes through
 * the item's review chain; the published revision stays online until the last approval replaces it.
 */
export default function CorrectionPage() {
  const id = Number(useParams().id);
  usePageTitle('修改已发布信息');
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const article = useQuery({ queryKey: ['article', id], queryFn: () => api.get<Article>(`/api/articles/${id}`) });
  const pending = usePendingCorrection(id);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<Array<{ id: number; text: string }>>([]);
  const [answers, setAnswers] = useState<Record<number, string>>({});

  useEffect(() => {
    if (!article.data || pending.isLoading) return;
    const p = pending.data;
    form.setFieldsValue({
      title: p?.title ?? article.data.title,
      bodyHtml: p?.bodyHtml ?? article.data.bodyHtml,
      reason: p?.reason ?? '',
    });
  }, [article.data, pending.data, pending.isLoading, form]);

  if (!article.data || pending.isLoading) return <Spin />;
  const inReview = pending.data?.state === 'in_review';

  const send = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setProblem(null);
    try {
      await api.put(`/api/articles/${id}/correction`, {
        ...v,
        overrides: Object.entries(answers)
          .filter(([, reason]) => reason.trim().length >= 2)
          .map(([checkId, reason]) => ({ checkId: Number(checkId), reason })),
      });
      void message.success('修改稿已送审，原文保持在线，审核通过后替换');
      void client.invalidateQueries({ queryKey: ['article', id] });
      void client.invalidateQueries({ queryKey: reviewKeys.tasks });
      void navigate(`/articles/${id}`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setProblem(e.message);
      const findings = (e.body.findings ?? []) as Array<{
        id: number;
        checkLabel: string;
        excerpt: string;
        message: string;
      }>;
      setWarnings(findings.map((f) => ({ id: f.id, text: `${f.checkLabel}：“${f.excerpt}” ${f.message}` })));
      void pending.refetch();
    } finally {
      setBusy(false);
    }
  };
  const withdraw = async () => {
    setBusy(true);
    try {
      await api.post(`/api/articles/${id}/correction/withdraw`, { reason: '拟稿人撤回修改稿' });
      void message.success('修改稿已撤回，原文不变');
      void client.invalidateQueries({ queryKey: ['article', id] });
      void navigate(`/articles/${id}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading
        title={`修改已发布信息：${article.data.title}`}
        extra={
          <Space wrap>
            <Button type="primary" onClick={() => void send()} loading={busy} disabled={inReview}>
              送审修改稿
            </Button>
            {pending.data && (
              <Button onClick={() => void withdraw()} disabled={busy}>
                撤回修改稿
              </Button>
            )}
            <Button onClick={() => void navigate(`/articles/${id}`)}>返回</Button>
          </Space>
        }
      />
      <Alert
        type="info"
        showIcon
        className="section-card"
        title="原文保持在线：修改稿按本信息的审核流程逐级审核，最后一步通过后替换原文（发布时间与索引号不变）；退回或不予采用时原文不变。"
      />
      {inReview && (
        <Alert type="warning" showIcon className="section-card" title="修改稿正在审核中，审核结束前不能再改。" />
      )}
      {pending.data?.state === 'returned' && (
        <Alert type="warning" showIcon className="section-card" title="修改稿被退回，请修改后重新送审。" />
      )}
      {problem && <Alert type="error" showIcon className="section-card" title={problem} />}
      <Form form={form} layout="vertical" disabled={inReview}>
        <Card className="section-card" size="small">
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="bodyHtml" label="正文">
            <RichTextEditor uploadImage={() => Promise.reject(new Error('修改稿中不能插入新图片，请下线后修改'))} />
          </Form.Item>
          <Form.Item name="reason" label="修改原因" rules={[{ required: true, min: 2, message: '请说明修改的原因' }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          {warnings.map((w) => (
            <Form.Item key={w.id} label={`提醒：${w.text}`}>
              <Input
                placeholder="说明理由"
                value={answers[w.id] ?? ''}
                onChange={(e) => setAnswers((a) => ({ ...a, [w.id]: e.target.value }))}
              />
            </Form.Item>
          ))}
        </Card>
      </Form>
    </>
  );
}
