import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Modal, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { FindingsList } from './FindingsList';
import { reviewKeys, useCheckResults } from './queries';
import { blocking, isChecksRefusal, overridesFrom } from './review-logic';

interface Props {
  /** The saved item; its revision tells which check results belong to it. */
  article: { id: number; title: string; revision: number } | null;
  onClose(): void;
  onDone(): void;
}

/**
 * 送审: the checks run on the saved revision first; blocking problems must be fixed in the item,
 * each warning needs a reason, then the item goes to the first step of its chain.
 */
export function SubmitDialog({ article, onClose, onDone }: Props) {
  const id = article?.id;
  const checks = useCheckResults(id, !!article);
  const client = useQueryClient();
  const { message } = App.useApp();
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [problems, setProblems] = useState<Record<number, string>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A different item starts with empty reasons.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset keyed on the item id
  useEffect(() => {
    setReasons({});
    setProblems({});
    setRefusal(null);
  }, [id]);

  // Results of an earlier revision may still be cached while the fresh ones load: never answer them.
  const current = !!checks.data && checks.data.revision >= (article?.revision ?? 0) && !checks.isFetching;
  const findings = current ? checks.data!.findings : [];
  const blocked = blocking(findings).length > 0;

  const submit = async () => {
    if (!id) return;
    const { overrides, problems: missing } = overridesFrom(findings, reasons);
    setProblems(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    setRefusal(null);
    try {
      await api.post(`/api/articles/${id}/submit`, { overrides }, { quiet: true });
      void message.success('已送审');
      void client.invalidateQueries({ queryKey: ['articles'] });
      void client.invalidateQueries({ queryKey: ['article', id] });
      void client.invalidateQueries({ queryKey: reviewKeys.history(id) });
      void client.invalidateQueries({ queryKey: reviewKeys.tasks });
      onDone();
      onClose();
    } catch (e) {
      // The content changed or a check refused: show the server's words and the fresh findings.
      setRefusal((e as Error).message);
      if (e instanceof ApiError && (isChecksRefusal(e.code) || e.code === 'CONFLICT')) void checks.refetch();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!article}
      title={`送审“${article?.title ?? ''}”`}
      okText="送审"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ disabled: blocked || !current || checks.isError }}
      confirmLoading={busy}
      width="min(760px, 96vw)"
      destroyOnHidden
    >
      <p className="muted">
        送审前系统已对标题、正文和附件进行内容检查（涉密标志、个人信息、敏感词、错误表述、链接、图片说明、公开属性）。
      </p>
      {refusal && <Alert type="error" showIcon className="form-hint" title={refusal} />}
      {checks.isError ? (
        <Alert type="error" showIcon title="无法运行内容检查，请稍后重试" />
      ) : !current ? (
        <Spin />
      ) : (
        <FindingsList
          findings={findings}
          reasons={reasons}
          problems={problems}
          onReason={(fid, r) => setReasons((prev) => ({ ...prev, [fid]: r }))}
        />
      )}
    </Modal>
  );
}
