import mammoth from 'mammoth';
import { AppError } from '../../platform/errors.js';
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

export async function convertDocx(bytes: Buffer, storeImage: ImageSink): Promise<DocxConversion> {
  if (!looksLikeZip(bytes)) {
    throw new AppError(
      'FILE_TYPE_NOT_ALLOWED',
      '只能转换 .docx 格式的 Word 文档；.doc 或 .wps 文件请先在 Word 或 WPS 中另存为 .docx',
    );
  }
  const notes: string[] = [];
  let images = 0;
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer: bytes },
      {
        styleMap: STYLE_MAP,
        // Word files may point at files on the author's disk; the server must never read them.
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async (image) => {
          images += 1;
          const src = await storeImage(await image.readAsBuffer(), image.contentType, images);
          if (!src)
            notes.push(
              `第 ${images} 张图片的格式（${image.contentType}）不能在网页上显示，已略过，请另存为 PNG 或 JPG 后插入`,
            );
          return { src: src ?? '' };
        }),
      },
    );
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION_FAILED', '无法读取该 Word 文档，文件可能已损坏或不是 .docx 格式', {
      issues: [{ field: 'file', message: '无法读取该 Word 文档' }],
    });
  }
  const translated = [...new Set(result.messages.map((m) => translate(m.message)))];
  const html = sanitizeBody(result.value);
  if (!html) notes.push('文档中没有可转换的正文内容');
  return { html, messages: [...translated, ...notes] };
}
