import { describe, expect, it } from 'vitest';
import { AhoCorasick, fold } from './aho-corasick.js';
import { DEFAULT_EXPRESSIONS } from './default-lists.js';
import { compileExpressions, compileWords } from './words.js';

describe('Aho-Corasick', () => {
  it('finds every occurrence of every pattern, overlapping ones included', () => {
    const ac = new AhoCorasick(['he', 'she', 'his', 'hers']);
    const found = ac.search('ushers').map((m) => [m.pattern, m.start, m.end]);
    expect(found).toEqual([
      [1, 1, 4],
      [0, 2, 4],
      [3, 2, 6],
    ]);
  });

  it('matches Chinese, full-width and upper-case text at the original offsets', () => {
    const ac = new AhoCorasick(['国家秘密', 'abc']);
    const text = '保守国家秘密，ＡＢＣ和Abc';
    expect(fold(text)).toHaveLength(text.length);
    expect(ac.search(text).map((m) => text.slice(m.start, m.end))).toEqual(['国家秘密', 'ＡＢＣ', 'Abc']);
  });

  it('keeps offsets in UTF-16 units around characters outside the BMP', () => {
    const ac = new AhoCorasick(['𠀀字']);
    const text = '前𠀀字后';
    const [m] = ac.search(text);
    expect(text.slice(m!.start, m!.end)).toBe('𠀀字');
  });

  it('finds nothing with no patterns or in empty text', () => {
    expect(new AhoCorasick([]).search('任何文字')).toEqual([]);
    expect(new AhoCorasick(['词']).search('')).toEqual([]);
  });

  it('handles a few thousand patterns', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `词条${i}号`);
    const ac = new AhoCorasick(words);
    const text = '前文词条1234号中间词条2999号结尾';
    expect(ac.search(text).map((m) => words[m.pattern])).toEqual(['词条1234号', '词条2999号']);
  });
});

describe('sensitive and prohibited words', () => {
  const matcher = compileWords([
    { word: '赌博网站', kind: 'prohibited' },
    { word: '赌博', kind: 'sensitive' },
    { word: '代开发票', kind: 'prohibited' },
    { word: '群体事件', kind: 'sensitive' },
  ]);

  it('reports each with its kind, offsets and a Chinese message', () => {
    const text = '严厉打击赌博网站和代开发票行为，妥善处置群体事件。';
    const hits = matcher.detect(text);
    expect(hits.map((h) => [h.check, h.excerpt, text.slice(h.start, h.end)])).toEqual([
      ['prohibited-word', '赌博网站', '赌博网站'],
      ['prohibited-word', '代开发票', '代开发票'],
      ['sensitive-word', '群体事件', '群体事件'],
    ]);
    expect(hits[0]!.message).toBe('含禁用词“赌博网站”');
  });

  it('a prohibited word is not hidden inside a longer sensitive one', () => {
    const m = compileWords([
      { word: '非法集资', kind: 'prohibited' },
      { word: '非法集资案件通报', kind: 'sensitive' },
    ]);
    expect(m.detect('非法集资案件通报').map((h) => h.check)).toEqual(['prohibited-word']);
  });

  it('a word on both lists counts as prohibited; blank entries are ignored', () => {
    const m = compileWords([
      { word: '某词', kind: 'sensitive' },
      { word: ' 某词 ', kind: 'prohibited' },
      { word: '  ', kind: 'prohibited' },
    ]);
    expect(m.detect('含某词').map((h) => h.check)).toEqual(['prohibited-word']);
  });

  it('is quiet on clean text', () => {
    expect(matcher.detect('全县开展安全生产大检查。')).toEqual([]);
  });
});

describe('wrong expressions', () => {
  const defaults = compileExpressions(DEFAULT_EXPRESSIONS);
  const wrong = (text: string) => defaults.detect(text).map((h) => [h.excerpt, h.suggestion]);

  it('flags a wrong expression with its correct form', () => {
    const text = '认真贯彻落实党中央国务院决策部署';
    const [hit] = defaults.detect(text);
    expect(hit).toMatchObject({
      check: 'wrong-expression',
      excerpt: '党中央国务院',
      start: 6,
      end: 12,
      suggestion: '改为“党中央、国务院”',
    });
    expect(hit!.message).toBe('“党中央国务院”为不规范表述：并列的机关之间应加顿号');
  });

  it('is quiet where the text already has the correct form at that place', () => {
    expect(wrong('认真贯彻落实党中央、国务院决策部署')).toEqual([]);
    expect(wrong('深入学习贯彻党的二十大精神')).toEqual([]);
    expect(wrong('中共十九大以来')).toEqual([]);
    expect(wrong('以习近平新时代中国特色社会主义思想为指导')).toEqual([]);
    expect(wrong('共建“一带一路”')).toEqual([]);
    expect(wrong('“十四五”规划和“十五五”规划')).toEqual([]);
    expect(wrong('香港特别行政区政府')).toEqual([]);
    expect(wrong('全县二十八大重点工程')).toEqual([]);
  });

  it.each([
    ['学习十九大精神', '十九大', '改为“党的十九大”'],
    ['贯彻二十大部署', '二十大', '改为“党的二十大”'],
    ['学习新时代中国特色社会主义思想', '新时代中国特色社会主义思想', '改为“习近平新时代中国特色社会主义思想”'],
    [
      '习近平总书记新时代中国特色社会主义思想',
      '习近平总书记新时代中国特色社会主义思想',
      '改为“习近平新时代中国特色社会主义思想”',
    ],
    ['推进一带一路建设', '一带一路', '改为“一带一路”'],
    ['服务一带一路战略', '一带一路战略', '改为“一带一路”倡议'],
    ['融入“一带一路”战略', '“一带一路”战略', '改为“一带一路”倡议'],
    ['十四五时期', '十四五', '改为“十四五”'],
    ['建设法制政府', '法制政府', '改为“法治政府”'],
    ['台湾国', '台湾国', '改为“中国台湾”'],
    ['香港政府宣布', '香港政府', '改为“香港特别行政区政府”'],
    ['大陆与香港的交流', '大陆与香港', '改为“内地与香港”'],
  ])('%s', (text, excerpt, suggestion) => {
    expect(wrong(text)).toEqual([[excerpt, suggestion]]);
  });

  it('uses accepted forms from an administrator entry', () => {
    const m = compileExpressions([
      { wrong: '国务院令第', correct: '中华人民共和国国务院令第', accepted: ['国务院令第'] },
    ]);
    expect(m.detect('国务院令第711号')).toEqual([]);
  });

  it('matches case-insensitively', () => {
    const m = compileExpressions([{ wrong: 'Wi-Fi', correct: 'WLAN' }]);
    expect(m.detect('公共场所 wi-fi 覆盖').map((h) => h.excerpt)).toEqual(['wi-fi']);
  });
});
