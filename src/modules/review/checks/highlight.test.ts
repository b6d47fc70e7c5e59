import { describe, expect, it } from 'vitest';
import { highlightFinding, highlightRanges } from './highlight.js';

describe('highlighting a finding for the reviewer', () => {
  it('marks the excerpt and escapes everything', () => {
    const html = highlightFinding({
      context: '…<p>联系人：张某某 13905171234 & 李某某</p>',
      contextOffset: 12,
      excerpt: '13905171234',
    });
    expect(html).toBe('…&lt;p&gt;联系人：张某某 <mark>13905171234</mark> &amp; 李某某&lt;/p&gt;');
  });

  it('escapes the excerpt itself', () => {
    expect(highlightFinding({ context: 'a<b>c', contextOffset: 1, excerpt: '<b>' })).toBe('a<mark>&lt;b&gt;</mark>c');
  });

  it('shows the context unmarked when there is no excerpt or it does not line up', () => {
    expect(highlightFinding({ context: '', contextOffset: 0, excerpt: '' })).toBe('');
    expect(highlightFinding({ context: '秘密★1年', contextOffset: 2, excerpt: '秘密' })).toBe('秘密★1年');
  });

  it('marks several ranges of one text, merging overlaps and ignoring impossible ones', () => {
    const text = '秘密★1年：张某某<320826197803150015>';
    expect(
      highlightRanges(text, [
        { start: 10, end: 28 },
        { start: 0, end: 5 },
        { start: 2, end: 4 },
        { start: 20, end: 99 },
      ]),
    ).toBe('<mark>秘密★1年</mark>：张某某&lt;<mark>320826197803150015</mark>&gt;');
  });
});
