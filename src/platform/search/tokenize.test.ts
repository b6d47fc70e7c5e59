import { describe, expect, it } from 'vitest';
import { highlight, snippet } from './highlight.js';
import { confirms } from './search-index.js';
import { indexTokens, planQuery } from './tokenize.js';

describe('Chinese search tokens', () => {
  it('indexes every Han character and adjacent pair, and whole Latin/number words', () => {
    expect(indexTokens('涟水县 G25高速')).toEqual(['涟', '涟水', '水', '水县', '县', 'g25', '高', '高速', '速']);
  });

  it('plans one-character terms as unigrams and longer ones as bigrams', () => {
    expect(planQuery('县').tokens).toEqual(['县']);
    expect(planQuery('环评').tokens).toEqual(['环评']);
    expect(planQuery('涟水县 公示').tokens).toEqual(['涟水', '水县', '公示']);
    expect(planQuery('ＩＰｖ６').terms).toEqual(['ipv6']); // full-width folded
  });

  it('confirms the order of a three-character term (bigrams alone cannot)', () => {
    expect(confirms(['涟水县'], '水县涟水', '')).toBe(false);
    expect(confirms(['涟水县'], '关于涟水县的通知', '')).toBe(true);
  });

  it('highlights matches with escaping', () => {
    expect(highlight('<b>涟水</b>新闻', ['涟水'])).toBe('&lt;b&gt;<mark>涟水</mark>&lt;/b&gt;新闻');
    expect(snippet(`${'一'.repeat(100)}环评公示${'二'.repeat(100)}`, ['环评'], 20)).toMatch(/^…一+环评公示二+…$/);
  });
});
