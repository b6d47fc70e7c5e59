import { z } from 'zod';
import { invalid } from '../../platform/errors.js';
import { CADENCES, CHANNELS, type Cadence, type Channel, type Rule } from './requirement.js';
import type { CheckOverrides } from './rules/params.js';

// The stored rule of a duty (`duties.rule`, JSON) read and written here and nowhere else. It holds
// three things of different origin, and keeping them apart is what lets a list be imported again:
//   - the reading of the 相关要求 wording (requirement.ts): replaced whenever the wording changes;
//   - `manual`: the cadence, weekly count and channel a person chose in the duty editor;
//   - `check`: the check parameters a person set (the duty's 考核参数, rules/params.ts).
// The last two are set by hand and survive new wording. The columns cadence / min_per_week / channel
// repeat the rule for queries and are written from it, never on their own.

export const DUTY_RULE_VERSION = 1;

/** What a person chose by hand instead of what the wording says. */
export interface ManualChoice {
  cadence?: Cadence;
  minPerWeek?: number | null;
  channel?: Channel;
}

/** A duty's rule as the code uses it: the reading of the wording with the choices made by hand. */
export interface DutyRule extends Rule {
  manual?: ManualChoice;
  check?: CheckOverrides;
}

const StoredWindow = z.object({
  days: z.number().int().positive().optional(),
  months: z.number().int().positive().optional(),
  warnDays: z.number().int().min(0),
});

const StoredCheck = z.object({
  minCount: z.number().int().positive().optional(),
  perUnit: z.boolean().optional(),
  countStates: z.enum(['all', 'adopted']).optional(),
  workdaysOnly: z.boolean().optional(),
  window: StoredWindow.nullable().optional(),
  failuresToBreach: z.number().int().positive().optional(),
});

const StoredManual = z.object({
  cadence: z.enum(CADENCES).optional(),
  minPerWeek: z.number().int().positive().nullable().optional(),
  channel: z.enum(CHANNELS).optional(),
});

/** The JSON in `duties.rule`, version 1. */
export const StoredDutyRule = z.object({
  version: z.literal(DUTY_RULE_VERSION),
  cadence: z.enum(CADENCES),
  minPerWeek: z.number().int().positive().nullable(),
  perUnit: z.boolean(),
  workdaysOnly: z.boolean(),
  channel: z.enum(CHANNELS),
  emailTo: z.string().nullable(),
  basis: z.string().nullable(),
  warnings: z.array(z.string()),
  manual: StoredManual.optional(),
  check: StoredCheck.optional(),
});

/** The row's columns a rule is read from. */
export interface DutyRuleRow {
  rule: string;
  cadence: string;
  min_per_week: number | null;
  channel: string;
}

/**
 * Rows written before the version field (up to 0.x) hold whatever the writer of the day put there:
 * the reading without the fields added later, perhaps `check`. The columns beside it fill the gaps.
 */
function upgrade(json: Record<string, unknown>, row: DutyRuleRow): Record<string, unknown> {
  if (json.version !== undefined) return json;
  return {
    cadence: row.cadence,
    minPerWeek: row.min_per_week,
    perUnit: row.cadence === 'weekly_min',
    workdaysOnly: row.cadence === 'workday_daily',
    channel: row.channel,
    emailTo: null,
    basis: null,
    warnings: [],
    ...json,
    version: DUTY_RULE_VERSION,
  };
}

/** The one reader of `duties.rule`. */
export function readDutyRule(row: DutyRuleRow): DutyRule {
  const parsed = StoredDutyRule.safeParse(upgrade(JSON.parse(row.rule) as Record<string, unknown>, row));
  if (!parsed.success) throw new Error(`duties.rule cannot be read: ${parsed.error.message}`);
  const { version: _version, ...rule } = parsed.data;
  return rule;
}

