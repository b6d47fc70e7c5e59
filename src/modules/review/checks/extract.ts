import path from 'node:path';
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { ArchiveRefused, archiveLimits, inspectZip, type ArchiveLimits } from '../../../platform/archive/zip-guard.js';
import { unifyRadicals } from './cjk-radicals.js';
import { docxHiddenParts } from './docx-parts.js';
import type { LocatedText, Location } from './types.js';

// Text out of what an item carries: its title, its body HTML (body-text.ts) and the text of its attachments, each
// piece labelled with where it came from so that a finding can say "附件“名单.xlsx” 补贴名单!C3". A file
// that cannot be read never throws: it comes back as a problem, which becomes a finding, because an
// attachment nobody could check must not pass silently.

export interface AttachmentInput {
  id: number | string;
  name: string;
  /** Without the dot; taken from the name when absent. */
  ext?: string;
  bytes: Uint8Array;
}

export interface ExtractProblem {
  rule: 'old-format' | 'unreadable' | 'encrypted' | 'no-text' | 'unsupported' | 'too-large' | 'timeout';
  message: string;
  /** The reader's own error, in English, for the log; never shown to the user. */
  detail?: string;
}

export interface ExtractedAttachment {
  pieces: LocatedText[];
  problems: ExtractProblem[];
}

export const attachmentLabel = (name: string, part?: string) => `附件“${name}”${part ? ` ${part}` : ''}`;

const OLD_OFFICE = new Set(['doc', 'xls', 'ppt', 'wps', 'et', 'dps']);
const IMAGES = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp', 'bmp']);
const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b;
// OLE2 compound file: old Office formats, and also the wrapper Office puts around an encrypted .docx.
const isCfb = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

const UNREADABLE: ExtractProblem = {
  rule: 'unreadable',
  message: '附件无法读取，文件可能已损坏或与扩展名不符，内容未经检查，请重新导出后上传或人工核对',
};

/**
 * The text of one attachment, read in this thread. The server reads attachments through
 * AttachmentReader (a worker with memory and time limits); archives are checked against the limits
 * here as well, before any library opens them.
 */
export async function extractAttachment(
  a: AttachmentInput,
  limits: ArchiveLimits = archiveLimits(),
): Promise<ExtractedAttachment> {
  const ext = (a.ext ?? path.extname(a.name).slice(1)).replace(/^\./, '').toLowerCase();
  const where = (part?: string): Location => ({
    kind: 'attachment',
    label: attachmentLabel(a.name, part),
    attachmentId: a.id,
    ...(part ? { part } : {}),
  });
  const none = (problem: ExtractProblem): ExtractedAttachment => ({ pieces: [], problems: [problem] });

  if (OLD_OFFICE.has(ext)) return none({ rule: 'old-format', message: '无法检查旧版 Office 文件内容，请人工核对' });
  // A picture has no text layer; reading text in images (OCR) is not part of these checks, and the
  // reviewer sees the picture itself.
  if (IMAGES.has(ext)) return { pieces: [], problems: [] };
  if ((ext === 'docx' || ext === 'xlsx') && isCfb(a.bytes)) {
    return none({ rule: 'encrypted', message: '附件已加密或为旧版格式，无法检查内容，请人工核对' });
  }
  try {
    switch (ext) {
      case 'docx': {
        if (!isZip(a.bytes)) return none(UNREADABLE);
        await inspectZip(a.bytes, limits);
        const { value } = await mammoth.extractRawText({ buffer: Buffer.from(a.bytes) });
        const hidden = await docxHiddenParts(a.bytes, limits);
        return withText([
          { location: where(), text: value.replace(/\n{3,}/g, '\n\n').trim() },
          ...hidden.map((h) => ({ location: where(h.part), text: h.text })),
        ]);
      }
      case 'xlsx':
        if (!isZip(a.bytes)) return none(UNREADABLE);
        await inspectZip(a.bytes, limits);
        return withText(await xlsxCells(a.bytes, where));
      case 'pdf':
        return await pdfPages(a.bytes, where);
      case 'txt':
      case 'csv':
        return withText([{ location: where(), text: decodeText(a.bytes) }]);
      default:
        return none({ rule: 'unsupported', message: `无法检查 .${ext || '（无扩展名）'} 类型附件的内容，请人工核对` });
    }
  } catch (e) {
    // Reported as a finding on the file, with the reader's error kept for the log.
    if (e instanceof ArchiveRefused) return none(archiveProblem(e));
    const err = e as { name?: string; message?: string };
    const detail = `${err.name ?? 'Error'}: ${err.message ?? String(e)}`.slice(0, 300);
    if (err.name === 'PasswordException')
      return none({ rule: 'encrypted', message: 'PDF 附件已加密，无法检查内容，请人工核对', detail });
    return none({ ...UNREADABLE, detail });
  }
}

/** An archive refused by the limits, as the finding on the file says it. */
export function archiveProblem(e: ArchiveRefused): ExtractProblem {
  if (e.reason === 'format') return { ...UNREADABLE, detail: e.message };
  return {
    rule: 'too-large',
    message: `${e.message.replace(/^压缩文档/, '附件')}，内容未经检查，请拆分文件或人工核对`,
  };
}

function withText(pieces: LocatedText[]): ExtractedAttachment {
  const kept = pieces.filter((p) => p.text.trim() !== '');
  return { pieces: kept, problems: [] };
}

