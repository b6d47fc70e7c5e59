// Chinese has no spaces between words, and a dictionary segmenter misses local names (涟水, 环评).
// So the text is indexed as a chain of tokens, ONE PER CHARACTER POSITION of a Han run: the pair
// starting at each character, and the run's last character alone (涟水县 → 涟水 水县 县). Latin
// letters and digits are whole words (G25 → g25). The database's full-text engine stores these
// space-separated tokens with its plain tokenizer and their positions, so:
// - a term of two or more Han characters is the PHRASE of its pairs (涟水县 = "涟水 水县"), which
//   matches exactly where the characters stand in that order — no confirming in JavaScript;
// - a one-character term is a PREFIX query (县*), served by the index: every occurrence of 县 is the
//   first character of a token (a pair, or the run's last character);
// - a query chunk typed without spaces (涟政发〔2026〕45号, 2026年) is one phrase across its runs,
//   because runs follow each other in the token chain as they do in the text.

const RUNS = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;
const MAX_TOKEN = 64;
/** Tokens of a phrase beyond this are dropped: a query is at most 50 characters anyway. */
const MAX_PHRASE = 48;
const MAX_CHUNKS = 8;

export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

export interface Run {
  han: boolean;
  text: string;
}

/** The Han runs and Latin/number words of a normalized text, in order (a word cut at 64 characters). */
export function runs(normalized: string): Run[] {
  const out: Run[] = [];
  for (const m of normalized.matchAll(RUNS))
    out.push(m[1] ? { han: true, text: m[1] } : { han: false, text: m[2]!.slice(0, MAX_TOKEN) });
  return out;
}

function hanChain(run: string, out: string[], withLast: boolean): void {
  const chars = [...run];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  if (withLast) out.push(chars[chars.length - 1]!);
}

/** The index tokens of a text, in order, one per Han character and one per Latin/number word. */
export function indexTokens(text: string): string[] {
  const out: string[] = [];
  for (const r of runs(normalize(text))) {
    if (r.han) hanChain(r.text, out, true);
    else out.push(r.text);
  }
  return out;
}

/** A phrase to match: tokens at consecutive positions, the last one possibly a prefix. */
export interface Phrase {
  tokens: string[];
  prefix: boolean;
}

/** The tokens that find `chunk` (a piece of query text without spaces) wherever it stands. */
export function phraseOf(chunk: string): Phrase | null {
  const rs = runs(normalize(chunk));
  if (rs.length === 0) return null;
  const tokens: string[] = [];
  rs.forEach((r, i) => {
    const last = i === rs.length - 1;
    // Inside the chunk a run ends where the text's run ends, so its last character is a token too;
    // the chunk's last run may continue in the text (水县 in 涟水县城), so it stops at its last pair.
    if (r.han) hanChain(r.text, tokens, !last || [...r.text].length === 1);
    else tokens.push(r.text);
  });
  const lastRun = rs[rs.length - 1]!;
  // A last single character or a last word is a prefix: 县 is the start of 县城, g2 of g25.
  const prefix = !lastRun.han || [...lastRun.text].length === 1;
  return { tokens: tokens.slice(0, MAX_PHRASE), prefix: prefix && tokens.length <= MAX_PHRASE };
}

/** A query term: alternatives (the term and its abbreviation list's equivalents), any one matching. */
export type Term = Phrase[];

export interface QueryPlan {
  terms: Term[];
  /** Every chunk typed together (涟水 公示 → 涟水公示): results that have it rank first. */
  together: Phrase | null;
  /** Normalised runs of the query and its equivalents, for highlighting. */
  marks: string[];
}

/** Abbreviations: every form of an entry finds the others (环评 ⇄ 环境影响评价). */
export type Equivalents = (chunk: string) => string[];

export function planQuery(query: string, equivalents: Equivalents = () => []): QueryPlan {
  const chunks = normalize(query)
    .split(/\s+/)
    .filter((c) => runs(c).length > 0)
    .slice(0, MAX_CHUNKS);
  const terms: Term[] = [];
  const marks = new Set<string>();
  for (const chunk of chunks) {
    const forms = [chunk, ...equivalents(chunk).map(normalize)];
    const term: Term = [];
    for (const form of forms) {
      const p = phraseOf(form);
      if (p && !term.some((t) => sameAs(t, p))) term.push(p);
      for (const r of runs(form)) marks.add(r.text);
    }
    if (term.length) terms.push(term);
  }
  const together = chunks.length > 1 ? phraseOf(chunks.join('')) : null;
  return { terms, together, marks: [...marks].sort((a, b) => b.length - a.length) };
}

function sameAs(a: Phrase, b: Phrase): boolean {
  return a.prefix === b.prefix && a.tokens.join(' ') === b.tokens.join(' ');
}
