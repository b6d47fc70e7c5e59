import {
  BoldOutlined,
  ClearOutlined,
  DisconnectOutlined,
  ItalicOutlined,
  LinkOutlined,
  OrderedListOutlined,
  PictureOutlined,
  RedoOutlined,
  TableOutlined,
  UnderlineOutlined,
  UndoOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import Image from '@tiptap/extension-image';
import { TableKit } from '@tiptap/extension-table';
import { Extension } from '@tiptap/core';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { App, Button, Divider, Dropdown, Select, Tooltip } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ImageDialog, LinkDialog } from './EditorDialogs';
import { inlineImageFile, isInlineImage, lostImagesMessage, pastedImages } from './pasted-images';
import { cleanWordHtml } from './word-paste';

export interface UploadedImage {
  url: string;
  alt: string;
}

interface Props {
  id?: string;
  value?: string;
  onChange?: (html: string) => void;
  /** Upload a picture (as an attachment of the article) and answer its address. */
  uploadImage: (file: File) => Promise<string>;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

/** The first focusable element after `el` in document order: where Esc sends the keyboard. */
function focusAfter(el: HTMLElement): void {
  const all = Array.from(
    document.querySelectorAll<HTMLElement>(
      'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])',
    ),
  );
  const next = all.find((x) => !el.contains(x) && el.compareDocumentPosition(x) & Node.DOCUMENT_POSITION_FOLLOWING);
  next?.focus();
}

// Tab moves between table cells inside the editor; Esc always leaves it, so the keyboard is never trapped.
const LeaveOnEscape = Extension.create({
  name: 'leaveOnEscape',
  addKeyboardShortcuts() {
    return {
      Escape: ({ editor }) => {
        const root = (editor.view.dom as HTMLElement).closest<HTMLElement>('.rte');
        editor.commands.blur();
        if (root) focusAfter(root);
        return true;
      },
    };
  },
});

const HEADINGS = [
  { value: 0, label: '正文' },
  { value: 2, label: '标题 1' },
  { value: 3, label: '标题 2' },
  { value: 4, label: '标题 3' },
] as const;

function ToolButton({
  label,
  icon,
  onClick,
  active,
  disabled,
}: {
  label: string;
  icon: ReactNode;
  onClick(): void;
  active?: boolean;
  disabled?: boolean;
}) {
  return (
    <Tooltip title={label}>
      <Button
        type={active ? 'primary' : 'text'}
        size="small"
        icon={icon}
        onClick={onClick}
        disabled={disabled}
        aria-label={label}
        aria-pressed={active ?? undefined}
      />
    </Tooltip>
  );
}

export function RichTextEditor({ id, value, onChange, uploadImage, ...aria }: Props) {
  const { message } = App.useApp();
  const emitted = useRef<string | undefined>(value);
  const [linkOpen, setLinkOpen] = useState(false);
  const [imageOpen, setImageOpen] = useState(false);

  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        link: {
          openOnClick: false,
          autolink: true,
          protocols: ['mailto'],
          HTMLAttributes: { rel: null, target: null },
        },
        codeBlock: false,
        code: false,
      }),
      TableKit.configure({ table: { resizable: false } }),
      // Inline (data:) pictures are let in only to be uploaded at once (uploadInlineImages below).
      Image.configure({ inline: false, allowBase64: true }),
      LeaveOnEscape,
    ],
    content: value ?? '',
    editorProps: {
      attributes: {
        id: id ?? '',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': '正文',
        ...(aria['aria-describedby'] ? { 'aria-describedby': aria['aria-describedby'] } : {}),
        ...(aria['aria-invalid'] ? { 'aria-invalid': 'true' } : {}),
        class: 'rte-content',
      },
      // Word's styling never reaches the article: only structure survives (see word-paste.ts).
      // Pictures: inline ones are uploaded as attachments, the loss of unreadable ones is said.
      transformPastedHTML: (html) => {
        const lost = lostImagesMessage(pastedImages(html).unreadable);
        if (lost) void message.warning({ content: lost, duration: 10 });
        return cleanWordHtml(html);
      },
    },
    onUpdate: ({ editor: e }) => {
      void uploadInlineImages(e);
      const html = e.isEmpty ? '' : e.getHTML();
      emitted.current = html;
      onChange?.(html);
    },
  });

  /**
   * Every inline picture in the content, uploaded once as an attachment and its address replaced; one
   * that cannot be uploaded is removed and said, so no data: address is ever saved with the article.
   */
  const uploading = useRef(new Set<string>());
  async function uploadInlineImages(e: Editor) {
    const found: string[] = [];
    e.state.doc.descendants((node) => {
      if (node.type.name === 'image' && isInlineImage(node.attrs.src) && !uploading.current.has(node.attrs.src))
        found.push(node.attrs.src as string);
    });
    let failed = 0;
    for (const [i, src] of found.entries()) {
      uploading.current.add(src);
      let url: string | null = null;
      try {
        const file = inlineImageFile(src, i + 1);
        url = file ? await uploadImage(file) : null;
      } catch {
        url = null; // said below, with the count
      }
      if (!url) failed++;
      const tr = e.state.tr;
      e.state.doc.descendants((node, pos) => {
        if (node.type.name !== 'image' || node.attrs.src !== src) return;
        if (url) tr.setNodeMarkup(tr.mapping.map(pos), undefined, { ...node.attrs, src: url });
        else tr.delete(tr.mapping.map(pos), tr.mapping.map(pos + node.nodeSize));
      });
      uploading.current.delete(src);
      if (!e.isDestroyed) e.view.dispatch(tr);
    }
    if (found.length && !failed) void message.success(`已将粘贴的 ${found.length} 张图片保存为附件`);
    if (failed) void message.error(`有 ${failed} 张粘贴的图片上传失败，已从正文移除，请用工具栏的“图片”按钮重新插入`);
  }

  // A new value from outside (a .docx conversion, a reload after a conflict) replaces the content.
  useEffect(() => {
    if (editor && value !== emitted.current) {
      emitted.current = value;
      editor.commands.setContent(value ?? '', { emitUpdate: false });
    }
  }, [editor, value]);

  const state = useEditorState({
    editor,
    selector: ({ editor: e }: { editor: Editor }) => ({
      heading: ([2, 3, 4] as const).find((l) => e.isActive('heading', { level: l })) ?? 0,
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      link: e.isActive('link'),
      table: e.isActive('table'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });

  const chain = () => editor.chain().focus();
  const tableItems = [
    { key: 'row', label: '在下方插入行', onClick: () => chain().addRowAfter().run() },
    { key: 'col', label: '在右侧插入列', onClick: () => chain().addColumnAfter().run() },
    { key: 'header', label: '切换标题行', onClick: () => chain().toggleHeaderRow().run() },
    { key: 'merge', label: '合并/拆分单元格', onClick: () => chain().mergeOrSplit().run() },
    { key: 'delrow', label: '删除当前行', onClick: () => chain().deleteRow().run() },
    { key: 'delcol', label: '删除当前列', onClick: () => chain().deleteColumn().run() },
    { key: 'deltable', label: '删除表格', danger: true, onClick: () => chain().deleteTable().run() },
  ];

  return (
    <div className={`rte${aria['aria-invalid'] ? ' rte-invalid' : ''}`}>
      <div className="rte-toolbar" role="toolbar" aria-label="正文格式">
        <Select
          size="small"
          aria-label="段落格式"
          value={state.heading}
          style={{ width: 92 }}
          options={HEADINGS.map((h) => ({ ...h }))}
          onChange={(level: number) =>
            level === 0
              ? chain().setParagraph().run()
              : chain()
                  .setHeading({ level: level as 2 | 3 | 4 })
                  .run()
          }
        />
        <Divider orientation="vertical" />
        <ToolButton
          label="加粗"
          icon={<BoldOutlined />}
          active={state.bold}
          onClick={() => chain().toggleBold().run()}
        />
        <ToolButton
          label="倾斜"
          icon={<ItalicOutlined />}
          active={state.italic}
          onClick={() => chain().toggleItalic().run()}
        />
        <ToolButton
          label="下划线"
          icon={<UnderlineOutlined />}
          active={state.underline}
          onClick={() => chain().toggleUnderline().run()}
        />
        <ToolButton
          label="清除格式"
          icon={<ClearOutlined />}
          onClick={() => chain().unsetAllMarks().clearNodes().run()}
        />
        <Divider orientation="vertical" />
        <ToolButton
          label="项目符号列表"
          icon={<UnorderedListOutlined />}
          active={state.bullet}
          onClick={() => chain().toggleBulletList().run()}
        />
        <ToolButton
          label="编号列表"
          icon={<OrderedListOutlined />}
          active={state.ordered}
          onClick={() => chain().toggleOrderedList().run()}
        />
        <Divider orientation="vertical" />
        <ToolButton label="插入链接" icon={<LinkOutlined />} active={state.link} onClick={() => setLinkOpen(true)} />
        <ToolButton
          label="取消链接"
          icon={<DisconnectOutlined />}
          disabled={!state.link}
          onClick={() => chain().unsetLink().run()}
        />
        <ToolButton label="插入图片" icon={<PictureOutlined />} onClick={() => setImageOpen(true)} />
        <ToolButton
          label="插入表格"
          icon={<TableOutlined />}
          onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
        />
        {state.table && (
          <Dropdown menu={{ items: tableItems }} trigger={['click']}>
            <Button size="small">表格操作</Button>
          </Dropdown>
        )}
        <Divider orientation="vertical" />
        <ToolButton
          label="撤销"
          icon={<UndoOutlined />}
          disabled={!state.canUndo}
          onClick={() => chain().undo().run()}
        />
        <ToolButton
          label="重做"
          icon={<RedoOutlined />}
          disabled={!state.canRedo}
          onClick={() => chain().redo().run()}
        />
      </div>
      <EditorContent editor={editor} />
      <LinkDialog
        open={linkOpen}
        initial={(editor.getAttributes('link').href as string | undefined) ?? ''}
        onClose={() => setLinkOpen(false)}
        onSubmit={(href, text) => {
          if (editor.state.selection.empty && !state.link) {
            chain()
              .insertContent({ type: 'text', text: text || href, marks: [{ type: 'link', attrs: { href } }] })
              .run();
          } else chain().extendMarkRange('link').setLink({ href }).run();
          setLinkOpen(false);
        }}
      />
      <ImageDialog
        open={imageOpen}
        onClose={() => setImageOpen(false)}
        upload={uploadImage}
        onInsert={(src, alt) => {
          chain().setImage({ src, alt }).run();
          setImageOpen(false);
        }}
      />
    </div>
  );
}
