import { ANSWER_GROUNDS, type AnnualTable, ApplicantCategory } from '../../contract/foi.js';

// Section 三 of the 政府信息公开工作年度报告 (国办公开办函〔2021〕30号): applications by applicant type,
// new and carried over, the year's results by answer type and ground, and what is carried into the
// next year; section 四 (行政复议, 行政诉讼) comes from counts entered by hand. Pure.
// Two mappings the format leaves to the reporter: 已主动公开 is counted as （一）予以公开 (the
// information was given, by pointing to it), and 不属于本机关负责公开 as （四）1 本机关不掌握相关政府信息.

export const COLUMNS = [...ApplicantCategory.values, 'total'] as const;
const N = ApplicantCategory.values.length;

export interface YearApplication {
  applicant_category: string;
  received_day: string;
  concluded_day: string | null;
  answer_type: string | null;
  answer_ground: string | null;
}

type Row = AnnualTable['rows'][number];

const GROUPS: Array<{ key: string; label: string; grounds?: Record<string, string> }> = [
  { key: 'disclose', label: '（一）予以公开' },
  { key: 'partial', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' },
  { key: 'refuse', label: '（三）不予公开', grounds: ANSWER_GROUNDS.refuse },
  { key: 'unable', label: '（四）无法提供', grounds: ANSWER_GROUNDS.unable },
  { key: 'not_handled', label: '（五）不予处理', grounds: ANSWER_GROUNDS.not_handled },
  { key: 'other', label: '（六）其他处理', grounds: ANSWER_GROUNDS.other },
];

/** Where an answer is counted: its group and ground row keys. */
function resultKeys(type: string | null, ground: string | null): string[] {
  if (type === 'published') return ['disclose'];
  if (type === 'not_ours') return ['unable', 'unable.not_held'];
  if (!type) return ['other', 'other.other'];
  const grounds = GROUPS.find((g) => g.key === type)?.grounds;
  return grounds ? [type, `${type}.${ground && ground in grounds ? ground : Object.keys(grounds).at(-1)}`] : [type];
}

const empty = () => new Array<number>(N + 1).fill(0);

export function annualRows(year: number, apps: readonly YearApplication[]): Row[] {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const rows = new Map<string, Row>();
  const add = (key: string, label: string, level: number) => rows.set(key, { key, label, level, cells: empty() });
  add('new', '一、本年新收政府信息公开申请数量', 0);
  add('carried_in', '二、上年结转政府信息公开申请数量', 0);
  // The section heading has no figures of its own.
  rows.set('results', { key: 'results', label: '三、本年度办理结果', level: 0, cells: [] });
  for (const g of GROUPS) {
    add(g.key, g.label, 1);
    for (const [i, [k, label]] of Object.entries(g.grounds ?? {}).entries())
      add(`${g.key}.${k}`, `${i + 1}．${label}`, 2);
  }
  add('results_total', '（七）总计', 1);
  add('carried_out', '四、结转下年度继续办理', 0);
  const count = (key: string, col: number) => {
    const cells = rows.get(key)!.cells;
    cells[col]!++;
    cells[N]!++;
  };
  for (const a of apps) {
    const col = Math.max(0, (ApplicantCategory.values as readonly string[]).indexOf(a.applicant_category));
    if (a.received_day > end || (a.concluded_day !== null && a.concluded_day < start)) continue;
    count(a.received_day >= start ? 'new' : 'carried_in', col);
    if (a.concluded_day !== null && a.concluded_day <= end) {
      for (const k of resultKeys(a.answer_type, a.answer_ground)) count(k, col);
      count('results_total', col);
    } else count('carried_out', col);
  }
  return [...rows.values()];
}

/** Every sum the form prints, checked: empty when each total equals its parts. */
export function checkAnnual(rows: readonly Row[]): string[] {
  const by = new Map(rows.map((r) => [r.key, r.cells]));
  const problems: string[] = [];
  const label = (key: string) => rows.find((r) => r.key === key)?.label ?? key;
  const colName = (i: number) => (i === N ? '总计' : ApplicantCategory.labels[ApplicantCategory.values[i]!]);
  for (const r of rows) {
    if (!r.cells.length) continue;
    const parts = r.cells.slice(0, N).reduce((a, b) => a + b, 0);
    if (parts !== r.cells[N]) problems.push(`“${r.label}”的总计 ${r.cells[N]} ≠ 各类申请人之和 ${parts}`);
  }
  for (let i = 0; i <= N; i++) {
    const v = (key: string) => by.get(key)?.[i] ?? 0;
    for (const g of GROUPS.filter((x) => x.grounds)) {
      const sum = Object.keys(g.grounds!).reduce((acc, k) => acc + v(`${g.key}.${k}`), 0);
      if (sum !== v(g.key)) problems.push(`${colName(i)}：“${label(g.key)}” ${v(g.key)} ≠ 各项理由之和 ${sum}`);
    }
    const results = GROUPS.reduce((acc, g) => acc + v(g.key), 0);
    if (results !== v('results_total'))
      problems.push(`${colName(i)}：“（七）总计” ${v('results_total')} ≠ （一）至（六）之和 ${results}`);
    if (v('new') + v('carried_in') !== v('results_total') + v('carried_out'))
      problems.push(
        `${colName(i)}：一 + 二（${v('new') + v('carried_in')}）≠ 三 + 四（${v('results_total') + v('carried_out')}）`,
      );
  }
  return problems;
}

export const APPEAL_OUTCOMES = ['upheld', 'corrected', 'other', 'pending'] as const;

/** 结果维持, 结果纠正, 其他结果, 尚未审结, 总计 for each kind of appeal. */
export function appealCells(entries: ReadonlyArray<{ kind: string; outcome: string; count: number }>) {
  const out = { review: [0, 0, 0, 0, 0], suit_direct: [0, 0, 0, 0, 0], suit_after_review: [0, 0, 0, 0, 0] };
  for (const e of entries) {
    const row = out[e.kind as keyof typeof out];
    const i = (APPEAL_OUTCOMES as readonly string[]).indexOf(e.outcome);
    if (!row || i < 0) continue;
    row[i]! += e.count;
    row[4]! += e.count;
  }
  return out;
}
