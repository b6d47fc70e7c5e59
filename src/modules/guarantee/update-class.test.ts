import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './rules/params.js';
import { readListFile } from './list-file.js';
import { planList } from './list-plan.js';
import { proposeUpdateClass } from './update-class.js';

// Issue 8 item 4: every column gets the national update class its name and place say, and what
// cannot be told is listed for the office instead of silently checked only for being blank.

describe('the class a column’s name and place propose', () => {
  it.each([
    // names from the top, expected class
    [['新闻中心', '部门动态'], 'news'],
    [['新闻中心', '热点头条'], 'news'],
    [['政务公开', '执行公开', '工作进展'], 'news'],
    [['政务公开', '政府文件'], 'notice'],
    [['政务公开', '决策公开', '规章、规范性文件'], 'notice'],
    [['新闻中心', '公告公示'], 'notice'],
    [['政务公开', '结果公开', '双公示'], 'notice'],
    [['政务公开', '人事任免'], 'personnel'],
    [['政务公开', '决策公开', '规划计划'], 'personnel'],
    [['政务公开', '财政信息'], 'annual'],
    [['政务公开', '管理公开', '财政预决算'], 'annual'],
    [['政务公开', '财政预决算领域'], 'annual'],
    [['政务公开', '政府信息公开年报'], 'annual'],
    [['政务公开', '结果公开', '政府工作报告'], 'annual'],
    [['政务公开', '结果公开', '人大代表建议公开'], 'annual'],
    [['政务公开', '结果公开', '政协委员提案公开'], 'annual'],
    [['政务公开', '机构职能'], 'basic'],
    [['政务公开', '领导之窗', '县委'], 'basic'],
    [['政务公开', '管理公开', '政府领导'], 'basic'],
    [['走进涟水', '人文历史'], 'basic'],
    [['走进涟水', '名优特产'], 'basic'],
    [['政务公开', '政府信息公开指南'], 'basic'],
    [['政务公开', '政府信息公开制度'], 'basic'],
    [['政务公开', '依申请公开'], 'basic'],
    [['政务公开', '服务公开', '服务清单及指南'], 'service'],
    [['政民互动', '在线咨询'], 'interaction'],
  ])('%j → %s', (names, expected) => {
    expect(proposeUpdateClass(names, 'list')).toBe(expected);
  });

  it('leaves a column its name does not place in a national class unclassified', () => {
    for (const names of [
      ['政务公开', '食品药品'],
      ['政务公开', '统计数据'],
      ['政务公开', '公共资源配置领域', '住房保障'],
      ['政务公开', '执行公开', '督查审计'],
    ])
      expect(proposeUpdateClass(names, 'list')).toBeNull();
  });

  it('gives a year to 财政预决算 and 年报, as the national rules do for 人事 and 规划计划', () => {
    expect(DEFAULT_SETTINGS.windows.annual).toEqual({ months: 12, warnDays: 30 });
    expect(DEFAULT_SETTINGS.windows.personnel).toEqual({ months: 12, warnDays: 30 });
  });
});

describe('the shipped list', () => {
  it('classifies every duty column it can and names the rest, row by row', async () => {
    const file = await readListFile(
      fs.readFileSync(path.join(import.meta.dirname, '../../../seed/guarantee-list.csv')),
    );
    const plan = planList(file.rows);
    const col = (k: string) => plan.columns.find((c) => c.key === k)!;
    expect(col('政务公开/财政信息').updateClass).toBe('annual');
    expect(col('首页栏目/财政信息').updateClass).toBe('annual'); // the mirror follows its source
    expect(col('政务公开/政府文件').updateClass).toBe('notice');
    expect(plan.unclassified.map((u) => u.path)).toEqual([
      '政务公开/重点工作',
      '政务公开/教育科技',
      '政务公开/统计数据',
      '政务公开/社会保障',
      '政务公开/食品药品',
      '政务公开/环境保护',
      '政务公开/决策公开/政府会议',
      '政务公开/决策公开/民意征集',
      '政务公开/执行公开/重大项目',
      '政务公开/执行公开/重点工作',
      '政务公开/执行公开/督查审计',
      '政务公开/管理公开/执法监管信息',
      '政务公开/管理公开/社会信用',
      '政务公开/结果公开/统计信息',
      '政务公开/公共资源配置领域/住房保障',
      '政务公开/公共资源配置领域/自然资源',
      '政务公开/公共资源配置领域/政府采购',
      '政务公开/公共资源配置领域/国有产权交易领域',
      '政务公开/公共资源配置领域/工程建设项目招标投标领域',
      '政务公开/社会公益事业建设领域/脱贫攻坚领域',
      '政务公开/社会公益事业建设领域/民生公益',
      '政务公开/社会公益事业建设领域/教育科技',
      '政务公开/社会公益事业建设领域/基本医疗卫生',
      '政务公开/社会公益事业建设领域/环境保护领域',
      '政务公开/社会公益事业建设领域/灾害事故救援',
      '政务公开/社会公益事业建设领域/公共文化体育领域',
      '政务公开/重大建设项目批准和实施领域/批准服务信息',
      '政务公开/重大建设项目批准和实施领域/批准结果信息',
      '政务公开/重大建设项目批准和实施领域/招标投标信息',
      '政务公开/重大建设项目批准和实施领域/征收土地信息',
      '政务公开/重大建设项目批准和实施领域/重大设计变更信息',
      '政务公开/重大建设项目批准和实施领域/施工竣工信息',
      '政务公开/重大建设项目批准和实施领域/质量安全监督信息',
      '政务公开/重大建设项目批准和实施领域/行政处罚信息',
    ]);
    expect(plan.unclassified[0]).toMatchObject({ row: 49, path: '政务公开/重点工作' });
    // Every duty of the list has a class or is among those named.
    const named = new Set(plan.unclassified.map((u) => u.path));
    for (const d of plan.duties) expect(col(d.columnKey).updateClass !== null || named.has(d.columnKey)).toBe(true);
  });
});
