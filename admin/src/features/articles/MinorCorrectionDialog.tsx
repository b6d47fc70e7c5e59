import type { ArticleView as Article } from '@contract/articles';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';

interface Values {
  wrong: string;
  right: string;
  reason: string;
}

/** Replace every occurrence of a text in the title and in the body's text (never inside a tag). */
export function replaceInItem(a: Pick<Article, 'title' | 'bodyHtml'>, wrong: string, right: string) {
  const title = a.title.split(wrong).join(right);
  // Split the HTML into tags and text; replace in the text parts only, so attributes stay as they were.
  const bodyHtml = a.bodyHtml
    .split(/(<[^>]*>)/)
    .map((part) => (part.startsWith('<') ? part : part.split(wrong).join(right)))
    .join('');
  return { title, bodyHtml, found: title !== a.title || bodyHtml !== a.bodyHtml };
}

/**
 * 勘误 of a published item (where the office allows it): the wrong text and the right one, and why.
 * The item stays online; the server refuses a change larger than the office's limit and says the limit.
 */
export function MinorCorrectionDialog({
  article,
  maxChars,
  onClose,
  onDone,
}: {
  article: Article | null;
  maxChars: number;
  onClose(): void;
  onDone(a: Article): void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!article) return;
    const v = await form.validateFields();
    const fixed = replaceInItem(article, v.wrong, v.right);
    if (!fixed.found) {
      setError(`标题和正文中没有找到“${v.wrong}”`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await api.post<Article>(
        `/api/articles/${article.id}/minor-correction`,
        { title: fixed.title, bodyHtml: fixed.bodyHtml, reason: v.reason, expectedRevision: article.revision },
        { quiet: true },
      );
      void message.success(`已勘误（第 ${saved.revision} 版），信息未下线`);
      form.resetFields();
      onDone(saved);
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '勘误失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!article}
      title={`勘误“${article?.title ?? ''}”`}
      okText="勘误"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p className="explanation">
        改正错别字等小错误，信息不下线，每次最多改动 {maxChars}{' '}
        字；原因记入操作日志和审核记录。较大的修改请用“修改（送审，原文保持在线）”。
      </p>
      {error && <Alert type="error" showIcon className="form-hint" title={error} />}
      <Form form={form} layout="vertical">
        <Form.Item name="wrong" label="需改正的文字" rules={[{ required: true, message: '请填写需改正的文字' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="right" label="改为" rules={[{ required: true, message: '请填写改正后的文字' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="勘误原因"
          rules={[{ required: true, min: 2, message: '请说明勘误的原因（至少 2 个字）' }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
