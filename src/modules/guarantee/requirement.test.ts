import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CADENCE_LABELS,
  CHANNEL_LABELS,
  CADENCES,
  CHANNELS,
  cadenceLabel,
  parseChineseNumber,
  parseRequirement,
} from './requirement.js';

const seedList = fs.readFileSync(path.join(import.meta.dirname, '../../../seed/guarantee-list.csv'), 'utf8');

describe('parseChineseNumber', () => {
  it.each([
    ['一', 1],
    ['两', 2],
    ['二', 2],
    ['三', 3],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十三', 23],
    ['5', 5],
    ['１２', 12],
  ])('%s → %i', (text, n) => expect(parseChineseNumber(text)).toBe(n));

  it.each(['', '三三', '百', '一百', 'abc'])('%j is not a number', (text) =>
    expect(parseChineseNumber(text)).toBeNull(),
  );
});

describe('parseRequirement on the wording of the seed list', () => {
  it('reads every 相关要求 of the seed list without a warning', () => {
    const texts = new Set(
      seedList
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',').at(-1)!.trim()),
    );
    expect([...texts].sort()).toEqual([
      '动态维护',
      '动态维护，报送网站中心',
      '外链',
      '工作日报送至邮箱，每周至少一篇',
      '工作日每天维护',
      '按要求维护',
    ]);
    for (const t of texts) expect(parseRequirement(t).rule.warnings, t).toEqual([]);
  });

  it('工作日每天维护: every working day, in the back office', () => {
    expect(parseRequirement('工作日每天维护')).toEqual({
      text: '工作日每天维护',
      rule: {
        cadence: 'workday_daily',
        minPerWeek: null,
        perUnit: false,
        workdaysOnly: true,
        channel: 'backoffice',
        emailTo: null,
        basis: null,
        warnings: [],
      },
    });
  });

  it('工作日报送至邮箱，每周至少一篇: one a week for each unit, by e-mail', () => {
    const { rule } = parseRequirement('工作日报送至邮箱，每周至少一篇');
    expect(rule).toMatchObject({
      cadence: 'weekly_min',
      minPerWeek: 1,
      perUnit: true,
      workdaysOnly: true,
      channel: 'email',
    });
  });

  it('动态维护，报送网站中心: dynamic, on paper to the website centre', () => {
    expect(parseRequirement('动态维护，报送网站中心').rule).toMatchObject({
      cadence: 'dynamic',
      channel: 'paper',
      minPerWeek: null,
    });
  });

  it('外链 is an external link column', () => {
    expect(parseRequirement('外链').rule).toMatchObject({ cadence: 'external_link', channel: 'link' });
  });

  it('按要求维护 and 动态维护', () => {
    expect(parseRequirement('按要求维护').rule).toMatchObject({
      cadence: 'as_required',
      channel: 'backoffice',
      warnings: [],
    });
    expect(parseRequirement('动态维护').rule).toMatchObject({
      cadence: 'dynamic',
      channel: 'backoffice',
      warnings: [],
    });
  });
});

describe('parseRequirement on variants', () => {
  it.each([
    ['每周至少两篇', 2],
    ['每周至少二篇', 2],
    ['每周不少于3条', 3],
    ['每周至少十篇', 10],
    ['每周 至少 一 篇', 1],
    ['每周五篇', 5],
    ['每星期至少１篇', 1],
  ])('%s → %i a week', (text, n) => {
    expect(parseRequirement(text).rule).toMatchObject({ cadence: 'weekly_min', minPerWeek: n, perUnit: true });
  });

  it('"每周一更新" names a weekday, not a count', () => {
    expect(parseRequirement('每周一更新').rule.cadence).not.toBe('weekly_min');
  });

  it('keeps an e-mail address the requirement names', () => {
    expect(parseRequirement('工作日报送至邮箱lswzzx@126.com，每周至少一篇').rule).toMatchObject({
      channel: 'email',
      emailTo: 'lswzzx@126.com',
    });
  });

  it('a column built by several units is co-built unless the wording names another way', () => {
    expect(parseRequirement('动态维护', { cobuilt: true }).rule.channel).toBe('cobuilt');
    expect(parseRequirement('外链', { cobuilt: true }).rule.channel).toBe('link');
    expect(parseRequirement('动态维护，政府办牵头，相关单位配合').rule.channel).toBe('cobuilt');
  });

  it('公告公示 and 民意征集 go on paper, as the notice says, even when the row only says 动态维护', () => {
    const r = parseRequirement('动态维护', { columnName: '民意征集' }).rule;
    expect(r).toMatchObject({ cadence: 'dynamic', channel: 'paper' });
    expect(r.basis).toContain('民意征集');
    expect(parseRequirement('动态维护', { columnName: '涟水新闻' }).rule.channel).toBe('backoffice');
  });

  it('unknown or empty text falls back to 按要求维护 with a warning, never a crash', () => {
    const unknown = parseRequirement('请各单位高度重视');
    expect(unknown.rule.cadence).toBe('as_required');
    expect(unknown.rule.warnings[0]).toContain('无法识别');
    expect(unknown.text).toBe('请各单位高度重视');
    expect(parseRequirement('').rule.warnings[0]).toContain('为空');
    expect(parseRequirement('每月至少一篇').rule.warnings[0]).toContain('每月至少一');
    expect(parseRequirement('每周至少若干篇').rule.cadence).toBe('as_required');
  });

  it('keeps the original wording with whitespace tidied', () => {
    expect(parseRequirement('  工作日每天\n维护 ').text).toBe('工作日每天 维护');
    expect(parseRequirement('  工作日每天\n维护 ').rule.cadence).toBe('workday_daily');
  });
});

describe('labels', () => {
  it('has a Chinese label for every cadence and channel', () => {
    for (const c of CADENCES) expect(CADENCE_LABELS[c]).toMatch(/[\u4e00-\u9fff]/);
    for (const c of CHANNELS) expect(CHANNEL_LABELS[c]).toMatch(/[\u4e00-\u9fff]/);
    expect(cadenceLabel('weekly_min', 2)).toBe('每周至少2篇');
    expect(cadenceLabel('dynamic', null)).toBe('动态维护');
  });
});
