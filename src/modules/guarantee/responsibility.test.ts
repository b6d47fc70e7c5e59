import { describe, expect, it } from 'vitest';
import { isVaguePhrase, parseResponsibility, UNIT_GROUPS } from './responsibility.js';

const unit = (name: string, role: 'lead' | 'cooperate' = 'lead', label = name, alias: string | null = null) => ({
  kind: 'unit',
  role,
  label,
  name,
  alias,
});
const group = (g: string, role: 'lead' | 'cooperate' = 'lead', label = g) => ({ kind: 'group', role, label, group: g });

describe('parseResponsibility on the seed list', () => {
  it.each([
    ['新闻中心', [unit('新闻中心')]],
    ['电视台', [unit('电视台')]],
    ['12345办公室', [unit('12345办公室')]],
    ['县各单位', [group('县各单位')]],
    ['各单位', [group('各单位')]],
    ['各镇、街道办事处、各园区', [group('各镇、街道办事处、各园区')]],
    ['县各部门、各镇、街道办事处、各园区', [group('县各部门'), group('各镇、街道办事处、各园区')]],
    ['教育局、科技局', [unit('教育局'), unit('科技局')]],
    ['政府办、发改委', [unit('政府办'), unit('发改委')]],
    ['文广局、体育局', [unit('文广局'), unit('体育局')]],
    [
      '文广新局、农委、市场监督管理局、住建局、交通局、城管局、国土局、税务局',
      ['文广新局', '农委', '市场监督管理局', '住建局', '交通局', '城管局', '国土局', '税务局'].map((n) => unit(n)),
    ],
    [
      '气象局、卫计委、安监局、环保局、市场局、水利局、应急办',
      ['气象局', '卫计委', '安监局', '环保局', '市场局', '水利局', '应急办'].map((n) => unit(n)),
    ],
    ['“三进三帮”活动领导小组办公室', [unit('“三进三帮”活动领导小组办公室')]],
    ['民政局（双拥办）', [unit('民政局', 'lead', '民政局（双拥办）', '双拥办')]],
  ])('%s', (text, parties) => {
    const r = parseResponsibility(text);
    expect(r.parties).toEqual(parties);
    expect(r.warnings).toEqual([]);
  });

  it('政府办收集，相关单位配合: a lead and a vague cooperating party (not an unknown unit)', () => {
    const r = parseResponsibility('政府办收集，相关单位配合');
    expect(r.parties).toEqual([unit('政府办'), { kind: 'vague', role: 'cooperate', label: '相关单位' }]);
    expect(r.cobuilt).toBe(true);
  });

  it('an empty cell names nobody (the import reports the gap)', () => {
    for (const empty of ['', '  ', '-', '\n']) {
      expect(parseResponsibility(empty)).toMatchObject({ parties: [], cobuilt: false, warnings: [] });
    }
  });
});

describe('parseResponsibility on the notice’s own layout and other variants', () => {
  it('cells that wrapped inside a table: line breaks and runs of spaces', () => {
    expect(parseResponsibility('政府办收集，   相关单位配合').parties).toHaveLength(2);
    expect(parseResponsibility('政府办收集， \n\n相关单位配合').parties).toEqual([
      unit('政府办'),
      { kind: 'vague', role: 'cooperate', label: '相关单位' },
    ]);
    expect(parseResponsibility('民政局\n\n（双拥办）').parties).toEqual([
      unit('民政局', 'lead', '民政局（双拥办）', '双拥办'),
    ]);
    expect(parseResponsibility('教育局\n科技局').parties).toEqual([unit('教育局'), unit('科技局')]);
  });

  it('half-width brackets and commas, full-width spaces', () => {
    expect(parseResponsibility('民政局(双拥办)').parties).toEqual([unit('民政局', 'lead', '民政局(双拥办)', '双拥办')]);
    expect(parseResponsibility('财政局,审计局').parties).toEqual([unit('财政局'), unit('审计局')]);
    expect(parseResponsibility('财政局\u3000审计局').parties).toEqual([unit('财政局'), unit('审计局')]);
  });

  it('a role word applies back to the previous comma', () => {
    expect(parseResponsibility('政府办牵头，财政局、审计局配合').parties).toEqual([
      unit('政府办'),
      unit('财政局', 'cooperate'),
      unit('审计局', 'cooperate'),
    ]);
    expect(parseResponsibility('政府办、财政局牵头，审计局配合').parties).toEqual([
      unit('政府办'),
      unit('财政局'),
      unit('审计局', 'cooperate'),
    ]);
    expect(parseResponsibility('政府办负责，县各部门配合').parties).toEqual([
      unit('政府办'),
      group('县各部门', 'cooperate'),
    ]);
    expect(parseResponsibility('发改委（牵头）、统计局').parties).toEqual([
      unit('发改委', 'lead', '发改委（牵头）'),
      unit('统计局'),
    ]);
  });

  it('group phrases written differently, and never split apart', () => {
    expect(parseResponsibility('各镇人民政府、街道办事处，各园区').parties).toEqual([
      group('各镇、街道办事处、各园区', 'lead', '各镇人民政府、街道办事处，各园区'),
    ]);
    expect(parseResponsibility('县各委、办、局').parties).toEqual([group('县各部门', 'lead', '县各委、办、局')]);
    expect(parseResponsibility('县各单位、各镇、街道办事处、各园区').parties.map((p) => p.kind)).toEqual([
      'group',
      'group',
    ]);
  });

  it('quotes are not split even when they hold separators', () => {
    expect(parseResponsibility('“三进三帮、结对帮扶”办公室、财政局').parties).toEqual([
      unit('“三进三帮、结对帮扶”办公室'),
      unit('财政局'),
    ]);
  });

  it('the same party written twice counts once', () => {
    expect(parseResponsibility('财政局、财政局').parties).toEqual([unit('财政局')]);
  });

  it('a role word with no unit before it is a warning, not a crash', () => {
    const r = parseResponsibility('财政局，配合');
    expect(r.parties).toEqual([unit('财政局')]);
    expect(r.warnings[0]).toContain('缺少单位名称');
  });
});

describe('groups', () => {
  it('defines the four groups by category', () => {
    const byName = Object.fromEntries(UNIT_GROUPS.map((g) => [g.name, [...g.categories].sort()]));
    expect(byName).toEqual({
      县各单位: ['coordination', 'direct', 'gov_dept', 'party_dept', 'soe', 'vertical'],
      县各部门: ['gov_dept', 'party_dept', 'vertical'],
      '各镇、街道办事处、各园区': ['park', 'street', 'town'],
      各单位: [
        'coordination',
        'direct',
        'gov_dept',
        'other',
        'park',
        'party_dept',
        'soe',
        'street',
        'town',
        'vertical',
      ],
    });
  });

  it('knows vague phrases', () => {
    expect(isVaguePhrase('相关单位')).toBe(true);
    expect(isVaguePhrase('有关部门')).toBe(true);
    expect(isVaguePhrase('财政局')).toBe(false);
  });
});
