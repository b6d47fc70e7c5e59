import { Alert, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FaqView } from '@contract/interaction';
import { api } from '../../api/client';
import { showServerIssues } from '../../lib/form';
import { InteractionColumnSelect } from './MailboxesPanel';
import { faqKeys } from './queries';

/**
 * A 共性问题: question, answer, the letters it was made from (at least two) and the column it is shown
 * in (its publication then counts toward that column's duty). New from selected letters, or an edit.
 */
export function FaqDialog({
  letterIds,
  faq,
  onClose,
}: {
  letterIds?: number[];
  faq?: FaqView;
  onClose: (saved: boolean) => void;
}) {
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const body = { ...v, columnId: v.columnId ?? null };
      return faq ? api.put(`/api/letter-faqs/${faq.id}`, body) : api.post('/api/letter-faqs', body);
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: faqKeys.all });
      onClose(true);
    },
    onError: (e) => {
      setError(e instanceof Error ? e.message : String(e));
      showServerIssues(form, e);
    },
  });
  const ids = faq ? faq.letters.map((l) => l.id) : (letterIds ?? []);
  const titles = new Map(faq?.letters.map((l) => [l.id, `${l.title}（${l.queryCode}）`]) ?? []);
  return (
    <Modal
      open
      title={faq ? '修改共性问题' : '整理为共性问题'}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        aria-label="共性问题"
        initialValues={{
          question: faq?.question,
          answer: faq?.answer,
          letterIds: ids,
          columnId: faq?.columnId ?? undefined,
        }}
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form.Item name="question" label="问题" rules={[{ required: true, message: '请填写问题' }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="answer" label="解答" rules={[{ required: true, message: '请填写解答' }]}>
          <Input.TextArea rows={6} />
        </Form.Item>
        <Form.Item name="letterIds" label="归纳自以下来信（至少两件）">
          <Select mode="multiple" options={ids.map((id) => ({ value: id, label: titles.get(id) ?? `来信 #${id}` }))} />
        </Form.Item>
        <Form.Item name="columnId" label="刊登栏目（计入该栏目的更新）" htmlFor="faq-column">
          <InteractionColumnSelect id="faq-column" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
