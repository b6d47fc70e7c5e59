import { normalize } from './tokenize.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * Escaped HTML of `text` with every occurrence of the terms wrapped in <mark>. Matching is done on
 * the NFKC/lower-cased form, which keeps offsets for CJK and ASCII text (the cases we index).
 */
export function highlight(text: string, terms: readonly string[]): string {
  const norm = normalize(text);
  if (norm.length !== text.length || terms.length === 0) return escapeHtml(text);
  const marks: Array<[number, number]> = [];
  for (const term of terms) {
    if (!term) continue;
    for (let i = norm.indexOf(term); i !== -1; i = norm.indexOf(term, i + term.length))
      marks.push([i, i + term.length]);
  }
  marks.sort((a, b) => a[0] - b[0]);
  let out = '';
  let pos = 0;
  for (const [start, end] of marks) {
    if (start < pos) continue;
    out += `${escapeHtml(text.slice(pos, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    pos = end;
  }
  return out + escapeHtml(text.slice(pos));
}

/** A window of the text around the first match, for result snippets. */
export function snippet(text: string, terms: readonly string[], size = 120): string {
  const norm = normalize(text);
  let first = -1;
  for (const t of terms) {
    const i = norm.indexOf(t);
    if (i !== -1 && (first === -1 || i < first)) first = i;
  }
  const start = Math.max(0, first - Math.floor(size / 3));
  const piece = text.slice(start, start + size).replace(/\s+/g, ' ');
  return (start > 0 ? '…' : '') + piece + (start + size < text.length ? '…' : '');
}
