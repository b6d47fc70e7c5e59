import { type ArticleStatus, mayPublish, maySubmit, mayTake } from '@contract/content';
import { Button, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useAccess } from '../auth/session';

export interface EditorActionsProps {
  /** The item's id; none while it is being written for the first time. */
  id: number | undefined;
  status: ArticleStatus | undefined;
  /** The form may be changed and saved (not locked by a review, and the user may write). */
  editable: boolean;
  /** A save is under way: the other actions wait for it. */
  busy: boolean;
  /** The current review step is a retrospective one (审后): there is nothing to recall. */
  retrospective: boolean;
  /** A typo fix without a new review is allowed here (the office's setting and the item's state). */
  correctable: boolean;
  /** A correction of the published item is in progress (修改稿). */
  hasPendingCorrection: boolean;
  onSave(): void;
  onSaveAndPreview(): void;
  onPreview(): void;
  onSubmit(): void;
  onRecall(): void;
  onPublish(): void;
  onCorrectMinor(): void;
  onUnpublish(): void;
}

/** The editor's toolbar: only the actions this user may take on the item in its present state. */
export function EditorActions(p: EditorActionsProps) {
  const navigate = useNavigate();
  const access = useAccess();
  const canWrite = access.can('article.write');
  const canPublish = access.can('article.publish');
  const { id, status } = p;
  return (
    <Space wrap>
      {p.editable && (
        <Button type="primary" onClick={p.onSave} loading={p.busy}>
          保存
        </Button>
      )}
      {p.editable && (
        <Button onClick={p.onSaveAndPreview} disabled={p.busy}>
          保存并预览
        </Button>
      )}
      {!p.editable && id && <Button onClick={p.onPreview}>预览</Button>}
      {canWrite && status && maySubmit(status) && (
        <Button onClick={p.onSubmit} disabled={p.busy}>
          送审
        </Button>
      )}
      {canWrite && status && mayTake('recall', status) && !p.retrospective && (
        <Button onClick={p.onRecall}>撤回送审</Button>
      )}
      {id && status && status !== 'draft' && (
        <Button onClick={() => void navigate(`/articles/${id}/review`)}>审核记录</Button>
      )}
      {canPublish && status && mayPublish(status) && (
        <Button onClick={p.onPublish} disabled={p.busy}>
          发布
        </Button>
      )}
      {p.correctable && <Button onClick={p.onCorrectMinor}>勘误（改错别字）</Button>}
      {canWrite && status === 'published' && (
        <Button onClick={() => void navigate(`/articles/${id}/correction`)}>
          {p.hasPendingCorrection ? '查看修改稿' : '修改（送审，原文保持在线）'}
        </Button>
      )}
      {canPublish && status && mayTake('unpublish', status) && <Button onClick={p.onUnpublish}>下线</Button>}
      <Button onClick={() => void navigate('/articles')}>返回列表</Button>
    </Space>
  );
}
