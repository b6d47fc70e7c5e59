import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readListFile } from './list-file.js';
import { GAP_NO_UNIT, KNOWN_LINKS, planList, updateClassFor } from './list-plan.js';

const seed = async () =>
  planList(
    (await readListFile(fs.readFileSync(path.join(import.meta.dirname, '../../../seed/guarantee-list.csv')))).rows,
  );

describe('the plan of the seed list', () => {
  it('builds the tree with its parents, in file order', async () => {
    const plan = await seed();
    const keys = plan.columns.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => !k.includes('/'))).toEqual([
      '新闻中心',
      '公共服务',
      '首页栏目',
      '政民互动',
      '走进涟水',
      '政务公开',
    ]);
    expect(keys.indexOf('政务公开/决策公开')).toBeLessThan(keys.indexOf('政务公开/决策公开/政府文件'));
    const col = (k: string) => plan.columns.find((c) => c.key === k)!;
    expect(col('政务公开/政府文件').parentKey).toBe('政务公开');
    expect(col('政务公开/决策公开/政府文件').parentKey).toBe('政务公开/决策公开');
    expect(col('政务公开/决策公开').row).toBeNull();
    expect(col('新闻中心/涟水新闻').position).toBe(1);
  });

  it('gives each part of the tree its kind and update class', async () => {
    const plan = await seed();
    const col = (k: string) => plan.columns.find((c) => c.key === k)!;
    expect(col('政务公开')).toMatchObject({ kind: 'catalogue' });
    expect(col('政务公开/决策公开/政府文件')).toMatchObject({ kind: 'list', updateClass: 'notice' });
    expect(col('政民互动')).toMatchObject({ kind: 'list' });
    expect(col('政民互动/领导信箱/县长信箱')).toMatchObject({ kind: 'interaction', updateClass: 'interaction' });
    expect(col('首页栏目/专题')).toMatchObject({ kind: 'topic', updateClass: 'topic' });
    expect(col('首页栏目/专题/涟水县政府采购计划申报专栏')).toMatchObject({ kind: 'topic', updateClass: 'topic' });
    expect(col('首页栏目')).toMatchObject({ kind: 'list', inNav: false });
    expect(col('政务公开/申请获取政府信息10项指引')).toMatchObject({
      kind: 'link',
      linkUrl: '/ysqgk/guide/',
      updateClass: 'link',
    });
    expect(col('政务公开/中华人民共和国政府信息公开条例')).toMatchObject({
      kind: 'link',
      linkUrl: KNOWN_LINKS.中华人民共和国政府信息公开条例,
    });
    expect(col('新闻中心/热点头条').updateClass).toBe('news');
    expect(col('新闻中心/政声传递').updateClass).toBe('news');
    expect(col('新闻中心/公告公示').updateClass).toBe('notice');
    expect(col('政务公开/管理公开/人事任免').updateClass).toBe('personnel');
    expect(col('走进涟水/历史沿革').updateClass).toBe('basic');
    expect(col('公共服务').updateClass).toBe('service');
    expect(col('政务公开/服务公开/服务清单及指南').updateClass).toBe('service');
  });

  it('turns the 首页栏目 rows listed again under 政务公开 into mirrors holding no duty of their own', async () => {
    const plan = await seed();
    expect(plan.mirrors.map((m) => [m.path, m.sourcePath])).toEqual([
      ['首页栏目/财政信息', '政务公开/财政信息'],
      ['首页栏目/食品药品', '政务公开/食品药品'],
      ['首页栏目/环境保护', '政务公开/环境保护'],
      ['首页栏目/中华人民共和国政府信息公开条例', '政务公开/中华人民共和国政府信息公开条例'],
    ]);
    const mirror = plan.columns.find((c) => c.key === '首页栏目/中华人民共和国政府信息公开条例')!;
    expect(mirror).toMatchObject({
      mirrorOf: '政务公开/中华人民共和国政府信息公开条例',
      kind: 'link',
      linkUrl: KNOWN_LINKS.中华人民共和国政府信息公开条例,
    });
    expect(plan.duties.map((d) => d.columnKey)).not.toContain('首页栏目/财政信息');
    expect(plan.duties.map((d) => d.columnKey)).toContain('政务公开/财政信息');
    // 108 rows, less the 4 mirrors (104 duties), less the 6 rows the per-unit tree carries (below).
    expect(plan.duties).toHaveLength(98);
    expect(plan.warnings).toEqual([]);
  });

  it('hands the 信息公开 rows every unit keeps for itself to the per-unit tree', async () => {
    const plan = await seed();
    expect(plan.tree).toMatchObject({
      rootKey: '政务公开/部门和乡镇信息公开',
      row: 60,
      groups: ['县各部门', '各镇、街道办事处、各园区'],
      entries: [
        { row: 54, path: '政务公开/政府信息公开目录', sub: '法定主动公开内容' },
        { row: 55, path: '政务公开/政府信息公开指南', sub: '政府信息公开指南' },
        { row: 56, path: '政务公开/政府信息公开制度', sub: '政府信息公开制度' },
        { row: 57, path: '政务公开/政府信息公开年报', sub: '政府信息公开年报' },
        { row: 58, path: '政务公开/依申请公开', sub: '依申请公开' },
      ],
    });
    expect(plan.tree!.subs.map((x) => [x.name, x.updateClass, x.row, x.requirement.text])).toEqual([
      ['政府信息公开指南', 'basic', 55, '动态维护'],
      ['政府信息公开制度', 'basic', 56, '动态维护'],
      ['政府信息公开年报', 'annual', 57, '动态维护'],
      ['法定主动公开内容', 'notice', 54, '动态维护'],
      ['依申请公开', 'basic', 58, '动态维护'],
    ]);
    const keys = plan.columns.map((c) => c.key);
    expect(keys).toContain('政务公开/部门和乡镇信息公开');
    for (const e of plan.tree!.entries) expect(keys).not.toContain(e.path);
    expect(plan.duties.map((d) => d.columnKey)).not.toContain('政务公开/部门和乡镇信息公开');
    // A group row that is not one of them stays a shared column.
    expect(plan.duties.map((d) => d.columnKey)).toContain('新闻中心/公告公示');
  });

  it('builds no tree for a list without the 部门和乡镇信息公开 row, nor for one a named unit keeps', async () => {
    const rows = (
      await readListFile(
        Buffer.from(
          [
            '一级栏目,二级栏目,三级栏目,保障部门,相关要求',
            '政务公开,政府信息公开年报,-,县各部门,动态维护',
            ',部门和乡镇信息公开,-,政府办,动态维护',
          ].join('\n'),
        ),
      )
    ).rows;
    const plan = planList(rows);
    expect(plan.tree).toBeNull();
    expect(plan.duties.map((d) => d.columnKey)).toEqual(['政务公开/政府信息公开年报', '政务公开/部门和乡镇信息公开']);
  });

  it('reports the gaps with their rows', async () => {
    const plan = await seed();
    expect(plan.gaps).toEqual([
      { row: 106, path: '政务公开/重大建设项目批准和实施领域/施工竣工信息', problem: GAP_NO_UNIT },
    ]);
  });

  it('parses duties with the column’s context', async () => {
    const plan = await seed();
    const duty = (k: string) => plan.duties.find((d) => d.columnKey === k)!;
    expect(duty('新闻中心/乡镇动态').requirement.rule).toMatchObject({
      cadence: 'weekly_min',
      minPerWeek: 1,
      channel: 'email',
    });
    expect(duty('政民互动/民意征集').requirement.rule).toMatchObject({ cadence: 'dynamic', channel: 'paper' });
    expect(duty('走进涟水/涟水概况').requirement.rule.channel).toBe('cobuilt');
    expect(duty('新闻中心/公告公示').responsibility.parties.map((p) => p.label)).toEqual([
      '县各部门',
      '各镇、街道办事处、各园区',
    ]);
  });
});

