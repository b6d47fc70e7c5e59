// The 相关要求 cell of a guarantee list, turned into a rule the checks can use. The original wording is
// always kept beside the rule: the list is a government document and people quote it.

import { Cadence, Channel } from '../../contract/guarantee.js';

export const CADENCES = Cadence.values;
export type { Cadence, Channel };
export const CADENCE_LABELS = Cadence.labels;
export const CHANNELS = Channel.values;
export const CHANNEL_LABELS = Channel.labels;

export interface Rule {
  cadence: Cadence;
  /** Items a week each responsible unit owes (weekly_min only). */
  minPerWeek: number | null;
  /** Counted for each responsible unit, not for the column as a whole. */
  perUnit: boolean;
  /** Only working days count (工作日). */
  workdaysOnly: boolean;
  channel: Channel;
  /** Address named in the requirement, when it names one. */
  emailTo: string | null;
  /** Why the channel was chosen when the wording alone does not say. */
  basis: string | null;
  /** What could not be understood; the rule then falls back to 按要求维护. */
  warnings: string[];
}

export interface ParsedRequirement {
  text: string;
  rule: Rule;
}

export interface RequirementContext {
  /** The column's name: the notice assigns some columns to paper submission by name. */
  columnName?: string;
  /** Several units build the column together (a lead plus cooperating units). */
  cobuilt?: boolean;
}

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 → 1, 两 → 2, 十二 → 12, 二十 → 20, 3 → 3. Null when the text is not a number below 100. */
export function parseChineseNumber(raw: string): number | null {
  const s = raw.normalize('NFKC').trim();
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return null;
  const [, head, ten, tail] = m;
  if (!ten) return tail ? null : DIGITS[head!]!;
  return (head ? DIGITS[head]! : 1) * 10 + (tail ? DIGITS[tail]! : 0);
}

const NUMBER = '(\\d+|[零〇一二两三四五六七八九十]+)';
// "每周一更新" means every Monday, not one a week: a count needs 至少 before it or 篇/条 after it.
const WEEKLY = new RegExp(`(?:每周|每星期|每个?礼拜)(至少|不少于|最少)?${NUMBER}(篇|条|次|期|则)?`);
const PERIODIC_OTHER = new RegExp(`(?:每月|每季度?|每年|每半年)(?:至少|不少于)?${NUMBER}`);
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

// 介质报送 (三（一）): "主要有“公告公示”、“民意征集”等栏目" — the wording of the list row itself often only says
// 动态维护, so the column name decides.
const PAPER_COLUMNS = ['公告公示', '民意征集'];

/** Parse a 相关要求 cell. Never throws: text it cannot read becomes 按要求维护 with a warning. */
export function parseRequirement(raw: string, context: RequirementContext = {}): ParsedRequirement {
  const text = raw.replace(/\s+/g, ' ').trim();
  const s = text.normalize('NFKC').replace(/\s+/g, '');
  const warnings: string[] = [];
  let cadence: Cadence | null = null;
  let minPerWeek: number | null = null;

  if (/外链|外部链接|链接至|链接到/.test(s)) cadence = 'external_link';
  if (!cadence) {
    const weekly = WEEKLY.exec(s);
    if (weekly && (weekly[1] || weekly[3])) {
      const n = parseChineseNumber(weekly[2]!);
      if (n !== null && n > 0) {
        cadence = 'weekly_min';
        minPerWeek = n;
      } else {
        warnings.push(`“${weekly[0]}”中的篇数无法识别`);
      }
    }
  }
  if (
    !cadence &&
    /(?:工作日|每个工作日)(?:每天|每日|均|都)?(?:更新|维护|发布)|每天(?:更新|维护)|每日(?:更新|维护)|日更新/.test(s)
  )
    cadence = 'workday_daily';
  if (!cadence && /动态(?:维护|更新)|及时(?:维护|更新|发布)|随时(?:维护|更新)|实时(?:维护|更新)/.test(s))
    cadence = 'dynamic';
  if (!cadence && /按要求|按需|根据(?:工作)?需要|按规定/.test(s)) cadence = 'as_required';
  if (!cadence) {
    const periodic = PERIODIC_OTHER.exec(s);
    warnings.push(
      s === ''
        ? '相关要求为空，已按“按要求维护”处理'
        : periodic
          ? `“${periodic[0]}”的频次暂不支持，已按“按要求维护”处理，请人工核对`
          : `无法识别的相关要求“${text}”，已按“按要求维护”处理，请人工核对`,
    );
    cadence = 'as_required';
  }

  const emailTo = EMAIL.exec(s)?.[0] ?? null;
  let channel: Channel = 'backoffice';
  let basis: string | null = null;
  if (cadence === 'external_link') channel = 'link';
  else if (/邮箱|电子邮件|邮件|e-?mail/i.test(s) || emailTo) channel = 'email';
  else if (/报送(?:至|到)?(?:县?政府门户)?网站中心|纸质|介质|书面|盖章/.test(s)) channel = 'paper';
  else if (context.columnName && PAPER_COLUMNS.includes(context.columnName)) {
    channel = 'paper';
    basis = `通知规定“${context.columnName}”栏目采用介质报送`;
  } else if (context.cobuilt || /共建|配合/.test(s)) channel = 'cobuilt';

  return {
    text,
    rule: {
      cadence,
      minPerWeek,
      perUnit: cadence === 'weekly_min',
      workdaysOnly: cadence === 'workday_daily' || /工作日/.test(s),
      channel,
      emailTo,
      basis,
      warnings,
    },
  };
}

/** "每周至少1篇" for a weekly rule, the plain label otherwise. */
export function cadenceLabel(cadence: Cadence, minPerWeek: number | null): string {
  return cadence === 'weekly_min' && minPerWeek ? `每周至少${minPerWeek}篇` : CADENCE_LABELS[cadence];
}
