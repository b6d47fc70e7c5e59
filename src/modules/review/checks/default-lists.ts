import type { ExpressionEntry, WordEntry } from './words.js';

/*
 * A starting point, not the list. Government website inspections (and the vendors' 错敏词 services
 * they use) check far longer lists that change with policy wording; the administrator keeps ours in
 * the admin app and extends it. What is here is limited to entries whose right form is settled
 * usage in central documents and Xinhua's style rules (新华社新闻信息报道中的禁用词和慎用词), so that a
 * fresh installation warns about well-known mistakes and stays quiet on correct text:
 *
 * - Party congresses are 党的十九大 or 中共十九大, never a bare 十九大.
 * - The full name of 习近平新时代中国特色社会主义思想, and its common truncations.
 * - 法治, not 法制, in 法治国家 / 法治政府; 依法治国, not 以法治国.
 * - Taiwan, Hong Kong and Macao: no 台湾国, 台湾"政府" or 台湾"总统"; 香港特别行政区政府; 内地 (not
 *   大陆) opposite 香港/澳门.
 * - Abbreviated slogans and plans in quotation marks: “一带一路” (an 倡议, not a 战略), “十四五”, “十五五”.
 * - Two names that are serious errors if wrong (a leader's name; 钓鱼岛) and Xinhua's country names.
 *
 * Rules that need the sentence, not a string, are left out on purpose: listing 香港/澳门/台湾 among
 * "国家" (write 国家和地区), the citation 国务院令第711号 versus 国务院第711号令, quotation marks on the
 * many other slogans. A reviewer catches those; a string list would flag correct text.
 *
 * The sensitive and prohibited word lists start empty: what is prohibited on a county portal is the
 * administrator's decision, and a shipped list of banned political terms would block the county's own
 * 反邪教 and 扫黑除恶 news, which must name what they report on.
 */

const congress = (n: string, full: string): ExpressionEntry => ({
  wrong: `${n}大`,
  correct: `党的${n}大`,
  note: `${full}简称“党的${n}大”或“中共${n}大”`,
  accepted: [`中共${n}大`],
});

const quoted = (term: string, note: string): ExpressionEntry => ({
  wrong: term,
  correct: `“${term}”`,
  note,
  accepted: [`"${term}"`, `「${term}」`, `‘${term}’`, `'${term}'`],
});

const THOUGHT = '习近平新时代中国特色社会主义思想';

export const DEFAULT_EXPRESSIONS: readonly ExpressionEntry[] = [
  { wrong: '党中央国务院', correct: '党中央、国务院', note: '并列的机关之间应加顿号' },
  {
    wrong: '中共中央国务院',
    correct: '中共中央、国务院',
    note: '并列的机关之间应加顿号（联合发文的发文机关标志写作“中共中央 国务院”）',
  },
  { ...congress('十八', '中国共产党第十八次全国代表大会'), accepted: ['中共十八大', '二十八大'] },
  { ...congress('十九', '中国共产党第十九次全国代表大会'), accepted: ['中共十九大', '二十九大'] },
  congress('二十', '中国共产党第二十次全国代表大会'),
  { wrong: '新时代中国特色社会主义思想', correct: THOUGHT, note: '应使用全称' },
  { wrong: '习近平新时代特色社会主义思想', correct: THOUGHT, note: '漏写“中国”' },
  { wrong: '习近平中国特色社会主义思想', correct: THOUGHT, note: '漏写“新时代”' },
  { wrong: '习近平总书记新时代中国特色社会主义思想', correct: THOUGHT, note: '思想名称中不加“总书记”' },
  { wrong: '习进平', correct: '习近平', note: '国家领导人姓名错误属于严重表述错误' },
  { wrong: '社会主义核心价值关', correct: '社会主义核心价值观', note: '错别字' },
  { wrong: '以法治国', correct: '依法治国', note: '错别字' },
  { wrong: '法制国家', correct: '法治国家', note: '应为“法治”' },
  { wrong: '法制政府', correct: '法治政府', note: '应为“法治”' },
  { wrong: '台湾国', correct: '中国台湾', note: '台湾是中国领土的一部分，不得称“台湾国”', accepted: ['台湾国际'] },
  { wrong: '台湾国民党', correct: '中国国民党', note: '政党名称应为“中国国民党”' },
  { wrong: '台湾政府', correct: '台湾当局', note: '不得称台湾地区政权为“政府”' },
  { wrong: '台湾总统', correct: '台湾地区领导人', note: '不得称“总统”' },
  { wrong: '香港政府', correct: '香港特别行政区政府', note: '也可简称“香港特区政府”' },
  { wrong: '澳门政府', correct: '澳门特别行政区政府', note: '也可简称“澳门特区政府”' },
  { wrong: '大陆与香港', correct: '内地与香港', note: '与香港、澳门相对应时称“内地”' },
  { wrong: '大陆和香港', correct: '内地和香港', note: '与香港、澳门相对应时称“内地”' },
  { wrong: '大陆与澳门', correct: '内地与澳门', note: '与香港、澳门相对应时称“内地”' },
  { wrong: '大陆和澳门', correct: '内地和澳门', note: '与香港、澳门相对应时称“内地”' },
  { wrong: '尖阁列岛', correct: '钓鱼岛', note: '钓鱼岛及其附属岛屿是中国固有领土，不得使用日方名称' },
  { wrong: '尖阁诸岛', correct: '钓鱼岛', note: '钓鱼岛及其附属岛屿是中国固有领土，不得使用日方名称' },
  { wrong: '北朝鲜', correct: '朝鲜', note: '国名应为“朝鲜”' },
  { wrong: '南朝鲜', correct: '韩国', note: '国名应为“韩国”' },
  { wrong: '残废人', correct: '残疾人', note: '不得使用歧视性称谓' },
  quoted('一带一路', '作为简称应加引号'),
  { wrong: '一带一路战略', correct: '“一带一路”倡议', note: '应加引号，且称“倡议”而非“战略”' },
  { wrong: '“一带一路”战略', correct: '“一带一路”倡议', note: '称“倡议”而非“战略”' },
  quoted('十四五', '规划时期的简称应加引号'),
  quoted('十五五', '规划时期的简称应加引号'),
];

export const DEFAULT_WORDS: readonly WordEntry[] = [];
