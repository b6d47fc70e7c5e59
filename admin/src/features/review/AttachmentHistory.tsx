import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { api } from '../../api/client';
import type { AttachmentVersionView as AttachmentVersion } from '@contract/articles';
import { formatDateTime } from '../../lib/time';

/**
 * Every file an item has carried, the 审核表 scan included. What went online with the item is archived
 * (原件存档备查): a correction adds a new version and the old one stays here, marked 已更正.
 */
export function AttachmentHistory({ articleId }: { articleId: number }) {
  const history = useQuery({
    queryKey: ['article', articleId, 'attachment-history'],
    queryFn: () => api.get<AttachmentVersion[]>(`/api/articles/${articleId}/attachment-history`),
  });
  const rows = history.data ?? [];
  if (!rows.length) return <p className="muted">暂无附件</p>;
  const nameOf = (id: number | null) => rows.find((r) => r.id === id)?.name;
  return (
    <ul className="attachment-list" aria-label="附件历史">
      {rows.map((v) => (
        <li key={v.id}>
          <a href={v.url} download={v.name}>
            {v.name}
          </a>{' '}
          <Tag>{v.kindLabel}</Tag>
          {v.current ? <Tag color="success">当前</Tag> : <Tag color="default">已更正</Tag>}
          {v.archivedAt && <Tag color="processing">存档</Tag>}
          <div className="muted">
            {v.uploadedBy ?? '—'} 上传于 {formatDateTime(v.createdAt)}
            {v.archivedAt && `；随信息发布于 ${formatDateTime(v.archivedAt)}，原件存档`}
            {v.retiredAt &&
              `；${v.retiredBy ?? '—'} 于 ${formatDateTime(v.retiredAt)} 更正${
                v.replacedBy ? `为“${nameOf(v.replacedBy) ?? v.replacedBy}”` : '（不再随信息发布）'
              }`}
            ；SHA-256 {v.sha256.slice(0, 12)}…
          </div>
        </li>
      ))}
    </ul>
  );
}
