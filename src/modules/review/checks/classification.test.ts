import { describe, expect, it } from 'vitest';
import { detectClassification } from './classification.js';

const excerpts = (text: string) => detectClassification(text).map((h) => h.excerpt);
const rules = (text: string) => detectClassification(text).map((h) => h.rule);

describe('classification marks', () => {
  it.each([
    ['秘密★1年', '秘密★1年'],
    ['机密★长期', '机密★长期'],
    ['绝密★', '绝密★'],
    ['秘密 ★ 5年', '秘密 ★ 5年'],
    ['秘　密★10年', '秘　密★10年'],
    ['秘密*1年', '秘密*1年'],
    ['文件编号：0012　机密★20年　特急', '机密★20年'],
  ])('a level with a star is a mark: %s', (text, excerpt) => {
    expect(excerpts(text)).toEqual([excerpt]);
    expect(detectClassification(text)[0]!.message).toContain('国家秘密严禁在互联网发布');
  });

  it('reports offsets inside the text it was given', () => {
    const text = '涟水县人民政府办公室\n秘密★1年\n关于……的通知';
    const [hit] = detectClassification(text);
    expect(hit).toMatchObject({ check: 'classification', start: 11, end: 16, excerpt: '秘密★1年' });
    expect(text.slice(hit!.start, hit!.end)).toBe('秘密★1年');
  });

  it.each([
    ['密级：秘密', '密级：秘密'],
    ['密级:机密  保密期限：长期', '密级:机密'],
    ['密 级　绝密', '密 级　绝密'],
    ['保密期限：10年', '保密期限：10年'],
  ])('a 密级 field is a mark: %s', (text, excerpt) => {
    expect(excerpts(text)[0]).toBe(excerpt);
  });

  it('a 密级 field of 内部 is a restricted-handling mark', () => {
    const [hit] = detectClassification('密级：内部');
    expect(hit!.message).toContain('内部或限制传播标志');
  });

  it.each([
    ['秘密', '秘密'],
    ['  机密  ', '机密'],
    ['秘密 5年', '秘密 5年'],
    ['机密 关于调整部分干部任职的通知', '机密'],
  ])('a level opening a line and followed by a break is a mark: %j', (text, excerpt) => {
    expect(excerpts(text)).toEqual([excerpt]);
  });

  it('a level alone in a table cell is a mark', () => {
    expect(excerpts('文件名称\t秘密\t2026-03-01')).toEqual(['秘密']);
  });

  it.each([
    ['【秘密】关于……', '【秘密】'],
    ['2026年工作要点（内部资料）', '（内部资料）'],
    ['[机密] 会议纪要', '[机密]'],
    ['〔涉密〕', '〔涉密〕'],
  ])('a bracketed mark: %s', (text, excerpt) => {
    expect(excerpts(text)).toEqual([excerpt]);
  });

  it.each([
    ['内部资料 注意保存', '内部资料 注意保存'],
    ['内部资料，注意保存', '内部资料，注意保存'],
    ['内部文件　不得外传', '内部文件　不得外传'],
    ['注意保存', '注意保存'],
    ['涉密', '涉密'],
  ])('a line made of handling marks: %s', (text, excerpt) => {
    expect(excerpts(text)).toEqual([excerpt]);
    expect(rules(text)).toEqual(['mark-line']);
  });

  it('a handling mark opening a line before a separator', () => {
    expect(excerpts('内部资料：2026年全县重点工作安排')).toEqual(['内部资料']);
    expect(excerpts('涉密 会议记录')).toEqual(['涉密']);
  });

  it.each([
    ['本文件属于国家秘密，请妥善保管。', '本文件属于国家秘密'],
    ['此件系工作秘密', '此件系工作秘密'],
    ['本材料仅供内部参考。', '本材料仅供内部参考'],
    ['此件不得外传', '此件不得外传'],
  ])('the document speaking of itself: %s', (text, excerpt) => {
    expect(excerpts(text)).toEqual([excerpt]);
  });

  it('one mark is reported once even when several rules see it', () => {
    expect(detectClassification('秘密★1年')).toHaveLength(1);
    expect(detectClassification('【内部资料】')).toHaveLength(1);
  });
});

describe('ordinary phrases are not marks', () => {
  it.each([
    '各单位要严格保守国家秘密，做好保密工作。',
    '严防泄露国家秘密和工作秘密',
    '依法保护个人隐私和商业秘密，不得泄露商业秘密。',
    '村民委员会选举实行无记名投票、秘密投票。',
    '揭开宇宙的秘密',
    '秘密花园亲子活动周末开放',
    '保障数据的机密性、完整性和可用性',
    '机密性要求',
    '县政府办公室秘书科',
    '绝密档案展在县档案馆开展',
    '不得发布属于国家秘密的信息',
    '（三）不予公开\t1．属于国家秘密\t0',
    '加强涉密人员和涉密载体管理',
    '健全单位内部控制制度',
    '请市民注意保存好缴费凭证。',
    '密级：公开',
    '密级：非密',
    '观看电影《秘密》',
    '开展保密法治宣传教育，提升干部职工保密意识',
  ])('%s', (text) => {
    expect(detectClassification(text)).toEqual([]);
  });
});
