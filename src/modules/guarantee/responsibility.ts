import { UNIT_CATEGORIES, type UnitCategory } from '../org/org.schemas.js';
import { PartyRole } from '../../contract/guarantee.js';

// The 保障部门 cell of a guarantee list, as people really write it: several units separated by 、 or ，,
// group phrases that themselves contain 、 (各镇、街道办事处、各园区), a lead with cooperating units
// ("政府办收集，相关单位配合"), the office that does the work in brackets ("民政局（双拥办）"), quoted
// campaign names (“三进三帮”), and line breaks where the table cell wrapped.

export type { PartyRole };
export const PARTY_ROLE_LABELS = PartyRole.labels;

export interface GroupDefinition {
  name: string;
  description: string;
  categories: readonly UnitCategory[];
  /** Ways of writing the phrase (regular expressions, matched at the start of an item). */
  patterns: readonly string[];
}

const SEP = '[、，,\\s]*';

/** The unit groups a county list names, resolved by unit category (the notice's 内容保障单位). */
export const UNIT_GROUPS: readonly GroupDefinition[] = [
  {
    name: '县各单位',
    description: '县级各单位：县委部门、县政府部门、垂直管理单位、直属单位、国有企业、议事协调机构',
    categories: ['party_dept', 'gov_dept', 'vertical', 'direct', 'soe', 'coordination'],
    patterns: ['县各单位'],
  },
  {
    name: '县各部门',
    description: '县各部门：县委部门、县政府部门、垂直管理单位',
    categories: ['party_dept', 'gov_dept', 'vertical'],
    patterns: ['县?各部门', `县各委${SEP}办${SEP}局`],
  },
  {
    name: '各镇、街道办事处、各园区',
    description: '各镇人民政府、街道办事处、各园区',
    categories: ['town', 'street', 'park'],
    patterns: [`各镇(?:人民政府)?${SEP}(?:各)?街道(?:办事处)?${SEP}(?:各)?园区`],
  },
  {
    name: '各单位',
    description: '所有单位',
    categories: UNIT_CATEGORIES,
    patterns: ['各单位'],
  },
];

export type PartySpec =
  | { kind: 'unit'; role: PartyRole; label: string; name: string; alias: string | null }
  | { kind: 'group'; role: PartyRole; label: string; group: string }
  | { kind: 'vague'; role: PartyRole; label: string };

export interface ParsedResponsibility {
  text: string;
  parties: PartySpec[];
  /** Several units build the column together: a lead and cooperating units. */
  cobuilt: boolean;
  warnings: string[];
}

// "相关单位配合" names nobody in particular: it is kept as a cooperating party without a unit, and is
// not an unknown unit name to be reported.
const VAGUE = /^(?:各)?(?:相关|有关|涉及)(?:的)?(?:单位|部门|镇街|镇、街道)$/;
const LEAD_SUFFIX = /(?:收集|牵头|负责|主办|主责|汇总)$/;
const COOPERATE_SUFFIX = /(?:配合|协助|协办|参与)$/;
const ROLE_WORD = /^(?:收集|牵头|负责|主办|主责|汇总|配合|协助|协办|参与)$/;
const STRONG_SEPARATORS = /[，,;；\n]/;
const SEPARATOR = /[、，,;；/\s\u3000]/;
const OPENERS = '（(“‘「《〔[';
const CLOSERS = '）)”’」》〕]';

const groupMatchers = UNIT_GROUPS.flatMap((g) => g.patterns.map((p) => ({ group: g.name, re: new RegExp(p, 'y') })));
const roleSuffixAt = /(?:收集|牵头|负责|主办|主责|汇总|配合|协助|协办|参与)/y;

/** Is this label one of the vague phrases ("相关单位") rather than a unit name? */
export function isVaguePhrase(label: string): boolean {
  return VAGUE.test(label.replace(/[\s\u3000]+/g, ''));
}

export function groupDefinition(name: string): GroupDefinition | undefined {
  return UNIT_GROUPS.find((g) => g.name === name);
}

interface Item {
  text: string;
  group: string | null;
  strongBefore: boolean;
}

