import { describe, expect, it } from 'vitest';
import { equivalentsOf } from './abbreviations.js';
import { highlight, snippet } from './highlight.js';
import { indexTokens, phraseOf, planQuery } from './tokenize.js';

describe('Chinese search tokens', () => {
  it('indexes one token per Han character (its pair, the run’s last alone) and whole Latin/number words', () => {
    expect(indexTokens('涟水县 G25高速')).toEqual(['涟水', '水县', '县', 'g25', '高速', '速']);
    expect(indexTokens('涟政发〔2026〕45号')).toEqual(['涟政', '政发', '发', '2026', '45', '号']);
  });

  it('turns a chunk into the phrase that finds it: pairs, a last single character or word as a prefix', () => {
    expect(phraseOf('县')).toEqual({ tokens: ['县'], prefix: true });
    expect(phraseOf('环评')).toEqual({ tokens: ['环评'], prefix: false });
    expect(phraseOf('涟水县')).toEqual({ tokens: ['涟水', '水县'], prefix: false });
    expect(phraseOf('2026年')).toEqual({ tokens: ['2026', '年'], prefix: true });
    expect(phraseOf('ＩＰｖ６')).toEqual({ tokens: ['ipv6'], prefix: true }); // full-width folded
    // Brackets of any kind are not tokens: 〔〕, [] and () give the same phrase.
    const docNo = { tokens: ['涟政', '政发', '发', '2026', '45', '号'], prefix: true };
    expect(phraseOf('涟政发〔2026〕45号')).toEqual(docNo);
    expect(phraseOf('涟政发[2026]45号')).toEqual(docNo);
    expect(phraseOf('涟政发（2026）45号')).toEqual(docNo);
  });

  it('plans each chunk as a term, with its abbreviation list’s forms as alternatives', () => {
    const plan = planQuery('环评 公示', equivalentsOf([{ term: '环评', expansions: ['环境影响评价'] }]));
    expect(plan.terms).toEqual([
      [
        { tokens: ['环评'], prefix: false },
        { tokens: ['环境', '境影', '影响', '响评', '评价'], prefix: false },
      ],
      [{ tokens: ['公示'], prefix: false }],
    ]);
    expect(plan.together).toEqual({ tokens: ['环评', '评公', '公示'], prefix: false });
    expect(plan.marks).toEqual(['环境影响评价', '环评', '公示']);
    expect(
      planQuery('环境影响评价', equivalentsOf([{ term: '环评', expansions: ['环境影响评价'] }])).terms[0],
    ).toHaveLength(2);
  });

  it('highlights matches with escaping, on the original text even where normalising changes its length', () => {
    expect(highlight('<b>涟水</b>新闻', ['涟水'])).toBe('&lt;b&gt;<mark>涟水</mark>&lt;/b&gt;新闻');
    expect(highlight('Ｇ２京沪高速', ['g2', '京沪高速'])).toBe('<mark>Ｇ２</mark><mark>京沪高速</mark>');
    expect(highlight('㈠环评', ['环评'])).toBe('㈠<mark>环评</mark>');
    expect(snippet(`${'一'.repeat(100)}环评公示${'二'.repeat(100)}`, ['环评'], 20)).toMatch(/^…一+环评公示二+…$/);
  });
});
