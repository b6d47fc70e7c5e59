import { DISCLOSURE_REQUIRED } from '../../../contract/articles.js';
import type { DetectorHit } from './types.js';

/*
 * Metadata of a 政府信息公开 item. The 目录 shows 索引号, 发布机构, 成文日期, 主题分类, 文号 ... beside every
 * disclosed document, and inspections count items whose fields are empty. Which fields are required
 * is configuration; the default asks every disclosure item for 发布机构, 成文日期 and 主题分类, and a
 * 公文 (article type "document") also for its 文号. 索引号 is not checked: the content module assigns it.
 *
 * 文号 follows GB/T 9704-2012 7.2.4: 机关代字 + 年份 in 六角括号 〔〕 + 序号 + 号, the year in full, the
 * number without 第 and without leading zeros (涟政办发〔2018〕103号). Typing [] () （） instead of
 * 〔〕 is the most common slip; format problems are advice (a warning), a missing 文号 blocks.
 */

export const DISCLOSURE_FIELDS = [
  'docNo',
  'writtenOn',
  'issuer',
  'topicCategory',
  'genre',
  'keywords',
  'validity',
] as const;
export type DisclosureField = (typeof DISCLOSURE_FIELDS)[number];

export const DISCLOSURE_FIELD_LABELS: Record<DisclosureField, string> = {
  docNo: '文号',
  writtenOn: '成文日期',
  issuer: '发布机构',
  topicCategory: '主题分类',
  genre: '体裁分类',
  keywords: '主题词',
  validity: '有效性',
};

export type DisclosureMeta = Partial<Record<DisclosureField, string | null>>;

export interface DisclosureRequirements {
  /** Required of every disclosure item. */
  always: DisclosureField[];
  /** Required in addition for an article type (the content module's type code, e.g. "document" = 公文). */
  byType: Record<string, DisclosureField[]>;
}

/** The contract's table (the admin editor marks the same fields required). */
export const DEFAULT_DISCLOSURE_REQUIREMENTS: DisclosureRequirements = {
  always: [...DISCLOSURE_REQUIRED.always],
  byType: Object.fromEntries(Object.entries(DISCLOSURE_REQUIRED.byType).map(([k, v]) => [k, [...v]])),
};

export interface DisclosureHit {
  field: DisclosureField;
  /** The field's value: the text the hit's offsets refer to ('' when missing). */
  value: string;
  hit: DetectorHit;
}

const DOC_NO =
  /^(?<agency>.*?)(?<open>[〔[［(（【﹝<〈])\s*(?<year>\d{2,4})\s*(?<close>[〕\]］)）】﹞>〉])\s*(?<di>第?)\s*(?<seq>\d+)\s*号$/u;

export interface DocNoProblem {
  rule: string;
  message: string;
  suggestion?: string;
}

/** Problems with the form of a 文号; an empty list means it is well formed. */
export function docNoProblems(docNo: string): DocNoProblem[] {
  const value = docNo.trim();
  const example = '如 涟政办发〔2018〕103号';
  const m = DOC_NO.exec(value);
  const g = m?.groups;
  if (!g || !g.agency!.trim() || /^\d+$/.test(g.agency!.trim())) {
    return [
      {
        rule: 'doc-no-format',
        message: `文号“${value}”格式不规范，应为“机关代字〔年份〕序号号”`,
        suggestion: `请按“机关代字〔年份〕序号号”填写，${example}`,
      },
    ];
  }
  const problems: DocNoProblem[] = [];
  const fullYear = g.year!.length === 4;
  const fixed = fullYear ? `${g.agency!.trim()}〔${g.year}〕${Number(g.seq)}号` : undefined;
  const suggestion = fixed ? `改为“${fixed}”` : `请按“机关代字〔年份〕序号号”填写，${example}`;
  if (g.open !== '〔' || g.close !== '〕') {
    problems.push({
      rule: 'doc-no-brackets',
      message: `文号“${value}”的年份应使用六角括号“〔〕”，不用“${g.open}${g.close}”`,
      suggestion,
    });
  }
  if (!fullYear)
    problems.push({ rule: 'doc-no-year', message: `文号“${value}”的年份应标全称（四位数字）`, suggestion });
  if (g.di) problems.push({ rule: 'doc-no-di', message: `文号“${value}”的序号前不加“第”字`, suggestion });
  if (/^0\d/.test(g.seq!))
    problems.push({ rule: 'doc-no-leading-zero', message: `文号“${value}”的序号不编虚位（1 不编为 01）`, suggestion });
  return problems;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (d: string) => ISO_DAY.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

export function detectDisclosure(
  meta: DisclosureMeta,
  opts: { type: string; publishDay: string; requirements?: DisclosureRequirements },
): DisclosureHit[] {
  const req = opts.requirements ?? DEFAULT_DISCLOSURE_REQUIREMENTS;
  const required = new Set<DisclosureField>([...req.always, ...(req.byType[opts.type] ?? [])]);
  const out: DisclosureHit[] = [];
  const value = (f: DisclosureField) => (meta[f] ?? '').trim();

  for (const field of DISCLOSURE_FIELDS) {
    if (!required.has(field) || value(field)) continue;
    const label = DISCLOSURE_FIELD_LABELS[field];
    out.push({
      field,
      value: '',
      hit: {
        check: 'disclosure-metadata',
        rule: 'missing',
        start: 0,
        end: 0,
        excerpt: '',
        message: `政府信息公开内容缺少“${label}”`,
        suggestion: `请填写${label}`,
      },
    });
  }

  const written = value('writtenOn');
  if (written) {
    const whole = { start: 0, end: written.length, excerpt: written };
    if (!validDay(written)) {
      out.push({
        field: 'writtenOn',
        value: written,
        hit: {
          check: 'disclosure-metadata',
          rule: 'invalid-date',
          ...whole,
          message: `成文日期“${written}”不是有效日期`,
          suggestion: '请按 YYYY-MM-DD 填写，如 2026-03-15',
        },
      });
    } else if (written > opts.publishDay) {
      out.push({
        field: 'writtenOn',
        value: written,
        hit: {
          check: 'disclosure-metadata',
          rule: 'written-after-publish',
          ...whole,
          message: `成文日期 ${written} 晚于发布日期 ${opts.publishDay}`,
          suggestion: '请核对成文日期（以签发日期为准），或推迟发布',
        },
      });
    }
  }

  const docNo = value('docNo');
  if (docNo) {
    for (const p of docNoProblems(docNo)) {
      out.push({
        field: 'docNo',
        value: docNo,
        hit: {
          check: 'disclosure-metadata',
          rule: p.rule,
          start: 0,
          end: docNo.length,
          excerpt: docNo,
          message: p.message,
          suggestion: p.suggestion,
          advisory: true,
        },
      });
    }
  }
  return out;
}
