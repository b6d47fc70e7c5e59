import { DeleteOutlined, PaperClipOutlined, PictureOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { api } from '../../api/client';
import type { AttachmentView as Attachment } from '@contract/articles';

const ACCEPT = '.doc,.docx,.pdf,.xls,.xlsx,.wps,.et,.png,.jpg,.jpeg,.gif,.webp,.bmp';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface Props {
  value: Attachment[];
  onChange(next: Attachment[]): void;
  /** Addresses used as pictures in the body: those files are marked, and kept when removed from the list. */
  inBody: Set<string>;
  disabled?: boolean;
}

/** Files that go with the article: upload, list, remove. They join the article when it is saved. */
export function AttachmentsField({ value, onChange, inBody, disabled }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    const added: Attachment[] = [];
    try {
      for (const f of Array.from(files)) added.push(await api.upload<Attachment>('/api/attachments', f, f.name));
    } catch {
      // The server's reason (type not allowed, too large) is already on screen.
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
      if (added.length) onChange([...value, ...added]);
    }
  };

  const remove = async (a: Attachment) => {
    onChange(value.filter((x) => x.id !== a.id));
    // A file no article holds yet can go at once; one the saved article holds is let go on save.
    if (a.articleId === null && !inBody.has(a.url)) await api.delete(`/api/attachments/${a.id}`).catch(() => undefined);
  };

  return (
    <div>
      <input
        ref={input}
        id="attachment-file"
        type="file"
        multiple
        accept={ACCEPT}
        className="sr-only"
        tabIndex={-1}
        aria-hidden
        onChange={(e) => void upload(e.target.files)}
      />
      <Button
        icon={<UploadOutlined aria-hidden />}
        onClick={() => input.current?.click()}
        loading={busy}
        disabled={disabled}
      >
        上传附件
      </Button>
      <Typography.Text type="secondary" className="field-note">
        可上传 doc、docx、pdf、xls、xlsx、wps 和图片
      </Typography.Text>
      {value.length === 0 ? (
        <p className="muted attachment-empty">暂无附件</p>
      ) : (
        <ul className="attachment-list" aria-label="附件列表">
          {value.map((a) => (
            <li key={a.id}>
              {inBody.has(a.url) ? <PictureOutlined aria-hidden /> : <PaperClipOutlined aria-hidden />}{' '}
              <a href={a.url} download={a.name}>
                {a.name}
              </a>{' '}
              <span className="muted">{formatSize(a.size)}</span> {inBody.has(a.url) && <Tag>正文图片</Tag>}
              <Button
                type="link"
                danger
                size="small"
                icon={<DeleteOutlined aria-hidden />}
                onClick={() => void remove(a)}
                disabled={disabled}
                aria-label={`移除附件“${a.name}”`}
              >
                移除
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
