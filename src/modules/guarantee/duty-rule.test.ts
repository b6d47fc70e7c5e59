import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { chooseByHand, dutyRuleColumns, readDutyRule, reworded } from './duty-rule.js';
import { parseRequirement } from './requirement.js';

const reading = (text: string) => parseRequirement(text).rule;

describe('duty rule', () => {
  it('round-trips through the stored JSON and the columns beside it', () => {
    const rule = { ...chooseByHand(reading('每周至少两篇'), { channel: 'paper' }), check: { minCount: 3 } };
    const cols = dutyRuleColumns(rule);
    expect(cols).toMatchObject({ cadence: 'weekly_min', min_per_week: 2, channel: 'paper' });
    expect(JSON.parse(cols.rule).version).toBe(1);
    expect(readDutyRule(cols)).toEqual(rule);
  });

  it('upgrades a rule without version from the columns', () => {
    const rule = readDutyRule({
      rule: '{"cadence":"dynamic"}',
      cadence: 'dynamic',
      min_per_week: null,
      channel: 'email',
    });
    expect(rule).toEqual({
      cadence: 'dynamic',
      minPerWeek: null,
      perUnit: false,
      workdaysOnly: false,
      channel: 'email',
      emailTo: null,
      basis: null,
      warnings: [],
    });
  });

  it('refuses a stored rule it cannot read instead of guessing', () => {
    expect(() =>
      readDutyRule({ rule: '{"version":1,"cadence":"hourly"}', cadence: 'dynamic', min_per_week: null, channel: 'x' }),
    ).toThrow(/duties.rule/);
  });

  it('a choice by hand wins and is remembered; a weekly rule needs its count', () => {
    const rule = chooseByHand(reading('动态维护'), { cadence: 'weekly_min', minPerWeek: 2 });
    expect(rule).toMatchObject({ cadence: 'weekly_min', minPerWeek: 2, perUnit: true, manual: { minPerWeek: 2 } });
    expect(() => chooseByHand(reading('动态维护'), { cadence: 'weekly_min' })).toThrow(AppError);
    expect(() => chooseByHand(reading('动态维护'), { minPerWeek: 2 })).toThrow(AppError);
  });

  it('new wording replaces the reading and keeps what was set by hand', () => {
    const before = { ...chooseByHand(reading('动态维护'), { channel: 'email' }), check: { window: null } };
    expect(reworded(before, reading('每周至少一篇'))).toMatchObject({
      cadence: 'weekly_min',
      minPerWeek: 1,
      channel: 'email',
      manual: { channel: 'email' },
      check: { window: null },
    });
    const plain = reading('动态维护');
    expect(reworded(plain, reading('外链'))).toEqual(reading('外链'));
  });
});
