import { FileWordOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useRef, useState } from 'react';
import { api } from '../../api/client';
import type { AttachmentView as Attachment, DocxConversion } from '@contract/articles';

interface Props {
  /** Whether the body already has content (then the person confirms the replacement). */
  hasBody: boolean;
  onConverted(html: string, images: Attachment[], messages: string[]): void;
  disabled?: boolean;
}

/** A .docx file turned into the body on the server (mammoth), its pictures stored as attachments. */
export function DocxImport({ hasBody, onConverted, disabled }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const { modal } = App.useApp();

  const convert = async (file: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!file) return;
    if (hasBody) {
      const ok = await modal.confirm({
        title: '用 Word 文档替换正文？',
        content: '当前正文将被文档内容替换。',
        okText: '替换',
        cancelText: '取消',
      });
      if (!ok) return;
    }
    setBusy(true);
    try {
      const r = await api.upload<DocxConversion>('/api/articles/convert-docx', file, file.name);
      onConverted(r.html, r.images, r.messages);
    } catch {
      // The server's message (not a .docx, unreadable) is already shown.
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <input
        ref={input}
        id="docx-file"
        type="file"
        accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        className="sr-only"
        tabIndex={-1}
        aria-hidden
        onChange={(e) => void convert(e.target.files?.[0])}
      />
      <Button
        icon={<FileWordOutlined aria-hidden />}
        onClick={() => input.current?.click()}
        loading={busy}
        disabled={disabled}
      >
        从 Word 文档导入正文
      </Button>
    </>
  );
}
