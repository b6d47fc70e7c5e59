import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { ArticleView as Article, AttachmentView as Attachment } from '@contract/articles';
import { FilePicker } from '../../lib/FilePicker';

/**
 * A paper submission arrives with the 审核表 signed and stamped by the unit; its scan must be attached
 * before the item can go online (PDF or a picture). Once the item has been online the scan is archived:
 * uploading again is a correction, and the old scan stays in the file history.
 */
export function PaperScan({ article, onDone }: { article: Article; onDone(text: string): void }) {
  const articleId = article.id;
  const current = article.reviewForm;
  const archived = article.publishedAt !== null;
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [uploaded, setUploaded] = useState<string | null>(null);
  const upload = async () => {
    if (!file) return void message.error('请选择扫描件');
    setBusy(true);
    try {
      const a = await api.upload<Attachment>('/api/attachments', file, file.name);
      await api.post(`/api/articles/${articleId}/review-form-scan`, { attachmentId: a.id });
      setUploaded(a.name);
      onDone(`已上传审核表扫描件“${a.name}”`);
    } catch {
      // The API client showed the server's message (wrong type, too large).
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p className="muted">
        纸质报送的信息须上传单位签字盖章的《信息发布审核表》扫描件（PDF 或图片）后才能发布。
        {archived
          ? '该信息发布过，扫描件已存档：再次上传为更正，原扫描件保留在附件历史中。'
          : '再次上传将替换原扫描件。'}
      </p>
      <p role="status">
        {current ? (
          <>
            当前扫描件：
            <a href={current.url} download={current.name}>
              {current.name}
            </a>
          </>
        ) : (
          '尚未上传扫描件'
        )}
      </p>
      <Space wrap>
        <FilePicker
          id="review-form-scan"
          label="审核表扫描件"
          accept="application/pdf,image/png,image/jpeg,image/gif,image/webp,image/bmp"
          onChange={setFile}
        />
        <Button type="primary" onClick={() => void upload()} loading={busy} disabled={!file}>
          上传扫描件
        </Button>
      </Space>
      {uploaded && <p>已上传：{uploaded}</p>}
    </>
  );
}
