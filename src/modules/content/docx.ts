import mammoth from 'mammoth';
import { archiveLimits, inspectZip, type ArchiveLimits } from '../../platform/archive/zip-guard.js';
import { AppError } from '../../platform/errors.js';
import {
  IsolatedWorker,
  IsolateFailure,
  siblingEntry,
  type IsolateLimits,
} from '../../platform/isolate/isolated-worker.js';
import { sanitizeBody } from '../../platform/html/sanitize.js';

// A Word document turned into an article body. Offices write notices in Word with Chinese built-in
// styles ("标题 1"), so those map to headings; everything else becomes plain structure (paragraphs,
// lists, tables, bold/italic) and goes through the same sanitiser as any other body.

const STYLE_MAP = [
  "p[style-name='标题 1'] => h1:fresh",
  "p[style-name='标题 2'] => h2:fresh",
  "p[style-name='标题 3'] => h3:fresh",
  "p[style-name='标题 4'] => h4:fresh",
  "p[style-name='标题'] => h1:fresh",
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='副标题'] => h2:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
];

/** Stores one embedded picture and answers the address the body should use, or null to leave it out. */
export type ImageSink = (bytes: Buffer, contentType: string, index: number) => Promise<string | null>;

export interface DocxConversion {
  html: string;
  /** What the person should check after the conversion, in Chinese. */
  messages: string[];
}

// mammoth speaks English; the person reading these is an office clerk.
function translate(message: string): string {
  const paragraph = /^Unrecognised paragraph style: '([^']*)'/.exec(message);
  if (paragraph) return `未识别的段落样式“${paragraph[1]}”，已按普通段落转换`;
  const run = /^Unrecognised run style: '([^']*)'/.exec(message);
  if (run) return `未识别的字符样式“${run[1]}”，已按普通文字转换`;
  if (/image/i.test(message)) return '文档中有图片未能转换，请在正文中核对并补充图片';
  if (/comment/i.test(message)) return '文档中的批注未导入';
  return '文档中有部分格式未能转换，请核对正文';
}

/** True when the bytes start like a ZIP container, which every .docx is. */
export function looksLikeZip(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** What the conversion itself answers (in the worker): sanitised HTML with pictures as placeholders. */
export interface DocxHtml {
  html: string;
  messages: string[];
  images: Array<{ index: number; contentType: string; bytes: Uint8Array }>;
}

// An address the sanitiser keeps (https) and no page can reach (.invalid): replaced by the stored
// picture's address, or the picture removed, once the pictures are stored.
const IMAGE_PLACEHOLDER = 'https://govportal.invalid/docx-image/';

/**
 * Word → sanitised HTML with the pictures handed back rather than stored: this part runs in a worker
 * thread (docx.worker.ts, with memory and time limits), the storing in the server.
 */
export async function docxToHtml(bytes: Uint8Array, limits: ArchiveLimits = archiveLimits()): Promise<DocxHtml> {
  await inspectZip(bytes, limits);
  const images: DocxHtml['images'] = [];
  const result = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
    {
      styleMap: STYLE_MAP,
      // Word files may point at files on the author's disk; the server must never read them.
      externalFileAccess: false,
      convertImage: mammoth.images.imgElement(async (image) => {
        const index = images.length + 1;
        images.push({ index, contentType: image.contentType, bytes: await image.readAsBuffer() });
        return { src: `${IMAGE_PLACEHOLDER}${index}` };
      }),
    },
  );
  return {
    html: sanitizeBody(result.value),
    messages: [...new Set(result.messages.map((m) => translate(m.message)))],
    images,
  };
}

const unreadable = () =>
  new AppError('VALIDATION_FAILED', '无法读取该 Word 文档，文件可能已损坏或不是 .docx 格式', {
    issues: [{ field: 'file', message: '无法读取该 Word 文档' }],
  });

/** The refusal a person sees when the conversion was stopped by a limit. */
function refusal(error: unknown, timeoutMs: number): AppError {
  const e = error as { name?: string; message?: string; reason?: string };
  if (e.name === 'ArchiveRefused' && e.message && !e.message.startsWith('压缩文档结构无效')) {
    const message = `${e.message.replace(/^压缩文档/, '该 Word 文档')}，请拆分文档后重试`;
    return new AppError('PAYLOAD_TOO_LARGE', message, { issues: [{ field: 'file', message }] });
  }
  if (error instanceof IsolateFailure && error.reason === 'memory') {
    const message = '该 Word 文档内容过大，转换时超出内存限制，请拆分文档后重试';
    return new AppError('PAYLOAD_TOO_LARGE', message, { issues: [{ field: 'file', message }] });
  }
  if (error instanceof IsolateFailure && error.reason === 'timeout') {
    const message = `该 Word 文档在 ${Math.ceil(timeoutMs / 1000)} 秒内未能转换完毕，请拆分文档或另存后重试`;
    return new AppError('VALIDATION_FAILED', message, { issues: [{ field: 'file', message }] });
  }
  return unreadable();
}

/** Converts in a worker thread with the configured memory and time limits. */
export class DocxConverter {
  private readonly worker: IsolatedWorker<{ bytes: Uint8Array; limits: ArchiveLimits }, DocxHtml>;

  constructor(private readonly limits: IsolateLimits & { archive: ArchiveLimits }) {
    this.worker = new IsolatedWorker(siblingEntry(import.meta.url, 'docx.worker'), limits);
  }

  convert(bytes: Buffer, storeImage: ImageSink): Promise<DocxConversion> {
    return convertDocx(bytes, storeImage, {
      run: (b) => this.worker.run({ bytes: b, limits: this.limits.archive }),
      timeoutMs: this.limits.timeoutMs,
    });
  }

  close(): Promise<void> {
    return this.worker.close();
  }
}

export async function convertDocx(
  bytes: Buffer,
  storeImage: ImageSink,
  how: { run: (bytes: Buffer) => Promise<DocxHtml>; timeoutMs: number } = { run: (b) => docxToHtml(b), timeoutMs: 0 },
): Promise<DocxConversion> {
  if (!looksLikeZip(bytes)) {
    throw new AppError(
      'FILE_TYPE_NOT_ALLOWED',
      '只能转换 .docx 格式的 Word 文档；.doc 或 .wps 文件请先在 Word 或 WPS 中另存为 .docx',
    );
  }
  let converted: DocxHtml;
  try {
    converted = await how.run(bytes);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refusal(error, how.timeoutMs);
  }
  const notes: string[] = [];
  let html = converted.html;
  for (const image of converted.images) {
    const src = await storeImage(Buffer.from(image.bytes), image.contentType, image.index);
    const placeholder = `${IMAGE_PLACEHOLDER}${image.index}`;
    if (src) html = html.replace(`src="${placeholder}"`, `src="${src}"`);
    else {
      html = html.replace(new RegExp(`<img[^>]*src="${placeholder.replace(/[.]/g, '\\.')}"[^>]*>`), '');
      notes.push(
        `第 ${image.index} 张图片的格式（${image.contentType}）不能在网页上显示，已略过，请另存为 PNG 或 JPG 后插入`,
      );
    }
  }
  if (!html) notes.push('文档中没有可转换的正文内容');
  return { html, messages: [...converted.messages, ...notes] };
}