/** Split a cell into items at separators outside brackets and quotes; group phrases stay whole. */
function tokenize(s: string): Item[] {
  const items: Item[] = [];
  let current = '';
  let depth = 0;
  let strong = true;
  const flush = () => {
    if (current.trim()) items.push({ text: current.trim(), group: null, strongBefore: strong });
    current = '';
    strong = false;
  };
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (current === '' && depth === 0) {
      let best: { group: string; end: number } | null = null;
      for (const m of groupMatchers) {
        m.re.lastIndex = i;
        if (m.re.exec(s) && (!best || m.re.lastIndex > best.end)) best = { group: m.group, end: m.re.lastIndex };
      }
      if (best) {
        roleSuffixAt.lastIndex = best.end;
        const end = roleSuffixAt.exec(s) ? roleSuffixAt.lastIndex : best.end;
        items.push({ text: s.slice(i, end), group: best.group, strongBefore: strong });
        strong = false;
        i = end;
        continue;
      }
    }
    if (depth === 0 && SEPARATOR.test(ch)) {
      flush();
      if (STRONG_SEPARATORS.test(ch)) strong = true;
      i++;
      continue;
    }
    if (OPENERS.includes(ch)) depth++;
    else if (CLOSERS.includes(ch)) depth = Math.max(0, depth - 1);
    else if (ch === '"') depth = depth > 0 ? depth - 1 : depth + 1;
    current += ch;
    i++;
  }
  flush();
  return items;
}

function stripRole(text: string): { text: string; role: PartyRole | null } {
  if (COOPERATE_SUFFIX.test(text)) return { text: text.replace(COOPERATE_SUFFIX, ''), role: 'cooperate' };
  if (LEAD_SUFFIX.test(text)) return { text: text.replace(LEAD_SUFFIX, ''), role: 'lead' };
  return { text, role: null };
}

/** Parse a 保障部门 cell. Never throws; an empty cell gives no parties (the import reports the gap). */
export function parseResponsibility(raw: string): ParsedResponsibility {
  const text = raw.replace(/\s+/g, ' ').trim();
  // A cell that wrapped inside a bracket ("民政局\n\n（双拥办）") is one name.
  const s = raw
    .replace(/\r\n?/g, '\n')
    .replace(/[\s\u3000]+(?=[（(])/g, '')
    .replace(/(?<=[（(])[\s\u3000]+/g, '')
    .replace(/[\s\u3000]+(?=[）)])/g, '')
    .trim();
  const warnings: string[] = [];
  if (s === '' || s === '-' || s === '—' || s === '无') return { text, parties: [], cobuilt: false, warnings };

  const items = tokenize(s).map((item) => ({ ...item, ...stripRole(item.text) }));

  // A role word applies to the items written before it up to the previous comma:
  // "政府办牵头，财政局、审计局配合" → 财政局 and 审计局 cooperate, 政府办 leads.
  let carry: PartyRole = 'lead';
  const roles: PartyRole[] = new Array<PartyRole>(items.length);
  for (let k = items.length - 1; k >= 0; k--) {
    const item = items[k]!;
    if (item.role) carry = item.role;
    roles[k] = carry;
    if (item.strongBefore) carry = 'lead';
  }

  const parties: PartySpec[] = [];
  const seen = new Set<string>();
  const add = (p: PartySpec) => {
    const key = `${p.kind}|${p.kind === 'unit' ? p.name : p.kind === 'group' ? p.group : p.label}|${p.role}`;
    if (!seen.has(key)) {
      seen.add(key);
      parties.push(p);
    }
  };
  items.forEach((item, k) => {
    let role = roles[k]!;
    const label = item.text.replace(/[\s\u3000]+/g, '');
    if (!label) {
      warnings.push(`“${item.role === 'cooperate' ? '配合' : '牵头'}”等字样前缺少单位名称`);
      return;
    }
    if (item.group) {
      add({ kind: 'group', role, label, group: item.group });
      return;
    }
    if (isVaguePhrase(label)) {
      add({ kind: 'vague', role, label });
      return;
    }
    const bracket = /^(.+?)[（(]([^（）()]+)[）)]$/.exec(label);
    if (bracket && ROLE_WORD.test(bracket[2]!)) {
      role = COOPERATE_SUFFIX.test(bracket[2]!) ? 'cooperate' : 'lead';
      add({ kind: 'unit', role, label, name: bracket[1]!, alias: null });
      return;
    }
    if (bracket) {
      add({ kind: 'unit', role, label, name: bracket[1]!, alias: bracket[2]! });
      return;
    }
    add({ kind: 'unit', role, label, name: label, alias: null });
  });

  const cobuilt = parties.some((p) => p.role === 'cooperate') && parties.some((p) => p.role === 'lead');
  return { text, parties, cobuilt, warnings };
}
