import { normalize } from './tokenize.js';

// The office's list of abbreviations and their full forms. A query term equal to any form of an entry
// also finds the others: 环评 finds 环境影响评价, and 环境影响评价 finds 环评.

export interface Abbreviation {
  term: string;
  expansions: string[];
}

export const DEFAULT_ABBREVIATIONS: Abbreviation[] = [
  { term: '环评', expansions: ['环境影响评价'] },
  { term: '安评', expansions: ['安全评价'] },
  { term: '稳评', expansions: ['社会稳定风险评估'] },
  { term: '放管服', expansions: ['简政放权放管结合优化服务'] },
  { term: '一网通办', expansions: ['一网办'] },
  { term: '双随机一公开', expansions: ['双随机'] },
  { term: '医保', expansions: ['医疗保障', '医疗保险'] },
  { term: '社保', expansions: ['社会保险', '社会保障'] },
];

/** The other forms of a query chunk according to the list (none when it is not on it). */
export function equivalentsOf(list: readonly Abbreviation[]): (chunk: string) => string[] {
  const byForm = new Map<string, string[]>();
  for (const a of list) {
    const forms = [a.term, ...a.expansions].map((f) => normalize(f).replace(/\s+/g, '')).filter(Boolean);
    for (const f of forms) byForm.set(f, [...(byForm.get(f) ?? []), ...forms.filter((o) => o !== f)]);
  }
  return (chunk) => byForm.get(chunk) ?? [];
}
