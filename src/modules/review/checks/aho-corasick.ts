import { isRadical, radicalToHan } from './cjk-radicals.js';

/*
 * Aho-Corasick multi-pattern matching: one pass over the text whatever the number of patterns, so an
 * administrator's list of a few thousand words costs the same per character as a list of ten.
 * Matching is on a folded form of the text (NFKC per character, lower case) that has exactly the
 * text's length, so the offsets found are offsets in the original text: full-width Ｌａｔｉｎ and
 * half-width letters match the same pattern, radical stand-ins (⼆⼗⼤, see cjk-radicals.ts) match
 * the ideographs, and no offset ever shifts.
 */

/** Fold one UTF-16 code unit; characters whose fold would change the length are kept as they are. */
function foldUnit(c: string): string {
  if (isRadical(c.charCodeAt(0))) return radicalToHan(c);
  const f = c.normalize('NFKC').toLowerCase();
  return f.length === 1 ? f : c;
}

const FOLD_CACHE = new Map<string, string>();

export function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const code = c.charCodeAt(0);
    if (code < 0x80) out += code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : c;
    // Unified Han ideographs have no compatibility decomposition; surrogate halves cannot be
    // normalised alone. Both stay as they are, which is most of a Chinese text.
    else if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0xd800 && code <= 0xdfff)) out += c;
    else out += foldCached(c);
  }
  return out;
}

function foldCached(c: string): string {
  let f = FOLD_CACHE.get(c);
  if (f === undefined) {
    f = foldUnit(c);
    if (FOLD_CACHE.size < 10_000) FOLD_CACHE.set(c, f);
  }
  return f;
}

export interface AcMatch {
  pattern: number;
  start: number;
  end: number;
}

export class AhoCorasick {
  private readonly goto: Array<Map<string, number>> = [new Map()];
  private readonly fail: number[] = [0];
  /** Patterns ending at a node (its own), and the nearest node on the fail chain that has any. */
  private readonly out: number[][] = [[]];
  private readonly dictLink: number[] = [-1];
  private readonly lengths: number[] = [];

  constructor(patterns: readonly string[]) {
    patterns.forEach((raw, id) => {
      const p = fold(raw);
      this.lengths[id] = p.length;
      if (!p) return;
      let node = 0;
      for (const c of p) {
        // Iterating by code point keeps surrogate pairs together; lengths stay in UTF-16 units.
        let next = this.goto[node]!.get(c);
        if (next === undefined) {
          next = this.goto.length;
          this.goto.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.dictLink.push(-1);
          this.goto[node]!.set(c, next);
        }
        node = next;
      }
      this.out[node]!.push(id);
    });
    const queue: number[] = [];
    for (const child of this.goto[0]!.values()) queue.push(child);
    for (let qi = 0; qi < queue.length; qi++) {
      const node = queue[qi]!;
      for (const [c, child] of this.goto[node]!) {
        let f = this.fail[node]!;
        while (f !== 0 && !this.goto[f]!.has(c)) f = this.fail[f]!;
        const target = this.goto[f]!.get(c);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const fc = this.fail[child]!;
        this.dictLink[child] = this.out[fc]!.length > 0 ? fc : this.dictLink[fc]!;
        queue.push(child);
      }
    }
  }

  /** Every occurrence of every pattern, in order of end position. `folded` must come from fold(). */
  searchFolded(folded: string): AcMatch[] {
    const found: AcMatch[] = [];
    let node = 0;
    let end = 0;
    for (const c of folded) {
      end += c.length;
      while (node !== 0 && !this.goto[node]!.has(c)) node = this.fail[node]!;
      node = this.goto[node]!.get(c) ?? 0;
      for (let n = this.out[node]!.length > 0 ? node : this.dictLink[node]!; n > 0; n = this.dictLink[n]!) {
        for (const id of this.out[n]!) found.push({ pattern: id, start: end - this.lengths[id]!, end });
      }
    }
    return found;
  }

  search(text: string): AcMatch[] {
    return this.searchFolded(fold(text));
  }
}
