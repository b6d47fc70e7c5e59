import { escapeHtml } from '../../../platform/search/highlight.js';
import type { Finding } from './types.js';

/**
 * The finding's context as escaped HTML with the offending text in <mark>, for the reviewer's view.
 * A finding without an excerpt (a missing metadata field) is its escaped context with no mark.
 */
export function highlightFinding(f: Pick<Finding, 'context' | 'contextOffset' | 'excerpt'>): string {
  const { context, contextOffset: at, excerpt } = f;
  // A finding stored by an older version, or edited by hand, may not line up: show it unmarked
  // rather than mark the wrong characters.
  if (!excerpt || context.slice(at, at + excerpt.length) !== excerpt) return escapeHtml(context);
  return `${escapeHtml(context.slice(0, at))}<mark>${escapeHtml(excerpt)}</mark>${escapeHtml(context.slice(at + excerpt.length))}`;
}

/** A whole located text (a title, a cell) with every finding's range marked; overlaps are merged. */
export function highlightRanges(text: string, ranges: ReadonlyArray<{ start: number; end: number }>): string {
  const sorted = ranges
    .filter((r) => r.end > r.start && r.start >= 0 && r.end <= text.length)
    .map((r) => [r.start, r.end] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  let out = '';
  let pos = 0;
  for (const [start, end] of sorted) {
    if (end <= pos) continue;
    const from = Math.max(start, pos);
    out += `${escapeHtml(text.slice(pos, from))}<mark>${escapeHtml(text.slice(from, end))}</mark>`;
    pos = end;
  }
  return out + escapeHtml(text.slice(pos));
}