/** The one writer: the JSON and the columns that repeat it, from one rule. */
export function dutyRuleColumns(rule: DutyRule) {
  const stored: z.infer<typeof StoredDutyRule> = { version: DUTY_RULE_VERSION, ...rule };
  return {
    cadence: rule.cadence,
    min_per_week: rule.minPerWeek,
    channel: rule.channel,
    rule: JSON.stringify(stored),
  };
}

/** The check parameters of a rule (none set: every one takes its default). */
export const checkOf = (rule: DutyRule): CheckOverrides => rule.check ?? {};

/** The rule with its check parameters replaced. */
export function withCheck(rule: DutyRule, check: CheckOverrides): DutyRule {
  return { ...rule, check };
}

/** The choice applied to a reading; a weekly count belongs to a weekly cadence only. Never throws. */
function apply(base: Rule, m: ManualChoice): Rule {
  const cadence = m.cadence ?? base.cadence;
  const minPerWeek =
    cadence !== 'weekly_min'
      ? null
      : m.minPerWeek !== undefined
        ? m.minPerWeek
        : base.cadence === cadence
          ? base.minPerWeek
          : null;
  const chosen = m.cadence !== undefined || m.minPerWeek !== undefined || m.channel !== undefined;
  return {
    ...base,
    cadence,
    minPerWeek,
    perUnit: cadence === 'weekly_min',
    channel: m.channel ?? base.channel,
    // Someone chose the rule by hand: what the parser could not read no longer matters.
    warnings: chosen ? [] : base.warnings,
  };
}

/** The rule without what was set by hand (its values as they stand): the base of an edit. */
export function readingOf(rule: DutyRule): Rule {
  const { manual: _manual, check: _check, ...reading } = rule;
  return reading;
}

/**
 * A person's choice in the duty editor over a reading. `keep` is what was chosen by hand before and
 * still holds (nothing when the person just confirmed new wording). A weekly rule needs its count.
 */
export function chooseByHand(
  reading: Rule,
  choice: ManualChoice,
  before: { manual?: ManualChoice; check?: CheckOverrides } = {},
): DutyRule {
  const given: ManualChoice = {
    ...(choice.cadence !== undefined && { cadence: choice.cadence }),
    ...(choice.minPerWeek !== undefined && { minPerWeek: choice.minPerWeek }),
    ...(choice.channel !== undefined && { channel: choice.channel }),
  };
  const manual: ManualChoice = { ...before.manual, ...given };
  const rule = apply(reading, manual);
  if (rule.cadence === 'weekly_min' && !rule.minPerWeek) throw invalid('minPerWeek', '“每周至少若干篇”须填写每周篇数');
  if (rule.cadence !== 'weekly_min' && given.minPerWeek)
    throw invalid('minPerWeek', '只有“每周至少若干篇”需要填写每周篇数');
  // The count goes with the cadence: recorded together so that new wording cannot split them.
  if (manual.cadence !== undefined || manual.minPerWeek !== undefined) {
    manual.cadence = rule.cadence;
    manual.minPerWeek = rule.minPerWeek;
  }
  return {
    ...rule,
    ...(Object.keys(manual).length ? { manual } : {}),
    ...(before.check !== undefined ? { check: before.check } : {}),
  };
}

/**
 * New wording for a duty (the list imported again, a unit's 信息公开 tree reworded): the wording's
 * reading replaces the old one, and what a person set by hand — the editor's choices and the check
 * parameters — stays.
 */
export function reworded(stored: DutyRule, reading: Rule): DutyRule {
  const rule = apply(reading, stored.manual ?? {});
  // A hand-chosen weekly cadence always carries its count; a reading without one keeps the old count.
  if (rule.cadence === 'weekly_min' && !rule.minPerWeek) rule.minPerWeek = stored.minPerWeek ?? 1;
  return {
    ...rule,
    ...(stored.manual ? { manual: stored.manual } : {}),
    ...(stored.check !== undefined ? { check: stored.check } : {}),
  };
}
