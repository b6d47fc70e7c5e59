// Chinese has no spaces between words, and a dictionary segmenter misses local names (涟水, 环评).
// We index every Han character and every adjacent pair of Han characters, plus whole Latin/number
// words. Any query term of one character is a unigram lookup; a longer term becomes its bigrams, all
// of which must be present; candidates are then confirmed by a substring check on their text.

const HAN = /\p{Script=Han}/u;
// Han runs, or runs of other letters and digits (which must not swallow Han characters).
const RUNS = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;
const MAX_TOKEN = 64;

export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function hanTokens(run: string, out: string[]): void {
  const chars = [...run];
  for (let i = 0; i < chars.length; i++) {
    out.push(chars[i]!);
    if (i + 1 < chars.length) out.push(chars[i]! + chars[i + 1]!);
  }
}

/** All index tokens of a text, with repetitions (the caller counts them). */
export function indexTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of normalize(text).matchAll(RUNS)) {
    if (m[1]) hanTokens(m[1], out);
    else if (m[2]) out.push(m[2].slice(0, MAX_TOKEN));
  }
  return out;
}

export interface QueryPlan {
  /** Normalised terms as typed (for confirming matches and highlighting). */
  terms: string[];
  /** Tokens that must all be present in a candidate's postings. */
  tokens: string[];
}

export function planQuery(query: string): QueryPlan {
  const terms: string[] = [];
  const tokens = new Set<string>();
  for (const m of normalize(query).slice(0, 200).matchAll(RUNS)) {
    if (m[1]) {
      terms.push(m[1]);
      const chars = [...m[1]];
      if (chars.length === 1) tokens.add(chars[0]!);
      for (let i = 0; i + 1 < chars.length; i++) tokens.add(chars[i]! + chars[i + 1]!);
    } else if (m[2]) {
      const word = m[2].slice(0, MAX_TOKEN);
      terms.push(word);
      tokens.add(word);
    }
  }
  return { terms, tokens: [...tokens].slice(0, 32) };
}

export function isHan(ch: string): boolean {
  return HAN.test(ch);
}
