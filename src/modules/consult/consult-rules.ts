import type { ConsultationState } from '../../contract/consult.js';
import { htmlToText } from '../../platform/html/sanitize.js';

// The pure rules of 民意征集: a consultation's state from its articles and period, and the paragraphs
// a comment may point at.

const IN_REVIEW = new Set(['in_review', 'approved', 'scheduled']);
const TAKEN_DOWN = new Set(['offline', 'withdrawn']);

/**
 * The text's article decides until it is online (draft / in review / taken down); then the period
 * decides; a published 采纳情况反馈 is the last state whatever the clock says.
 */
export function consultationState(
  c: { article_status: string; feedback_status: string | null; starts_at: string; ends_at: string },
  now: Date,
): ConsultationState {
  if (c.feedback_status === 'published' && c.article_status === 'published') return 'feedback';
  if (TAKEN_DOWN.has(c.article_status)) return 'withdrawn';
  if (IN_REVIEW.has(c.article_status)) return 'in_review';
  if (c.article_status !== 'published') return 'draft';
  const t = now.toISOString();
  if (t < c.starts_at) return 'upcoming';
  if (t < c.ends_at) return 'open';
  return 'closed';
}

/** The text's paragraphs as a reader sees them (one per block of the body), for 逐段意见. */
export function paragraphsOf(bodyHtml: string): string[] {
  return htmlToText(bodyHtml)
    .split('\n')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** A paragraph's opening words, for the form's list. */
export function paragraphLabel(index: number, text: string): string {
  const chars = Array.from(text);
  return `第${index}段：${chars.slice(0, 24).join('')}${chars.length > 24 ? '…' : ''}`;
}