describe('mirrors that disagree', () => {
  it('keep the 政务公开 duty and warn about the 首页栏目 row', () => {
    const plan = planList([
      { row: 2, path: ['首页栏目', '财政信息'], responsibleText: '财政局', requirementText: '工作日每天维护' },
      { row: 3, path: ['政务公开', '财政信息'], responsibleText: '财政局', requirementText: '动态维护' },
    ]);
    expect(plan.mirrors).toHaveLength(1);
    expect(plan.duties.map((d) => [d.columnKey, d.requirement.text])).toEqual([['政务公开/财政信息', '动态维护']]);
    expect(plan.warnings[0]).toMatchObject({ row: 2, path: '首页栏目/财政信息' });
    expect(plan.warnings[0]!.problem).toContain('不一致');
  });

  it('a 首页栏目 entry with its own children is not a mirror', () => {
    const plan = planList([
      { row: 2, path: ['首页栏目', '专题'], responsibleText: '政府办', requirementText: '动态维护' },
      { row: 3, path: ['首页栏目', '专题', '甲'], responsibleText: '财政局', requirementText: '动态维护' },
      { row: 4, path: ['政务公开', '专题'], responsibleText: '政府办', requirementText: '动态维护' },
    ]);
    expect(plan.mirrors).toEqual([]);
  });
});

describe('updateClassFor', () => {
  it('puts place before name', () => {
    expect(updateClassFor(['政民互动', '领导信箱'], 'interaction')).toBe('interaction');
    expect(updateClassFor(['首页栏目', '专题', '政策解读专栏'], 'topic')).toBe('topic');
    expect(updateClassFor(['政务公开', '政策解读'], 'list')).toBe('notice');
    expect(updateClassFor(['政务公开', '重点工作'], 'list')).toBeNull();
  });
});
