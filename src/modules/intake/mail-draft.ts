import { AppError } from '../../platform/errors.js';
import type { PreparedFile } from '../content/attachments.service.js';
import type { ImageSink } from '../content/docx.js';
import { textToHtml, type MailItem } from './mail-message.js';

// A mail's body and files made ready for a draft, before any transaction: every file checked (its
// bytes decide its type) and stored, the first Word document converted into the body with its
// pictures kept, inline pictures (cid:) pointed at their stored copies. A file that cannot be kept is
// left out with a note saying why; the mail is not lost for it.

/** Where a stored file's address goes in the body until the file has its id. */
export const FILE_PLACEHOLDER = 'https://govportal.invalid/intake-file/';

export interface DraftFiles {
  prepare(name: string, bytes: Buffer): Promise<PreparedFile>;
  convertDocx(bytes: Buffer, storeImage: ImageSink): Promise<{ html: string; messages: string[] }>;
  /** Text of a PDF / .doc / .wps where a reader can get it ('' when not). */
  extractText(name: string, ext: string, bytes: Buffer): Promise<string>;
}

export interface PreparedDraft {
  bodyHtml: string;
  /** Files in order; inline ones (pictures of the body) are not listed as the item's attachments. */
  files: Array<{ file: PreparedFile; inline: boolean }>;
  notes: string[];
}

const reason = (e: unknown) => (e instanceof AppError ? e.message : '文件无法读取');

export async function prepareDraft(mail: MailItem, io: DraftFiles): Promise<PreparedDraft> {
  const files: PreparedDraft['files'] = [];
  const notes: string[] = [];
  const placeholder = (file: PreparedFile, inline: boolean) => {
    files.push({ file, inline });
    return `${FILE_PLACEHOLDER}${files.length - 1}`;
  };
  let body = mail.html ?? (mail.text.trim() ? textToHtml(mail.text) : '');
  let converted = false;
  for (const [i, f] of mail.files.entries()) {
    const name = f.name || `附件${i + 1}`;
    let file: PreparedFile;
    try {
      file = await io.prepare(name, f.bytes);
    } catch (e) {
      notes.push(`附件“${name}”未保存：${reason(e)}`);
      continue;
    }
    if (file.name !== name) notes.push(`附件“${name}”的文件名不安全或不完整，已保存为“${file.name}”`);
    if (f.cid && body.includes(`cid:${f.cid}`) && file.mime.startsWith('image/')) {
      body = body.split(`cid:${f.cid}`).join(placeholder(file, true));
      continue;
    }
    if (file.ext === 'docx' && !converted) {
      try {
        const result = await io.convertDocx(f.bytes, async (bytes, contentType, index) => {
          const ext = contentType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'bin';
          try {
            return placeholder(await io.prepare(`${file.name.replace(/\.docx$/i, '')}-图${index}.${ext}`, bytes), true);
          } catch {
            notes.push(`“${file.name}”中的第 ${index} 张图片格式无法在网页显示，已略去`);
            return null;
          }
        });
        converted = true;
        // The mail's own words are usually a covering note ("见附件"); the document is the item.
        body = result.html;
        notes.push(`正文由“${file.name}”转换而来`, ...result.messages);
        placeholder(file, false);
        continue;
      } catch (e) {
        notes.push(`“${file.name}”未能转换为正文：${reason(e)}，已作为附件保留`);
      }
    }
    if (['pdf', 'doc', 'wps'].includes(file.ext) && !converted && isThin(body)) {
      const text = await io.extractText(file.name, file.ext, f.bytes).catch(() => '');
      if (text.trim()) {
        body = textToHtml(text);
        notes.push(`正文由“${file.name}”提取的文字生成，请对照原件核对格式`);
      } else {
        notes.push(`未能从“${file.name}”提取文字，请对照附件录入正文`);
      }
    }
    placeholder(file, false);
  }
  return { bodyHtml: body, files, notes };
}

/** A body with hardly any words: a covering note, not the item. */
function isThin(html: string): boolean {
  return (
    html
      .replace(/<[^>]*>/g, '')
      .replace(/&nbsp;/g, ' ')
      .trim().length < 30
  );
}

/** The body with each placeholder replaced by its stored file's address. */
export function resolvePlaceholders(html: string, urls: string[]): string {
  return html.replace(
    new RegExp(`${FILE_PLACEHOLDER.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(\\d+)`, 'g'),
    (_, n) => urls[Number(n)] ?? '',
  );
}
