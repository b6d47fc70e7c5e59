import { TITLE_WEIGHT } from './engine.js';
import { phraseBoolean } from './engine-mysql.js';
import type { Phrase, QueryPlan } from './tokenize.js';

// The Mroonga engine's queries (engine-mroonga.ts). Its one index holds the title's tokens marked `tt`
// and the body's marked `qq` (engine-mysql.ts's mark), so one BOOLEAN MODE string says "in the title"
// (tt…), "anywhere" (qq… or tt…) and "anywhere but not all in the title" (… -(tt…)): every tier of a
// large result set is one MATCH, which Groonga answers from its posting lists. Two MATCH expressions
// in one statement cost a scan of the first one's matches (100 ms and more at 47k matches), and a
// MATCH outside the WHERE gives unreliable scores, so neither is used where one string can say it.
//
// Groonga 7.0 (Debian's Mroonga) finds nothing for a quoted phrase anywhere after a prefix (qqg2*
// then "qq京沪 qq沪高") in one string. Phrases are put before prefixes; where that cannot be done
// (several chunks that each end in a Latin prefix after Han characters), the query is split into
// MATCHes combined in SQL, which means the same.

export const TITLE_MARK = 'tt';
export const BODY_MARK = 'qq';
/** Between the title's tokens and the body's: no phrase runs across it, and no query asks for it. */
export const SEPARATOR = 'zz';
/** `>` raises a part's weight from 1 to 7 and each further `>` by one (measured on Groonga 7.0.7). */
const TITLE_BOOST = '>'.repeat(TITLE_WEIGHT - 6);

export type Query =
  | { kind: 'and'; items: Query[] }
  | { kind: 'or'; items: Query[] }
  | { kind: 'not'; item: Query }
  | { kind: 'leaf'; text: string };

/** One phrase in one field: `"ttA ttB"`, `ttA`, `ttA*`, or `(+"ttA ttB" +ttC*)` for a phrase ending in a prefix. */
function leaf(p: Phrase, mark: string, boost = false): Query {
  const text = phraseBoolean(p, mark);
  return { kind: 'leaf', text: boost ? `${TITLE_BOOST}(${text})` : text };
}

const prefixRank = (q: Query): number => {
  const text = render(q);
  return !text.includes('*') ? 0 : text.includes('"') ? 1 : 2;
};
const byPrefix = (items: Query[]) => [...items].sort((a, b) => prefixRank(a) - prefixRank(b));

/** Every term in the title (the first tier of a large result set). */
export function titleQuery(plan: QueryPlan): Query {
  return {
    kind: 'and',
    items: byPrefix(plan.terms.map((t) => ({ kind: 'or', items: byPrefix(t.map((p) => leaf(p, TITLE_MARK))) }))),
  };
}

/** Every term in the body or the title, title matches weighed TITLE_WEIGHT times (the ranked order). */
export function allQuery(plan: QueryPlan): Query {
  const term = (t: Phrase[]): Query => ({
    kind: 'or',
    items: byPrefix(t.flatMap((p) => [leaf(p, BODY_MARK), leaf(p, TITLE_MARK, true)])),
  });
  return { kind: 'and', items: byPrefix(plan.terms.map(term)) };
}

/** Found anywhere, but not every term in the title (the second tier). */
export function restQuery(plan: QueryPlan): Query {
  const all = allQuery(plan) as { kind: 'and'; items: Query[] };
  // The exclusion goes among the terms by the same rule (its phrases before any bare prefix), so that
  // 县 涟水县 stays one string: +("qq涟水 …") -(+("tt涟水 …") +(tt县*)) +(qq县* …).
  return { kind: 'and', items: byPrefix([...all.items, { kind: 'not', item: titleQuery(plan) }]) };
}

export function render(q: Query): string {
  switch (q.kind) {
    case 'leaf':
      return q.text;
    case 'or':
      return q.items.length === 1 ? render(q.items[0]!) : `(${q.items.map(render).join(' ')})`;
    case 'not':
      return `-(${render(q.item)})`;
    case 'and':
      return q.items.map((i) => (i.kind === 'not' ? render(i) : `+(${render(i)})`)).join(' ');
  }
}

/** Whether Groonga 7.0 takes the string as written: no quoted phrase after a prefix. */
export function safe(text: string): boolean {
  return !/\*[^"]*"/.test(text);
}

/**
 * The query as MATCH strings combined by SQL: a string (one MATCH), or and/or/not of such parts. A
 * safe query is one string; an unsafe one is split as little as possible, in order.
 */
export type Split = string | { and: Split[] } | { or: Split[] } | { not: Split };

export function split(q: Query): Split {
  if (q.kind === 'not') return { not: split(q.item) };
  const whole = q.kind === 'and' ? render(q) : `+(${render(q)})`;
  if (safe(whole) || q.kind === 'leaf') return whole; // a leaf alone is safe: its phrase comes before its prefix
  if (q.kind === 'or') return { or: q.items.map(split) };
  // Consecutive items as long as their string stays safe, then a new MATCH; a NOT never stands alone
  // in a string (Groonga finds nothing for a string of exclusions only).
  const parts: Split[] = [];
  let group: Query[] = [];
  const flush = () => {
    if (group.length > 0) parts.push(group.length === 1 ? split(group[0]!) : render({ kind: 'and', items: group }));
    group = [];
  };
  for (const item of q.items) {
    if (group.length > 0 && !safe(render({ kind: 'and', items: [...group, item] }))) flush();
    if (group.length === 0 && item.kind === 'not') parts.push(split(item));
    else group.push(item);
  }
  flush();
  return parts.length === 1 ? parts[0]! : { and: parts };
}

/** All the chunks typed side by side, in the title or the body (their results score twice). */
export function togetherQuery(p: Phrase): Query {
  return { kind: 'or', items: byPrefix([leaf(p, BODY_MARK), leaf(p, TITLE_MARK)]) };
}
