import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Attachment } from '../../api/types';
import { FilePicker } from '../../lib/FilePicker';

/**
 * A paper submission arrives with the 审核表 signed and stamped by the unit; its scan must be attached
 * before the item can go online (PDF or a picture).
 */
export function PaperScan({ articleId, onDone }: { articleId: number; onDone(text: string): void }) {
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
        纸质报送的信息须上传单位签字盖章的《信息发布审核表》扫描件（PDF 或图片）后才能发布；再次上传将替换原扫描件。
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
      {uploaded && <p role="status">已上传：{uploaded}</p>}
    </>
  );
}
