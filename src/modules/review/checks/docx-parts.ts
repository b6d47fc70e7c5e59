import { load } from 'cheerio';
import JSZip from 'jszip';
import { archiveLimits, inspectZip, type ArchiveLimits } from '../../../platform/archive/zip-guard.js';

// What a Word file carries besides its body, which mammoth's text leaves out but anyone who
// downloads the file can read: headers and footers (where 密级 marks such as “机密★1年” are printed),
// comments, and text deleted under tracked changes, still inside the file until the changes are
// accepted. Each part comes back as plain text, one line per paragraph.

export interface DocxPart {
  /** Where it is, as a reviewer reads it: 页眉, 页脚, 批注, 修订中删除的文字. */
  part: string;
  text: string;
}

const PARTS: Array<{ pattern: RegExp; part: string }> = [
  { pattern: /^word\/header\d*\.xml$/, part: '页眉' },
  { pattern: /^word\/footer\d*\.xml$/, part: '页脚' },
  { pattern: /^word\/comments\.xml$/, part: '批注' },
];

export async function docxHiddenParts(bytes: Uint8Array, limits: ArchiveLimits = archiveLimits()): Promise<DocxPart[]> {
  // JSZip would inflate whatever the archive holds; the limits are checked first (zip-guard.ts).
  await inspectZip(bytes, limits);
  const zip = await JSZip.loadAsync(bytes);
  const out: DocxPart[] = [];
  const names = Object.keys(zip.files).sort();
  for (const { pattern, part } of PARTS) {
    const text = (
      await Promise.all(
        names.filter((n) => pattern.test(n)).map(async (n) => paragraphs(await zip.file(n)!.async('string'), 'w\\:t')),
      )
    )
      .filter((t) => t !== '')
      .join('\n');
    if (text) out.push({ part, text });
  }
  const body = zip.file('word/document.xml');
  if (body) {
    const deleted = paragraphs(await body.async('string'), 'w\\:delText');
    if (deleted) out.push({ part: '修订中删除的文字', text: deleted });
  }
  return out;
}

/** The text of the given run elements, paragraph by paragraph; paragraphs without any are left out. */
function paragraphs(xml: string, runs: string): string {
  const $ = load(xml, { xml: true });
  const lines: string[] = [];
  $('w\\:p').each((_, p) => {
    const line = $(p)
      .find(runs)
      .map((__, t) => $(t).text())
      .get()
      .join('');
    if (line.trim()) lines.push(line);
  });
  return lines.join('\n');
}
