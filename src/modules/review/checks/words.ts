import { AhoCorasick, fold } from './aho-corasick.js';
import { pickNonOverlapping } from './ranges.js';
import type { DetectorHit } from './types.js';

// Administrator-kept lists: sensitive and prohibited words, and wrong expressions with their correct
// forms (错敏词). Both compile once into an Aho-Corasick automaton, so checking is linear in the text
// whatever the size of the lists. Matching ignores letter case and full/half width.

export type WordKind = 'sensitive' | 'prohibited';
export interface WordEntry {
  word: string;
  kind: WordKind;
}

export interface ExpressionEntry {
  wrong: string;
  correct: string;
  note?: string;
  /**
   * Other forms that are right where the wrong text occurs inside them (党的十九大 and 中共十九大
   * both contain 十九大). The correct form itself always counts.
   */
  accepted?: string[];
}

export interface WordMatcher {
  detect(text: string): DetectorHit[];
}

export function compileWords(entries: readonly WordEntry[]): WordMatcher {
  // One entry per folded word; a word on both lists is prohibited.
  const byWord = new Map<string, WordEntry>();
  for (const e of entries) {
    const key = fold(e.word.trim());
    if (!key) continue;
    const seen = byWord.get(key);
    if (!seen || (seen.kind === 'sensitive' && e.kind === 'prohibited'))
      byWord.set(key, { word: e.word.trim(), kind: e.kind });
  }
  const list = [...byWord.values()];
  const ac = new AhoCorasick(list.map((e) => e.word));
  return {
    detect(text) {
      const matches = ac.search(text);
      const hits = (kind: WordKind) =>
        pickNonOverlapping(matches.filter((m) => list[m.pattern]!.kind === kind)).map((m) =>
          wordHit(kind, m.start, text.slice(m.start, m.end)),
        );
      // A prohibited word is never hidden by a longer sensitive word that contains it.
      const prohibited = hits('prohibited');
      const sensitive = hits('sensitive').filter((s) => !prohibited.some((p) => s.start < p.end && p.start < s.end));
      return [...prohibited, ...sensitive].sort((a, b) => a.start - b.start);
    },
  };
}

function wordHit(kind: WordKind, start: number, excerpt: string): DetectorHit {
  return kind === 'prohibited'
    ? {
        check: 'prohibited-word',
        rule: 'prohibited',
        start,
        end: start + excerpt.length,
        excerpt,
        message: `含禁用词“${excerpt}”`,
        suggestion: '请删除或改写后再发布',
      }
    : {
        check: 'sensitive-word',
        rule: 'sensitive',
        start,
        end: start + excerpt.length,
        excerpt,
        message: `含敏感词“${excerpt}”，请核实语境和用语是否恰当`,
        suggestion: '确属正常用法的，请在审核意见中说明理由',
      };
}

// Text that carries its own quotation marks (“一带一路”倡议) is shown as it is, not quoted twice.
const quote = (s: string) => (/[“”]/.test(s) ? s : `“${s}”`);

interface CompiledExpression {
  entry: ExpressionEntry;
  /** Each right form that contains the wrong text, with where the wrong text sits inside it. */
  contexts: Array<{ form: string; offset: number }>;
}

export function compileExpressions(entries: readonly ExpressionEntry[]): WordMatcher {
  const compiled: CompiledExpression[] = [];
  for (const entry of entries) {
    const wrong = fold(entry.wrong.trim());
    if (!wrong) continue;
    const contexts: CompiledExpression['contexts'] = [];
    for (const raw of [entry.correct, ...(entry.accepted ?? [])]) {
      const form = fold(raw);
      for (let i = form.indexOf(wrong); i !== -1; i = form.indexOf(wrong, i + 1)) contexts.push({ form, offset: i });
    }
    compiled.push({ entry: { ...entry, wrong: entry.wrong.trim() }, contexts });
  }
  const ac = new AhoCorasick(compiled.map((c) => c.entry.wrong));
  return {
    detect(text) {
      const folded = fold(text);
      const flagged = ac.searchFolded(folded).filter((m) => {
        // Quiet where the text already reads the right way at this place.
        const { contexts } = compiled[m.pattern]!;
        return !contexts.some(({ form, offset }) => folded.startsWith(form, m.start - offset) && m.start - offset >= 0);
      });
      return pickNonOverlapping(flagged).map((m) => {
        const { entry } = compiled[m.pattern]!;
        const excerpt = text.slice(m.start, m.end);
        return {
          check: 'wrong-expression' as const,
          rule: 'wrong-expression',
          start: m.start,
          end: m.end,
          excerpt,
          message: `${quote(excerpt)}为不规范表述${entry.note ? `：${entry.note}` : ''}`,
          suggestion: `改为${quote(entry.correct)}`,
        };
      });
    },
  };
}
