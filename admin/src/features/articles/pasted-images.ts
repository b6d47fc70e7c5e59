// The pictures in pasted HTML. A picture carried inside the clipboard (a data: address, as Word for
// the web, WPS and browsers paste it) can be uploaded as an attachment and its address replaced; a
// picture that Word only points at on the author's disk (file:///C:/.../clip_image002.png) or in
// another page's memory (blob:) cannot be read by the browser at all, so its loss is said, with the
// two ways to bring it in. Pure: the editor (RichTextEditor.tsx) applies it; test/admin tests it.

const IMG_SRC = /<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
const INLINE = /^data:image\/(png|jpe?g|gif|webp);base64,/i;

/** How many pictures the pasted HTML carries inline (uploadable) and how many cannot be read. */
export function pastedImages(html: string): { inline: number; unreadable: number } {
  let inline = 0;
  let unreadable = 0;
  for (const m of html.matchAll(IMG_SRC)) {
    const src = (m[1] ?? m[2] ?? m[3] ?? '').trim();
    if (INLINE.test(src)) inline++;
    else if (/^(file:|blob:)/i.test(src) || !/^(https?:\/\/|\/(?!\/))/i.test(src)) unreadable++;
  }
  return { inline, unreadable };
}

/** The words for pictures that could not come along, or null when none was lost. */
export function lostImagesMessage(unreadable: number): string | null {
  if (unreadable <= 0) return null;
  return `有 ${unreadable} 张图片未能随粘贴带入（Word 中的图片保存在本机，浏览器无法读取）。请用工具栏的“图片”按钮逐张插入，或用“导入 Word 文档”上传 .docx 文件，图片会一并保存为附件。`;
}

/** Whether an image address is an inline picture still to be uploaded. */
export const isInlineImage = (src: unknown): src is string => typeof src === 'string' && INLINE.test(src);

/** An inline picture as a file to upload (粘贴图片1.png), or null when the address is not one. */
export function inlineImageFile(src: string, index: number): File | null {
  const m = INLINE.exec(src);
  if (!m) return null;
  const ext = m[1]!.toLowerCase() === 'jpeg' ? 'jpg' : m[1]!.toLowerCase();
  const bytes = Uint8Array.from(atob(src.slice(m[0].length).replace(/\s+/g, '')), (c) => c.charCodeAt(0));
  return new File([bytes], `粘贴图片${index}.${ext}`, { type: `image/${ext === 'jpg' ? 'jpeg' : ext}` });
}