/** Every cell of every sheet, hidden sheets included: a hidden sheet is still in the published file. */
async function xlsxCells(bytes: Uint8Array, where: (part?: string) => Location): Promise<LocatedText[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const out: LocatedText[] = [];
  wb.eachSheet((ws) => {
    const hidden = ws.state === 'hidden' || ws.state === 'veryHidden';
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        // A merged range repeats its first cell's value in every cell; read it once.
        if (cell.isMerged && cell.master.address !== cell.address) return;
        const text = cellText(cell);
        if (!text.trim()) return;
        const part = `${ws.name}!${cell.address}`;
        const loc = where(part);
        if (hidden) loc.label += '（隐藏工作表）';
        out.push({ location: loc, text });
      });
    });
  });
  return out;
}

// Digits as Excel shows them in the cell, never 3.20826E+17 and never a thousands separator.
const INTEGER = new Intl.NumberFormat('en-US', { useGrouping: false, maximumFractionDigits: 0 });

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  // A long number typed as a number (an ID number without the leading apostrophe) is kept by Excel
  // to 15 significant digits only; its text is those digits, not the binary double's exact value.
  if (typeof v === 'number') return Number.isInteger(v) ? INTEGER.format(v) : String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return cell.text ?? '';
}

function decodeText(bytes: Uint8Array): string {
  const b = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    // Not UTF-8: Chinese text files saved by Windows Notepad before 2019 are GBK, a subset of GB18030.
    return new TextDecoder('gb18030').decode(b);
  }
}

// pdfjs-dist's build for Node ("legacy"); loaded on first use so that the rest of the checks do not
// pay for it. CMaps and standard fonts come from the package, which older Chinese PDFs need to map
// their glyphs back to text.
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;
const pdfjsDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

async function pdfPages(bytes: Uint8Array, where: (part?: string) => Location): Promise<ExtractedAttachment> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument, VerbosityLevel } = await pdfjs;
  const task = getDocument({
    data: new Uint8Array(bytes), // pdf.js may take ownership of the buffer; never hand it the caller's.
    verbosity: VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    cMapUrl: `${pdfjsDir}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${pdfjsDir}/standard_fonts/`,
  });
  const doc = await task.promise;
  try {
    const pieces: LocatedText[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const text = joinTextItems(content.items.filter((i): i is Extract<typeof i, { str: string }> => 'str' in i));
      page.cleanup();
      if (text.trim()) pieces.push({ location: where(`第${n}页`), text });
    }
    if (pieces.length === 0) {
      return {
        pieces,
        problems: [{ rule: 'no-text', message: 'PDF 附件没有可提取的文字（可能是扫描件），内容未经检查，请人工核对' }],
      };
    }
    return { pieces, problems: [] };
  } finally {
    await task.destroy();
  }
}

interface PdfTextItem {
  str: string;
  hasEOL: boolean;
  transform: number[];
  width: number;
  height: number;
}

interface PdfLine {
  text: string;
  left: number;
  right: number;
  size: number;
}

const ALNUM = /[0-9A-Za-z]/;

/**
 * Page text from pdf.js items. Items on one line that touch are joined directly (Chinese has no
 * spaces); a visible gap becomes a space and a wide one (a table column) a tab, so that numbers in
 * neighbouring columns stay apart. A line that runs to the right margin was wrapped by the layout,
 * not ended by the author: it is joined to the next one, so that "党的二十\n大" or an expression
 * broken across two lines is still seen whole. Two runs of digits or letters are never joined,
 * since that is how the last cell of one table row meets the first cell of the next.
 */
export function joinTextItems(items: readonly PdfTextItem[]): string {
  const lines: PdfLine[] = [];
  let cur: (PdfLine & { y: number }) | null = null;
  for (const item of items) {
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    const size = Math.max(Math.abs(item.transform[3] ?? 0), item.height, 1);
    if (cur?.text && Math.abs(y - cur.y) > size * 0.5) {
      lines.push(cur);
      cur = null;
    }
    if (!cur) cur = { text: '', left: x, right: x, size, y };
    else if (cur.text && item.str) {
      const gap = x - cur.right;
      if (gap > size * 1.5) cur.text += '\t';
      else if (gap > size * 0.2 && !cur.text.endsWith(' ') && !item.str.startsWith(' ')) cur.text += ' ';
    }
    if (item.str) {
      if (!cur.text) {
        cur.y = y;
        cur.left = x;
      }
      cur.text += item.str;
      cur.right = Math.max(cur.right, x + item.width);
      cur.size = Math.max(cur.size, size);
    }
    // Blank lines carry nothing for the checks, and would stop a wrapped line from being joined.
    if (item.hasEOL) {
      if (cur.text.trim()) lines.push(cur);
      cur = null;
    }
  }
  if (cur?.text.trim()) lines.push(cur);

  const rightMargin = Math.max(0, ...lines.map((l) => l.right));
  const leftMargin = Math.min(...lines.map((l) => l.left));
  let out = '';
  lines.forEach((line, i) => {
    const prev = lines[i - 1];
    if (prev) {
      // Full width: from the left margin (or a two-character indent) to the right one. A
      // right-aligned signature or date line reaches the right margin only.
      const wrapped =
        prev.right >= rightMargin - prev.size * 1.5 &&
        prev.left <= leftMargin + prev.size * 2.5 &&
        !(ALNUM.test(prev.text.trimEnd().slice(-1)) && ALNUM.test(line.text.trimStart().charAt(0)));
      out += wrapped ? '' : '\n';
    }
    out += line.text;
  });
  return unifyRadicals(
    out
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  );
}
