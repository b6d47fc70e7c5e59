import { isEditable, reasonLabelOf } from '@contract/content';
import type { ArticleView as Article } from '@contract/articles';
import { Alert, Button, Descriptions } from 'antd';
import { useNavigate } from 'react-router-dom';
import { SUBMISSION_CHANNEL_LABELS } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { StatusTag } from '../dashboard/LatestArticles';
import { UnreviewedTag } from '../review/UnreviewedTag';
import type { Restart } from './edit-restart';

interface Props {
  article: Article;
  /** The revision on screen (the last save's, before the query refetches). */
  revision: number | undefined;
  locked: boolean;
  /** What a save would do to the review, said before anyone types (null: nothing). */
  restart: Restart | null;
  /** The office allows a 勘误 of this published item. */
  correctable: boolean;
}

/** The editor's head: the item's state as the server last said it, its reason, and why it cannot or should not be edited lightly. */
export function EditorStatus({ article, revision, locked, restart, correctable }: Props) {
  const navigate = useNavigate();
  const reasonLabel = reasonLabelOf(article.status);
  return (
    <>
      <Descriptions size="small" className="section-card" column={{ xs: 1, sm: 2, lg: 4 }}>
        <Descriptions.Item label="状态">
          <span data-testid="editor-status">
            <StatusTag status={article.status} />
          </span>
          {article.unreviewed && <UnreviewedTag />}
        </Descriptions.Item>
        <Descriptions.Item label="版本">第 {revision ?? article.revision} 版</Descriptions.Item>
        <Descriptions.Item label="发布时间">{formatDateTime(article.publishedAt)}</Descriptions.Item>
        <Descriptions.Item label="发布单位">{article.unitName}</Descriptions.Item>
        {article.channel !== 'backoffice' && (
          <Descriptions.Item label="报送渠道">
            {SUBMISSION_CHANNEL_LABELS[article.channel] ?? article.channel}
          </Descriptions.Item>
        )}
      </Descriptions>
      {article.statusReason && reasonLabel && (
        <Alert type="warning" showIcon className="section-card" title={`${reasonLabel}：${article.statusReason}`} />
      )}
      {!locked && restart && (
        <Alert
          type="warning"
          showIcon
          className="section-card"
          title={`该信息${restart.unschedules ? '已定时发布' : '已有审核意见'}：修改并保存后，之前的审核意见失效，须重新审核。`}
        />
      )}
      {locked && (
        <Alert
          type="info"
          showIcon
          className="section-card"
          title={
            !isEditable(article.status)
              ? `信息已发布，不能直接修改${correctable ? '；错别字可点“勘误”直接改正（信息不下线）' : ''}；其他修改点“修改（送审，原文保持在线）”，审核通过后替换原文。`
              : '信息正在审核中，已锁定，不能修改；如需修改，请先撤回送审。'
          }
          action={
            <Button size="small" onClick={() => void navigate(`/articles/${article.id}/review`)}>
              查看审核进度
            </Button>
          }
        />
      )}
    </>
  );
}
