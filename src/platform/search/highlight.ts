const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * The NFKC/lower-cased form of `text` with, for each of its UTF-16 units, the offset in `text` of the
 * character it came from: full-width letters (Ｇ２) and compatibility forms change length when
 * normalised, and a match found in the normalised form must be marked on the original.
 */
function normalizedWithOffsets(text: string): { norm: string; from: number[] } {
  let norm = '';
  const from: number[] = [];
  let offset = 0;
  for (const ch of text) {
    const n = ch.normalize('NFKC').toLowerCase();
    norm += n;
    for (let i = 0; i < n.length; i++) from.push(offset);
    offset += ch.length;
  }
  from.push(offset);
  return { norm, from };
}

/** Ranges [start, end) of `text` where any of the (normalised) terms occur, sorted, not overlapping. */
function matches(text: string, terms: readonly string[]): Array<[number, number]> {
  const { norm, from } = normalizedWithOffsets(text);
  const found: Array<[number, number]> = [];
  for (const term of terms) {
    if (!term) continue;
    for (let i = norm.indexOf(term); i !== -1; i = norm.indexOf(term, i + term.length))
      found.push([from[i]!, from[i + term.length]!]);
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Array<[number, number]> = [];
  for (const m of found) {
    const last = out[out.length - 1];
    if (last && m[0] < last[1]) last[1] = Math.max(last[1], m[1]);
    else out.push([m[0], m[1]]);
  }
  return out;
}

/** Escaped HTML of `text` with every occurrence of the terms wrapped in <mark>. */
export function highlight(text: string, terms: readonly string[]): string {
  let out = '';
  let pos = 0;
  for (const [start, end] of matches(text, terms)) {
    out += `${escapeHtml(text.slice(pos, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    pos = end;
  }
  return out + escapeHtml(text.slice(pos));
}

/** A window of the text around the first match (the start when none), for result snippets. */
export function snippet(text: string, terms: readonly string[], size = 120): string {
  const first = matches(text, terms)[0]?.[0] ?? 0;
  const start = Math.max(0, first - Math.floor(size / 3));
  const piece = text.slice(start, start + size).replace(/\s+/g, ' ');
  return (start > 0 ? '…' : '') + piece + (start + size < text.length ? '…' : '');
}
