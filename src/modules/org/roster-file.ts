import { z } from 'zod';
import type { FieldIssue } from '../../platform/errors.js';
import { cleanName, readTableFile, refuse, type RawRow } from '../guarantee/list-file.js';
import type { PersonnelRole } from './org.schemas.js';

// The 网站内容保障人员名单 (附件3) as the office collects it in Excel: one block per unit, the unit's
// 分管领导 (姓名、职务、办公电话、手机) and its 专职信息员 (姓名、职务、办公电话、手机、邮箱). The header is either
// two rows (分管领导 / 专职信息员 over 姓名、职务 …, as the printed form has it) or one row (分管领导姓名,
// 信息员手机 …). A unit's cell is merged over its rows (XLSX repeats it, CSV leaves it blank); a second
// 信息员 is a second row. Reading it gives one entry per person, with the row it came from.

export type RosterField = 'name' | 'post' | 'phone' | 'mobile' | 'email' | 'contact';

export interface RosterPerson {
  row: number;
  role: PersonnelRole;
  name: string;
  post: string | null;
  /** 办公电话. */
  phone: string | null;
  /** 手机. */
  mobile: string | null;
  email: string | null;
}

export interface RosterBlock {
  /** The unit as written, and the rows where it appears. */
  unitName: string;
  rows: number[];
  people: RosterPerson[];
}

export interface RosterFile {
  format: 'csv' | 'xlsx';
  /** Data rows read (blank rows not counted). */
  rows: number;
  blocks: RosterBlock[];
}

const UNIT_HEADERS = new Set(['单位', '单位名称', '单位全称', '单位(公章)', '单位（公章）', '部门', '部门名称']);
const SKIPPED_HEADERS = new Set(['序号', '编号', '备注']);
const ROLE_WORDS: Array<[RegExp, PersonnelRole]> = [
  [/分管(领导|负责人|副职)?|联系领导/, 'leader'],
  [/信息员|联络员/, 'officer'],
];
const FIELD_WORDS: Array<[RegExp, RosterField]> = [
  [/姓名/, 'name'],
  [/职务|职位|职称/, 'post'],
  [/手机|移动电话/, 'mobile'],
  [/办公电话|座机|固定电话|办公室电话/, 'phone'],
  [/联系电话|电话|联系方式/, 'contact'],
  [/邮箱|电子邮件|e-?mail/i, 'email'],
];

const norm = (s: string) => cleanName(s).replace(/\s+/g, '');
const roleOf = (text: string): PersonnelRole | null => ROLE_WORDS.find(([re]) => re.test(text))?.[1] ?? null;
const fieldOf = (text: string): RosterField | null => FIELD_WORDS.find(([re]) => re.test(text))?.[1] ?? null;
const ROLE_LABEL: Record<PersonnelRole, string> = { leader: '分管领导', officer: '信息员' };
const FIELD_LABEL: Record<RosterField, string> = {
  name: '姓名',
  post: '职务',
  phone: '办公电话',
  mobile: '手机',
  email: '邮箱',
  contact: '联系电话',
};

interface Layout {
  /** The last header row; data starts below it. */
  headerEnd: number;
  unit: number;
  fields: Array<{ index: number; role: PersonnelRole; field: RosterField }>;
}

/** Find the header: a row with a 单位 cell, its person columns in the same row or in the row below. */
function findLayout(table: RawRow[]): Layout {
  for (const [at, r] of table.slice(0, 8).entries()) {
    const names = r.cells.map(norm);
    const unit = names.findIndex((n) => UNIT_HEADERS.has(n));
    if (unit < 0) continue;
    const below = table[at + 1]?.cells.map(norm) ?? [];
    const fields: Layout['fields'] = [];
    let group: PersonnelRole | null = null;
    const twoRows = below.some((n) => fieldOf(n) === 'name');
    for (let i = 0; i < Math.max(names.length, below.length); i++) {
      if (i === unit || SKIPPED_HEADERS.has(names[i] ?? '')) {
        group = null;
        continue;
      }
      const top = names[i] ?? '';
      // A merged group cell is repeated (XLSX) or blank (CSV) over its columns: carry it to the right.
      if (top) group = roleOf(top) ?? (twoRows ? null : group);
      const role = twoRows ? group : roleOf(top);
      const field = fieldOf(
        twoRows ? (below[i] ?? '') : top.replace(/分管(领导|负责人|副职)?|联系领导|专职|兼职|网站|信息员|联络员/g, ''),
      );
      if (role && field) fields.push({ index: i, role, field });
    }
    if (!fields.some((f) => f.field === 'name')) continue;
    return { headerEnd: twoRows ? at + 1 : at, unit, fields };
  }
  refuse([
    {
      field: '表头',
      message:
        '找不到名单表头：应有“单位”列，以及“分管领导”“信息员”的“姓名、职务、办公电话、手机（信息员另有邮箱）”各列（可为两行表头）',
    },
  ]);
}

const Phone = z
  .string()
  .max(50, '不能超过 50 个字符')
  .regex(/^[0-9+\-() ]*$/, '只能包含数字、空格和 + - ( )');
const Email = z.string().toLowerCase().email('格式不正确').max(320);
const digits = (s: string) => s.replace(/[\s\-()]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
const isMobile = (s: string) => /^1[3-9]\d{9}$/.test(digits(s));

/** One spreadsheet's cells → the people it names per unit, every problem collected with its row. */
export function rosterFromTable(raw: RawRow[]): Omit<RosterFile, 'format'> {
  const table = raw.map((r) => ({
    row: r.row,
    cells: r.cells.map((c) => c.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')),
  }));
  if (!table.some((r) => r.cells.some((c) => c.trim()))) refuse([{ field: '文件', message: '文件为空' }]);
  const layout = findLayout(table);
  const issues: FieldIssue[] = [];
  const problem = (row: number, what: string, message: string) =>
    issues.push({ field: `第${row}行 ${what}`, message: `第 ${row} 行“${what}”${message}` });
  const blocks = new Map<string, RosterBlock>();
  let current: RosterBlock | null = null;
  let rows = 0;

  for (const r of table.slice(layout.headerEnd + 1)) {
    const cell = (i: number) => (r.cells[i] ?? '').replace(/\s+/g, ' ').trim();
    const unitText = cleanName(r.cells[layout.unit] ?? '');
    const values = layout.fields.map((f) => ({ ...f, value: cell(f.index) }));
    if (!unitText && values.every((v) => !v.value)) continue; // blank line
    // A note under the table (填表说明：…) fills one cell and names nobody.
    if (/^(填表|说明|注[:：])/.test(unitText) && values.every((v) => !v.value)) continue;
    rows++;
    if (unitText) {
      const key = unitText;
      current = blocks.get(key) ?? { unitName: unitText, rows: [], people: [] };
      blocks.set(key, current);
    } else if (!current) {
      problem(r.row, '单位', '为空，且上方没有可延续的单位');
      continue;
    }
    current.rows.push(r.row);
    for (const role of ['leader', 'officer'] as const) {
      const mine = values.filter((v) => v.role === role);
      if (mine.every((v) => !v.value)) continue;
      const get = (f: RosterField) => mine.find((v) => v.field === f)?.value || null;
      const label = (f: RosterField) => `${ROLE_LABEL[role]}${FIELD_LABEL[f]}`;
      const name = get('name');
      if (!name) {
        problem(r.row, label('name'), '为空，但本行填写了其他信息');
        continue;
      }
      if (name.length > 100) problem(r.row, label('name'), '不能超过 100 个字符');
      const post = get('post');
      if (post && post.length > 200) problem(r.row, label('post'), '不能超过 200 个字符');
      let phone = get('phone');
      let mobile = get('mobile');
      // The printed form has one 联系电话: a mobile number goes to 手机, any other to 办公电话.
      const contact = get('contact');
      if (contact) {
        if (isMobile(contact) && !mobile) mobile = contact;
        else if (!phone) phone = contact;
      }
      for (const [f, v] of [
        ['phone', phone],
        ['mobile', mobile],
      ] as const) {
        const ok = v === null ? null : Phone.safeParse(v);
        if (ok && !ok.success) problem(r.row, label(f), `“${v}”${ok.error.issues[0]!.message}`);
      }
      if (mobile && Phone.safeParse(mobile).success && !isMobile(mobile))
        problem(r.row, label('mobile'), `“${mobile}”不是 11 位手机号码`);
      let email = get('email');
      if (email) {
        const e = Email.safeParse(email);
        if (e.success) email = e.data;
        else problem(r.row, label('email'), `“${email}”${e.error.issues[0]!.message}`);
      }
      current.people.push({ row: r.row, role, name, post, phone, mobile, email });
    }
    if (issues.length >= 50) break;
  }
  if (issues.length) refuse(issues);
  if (blocks.size === 0) refuse([{ field: '文件', message: '文件中只有表头，没有单位行' }]);
  return { rows, blocks: [...blocks.values()] };
}

/** Read a roster from CSV or XLSX bytes. */
export async function readRosterFile(bytes: Buffer): Promise<RosterFile> {
  const table = await readTableFile(bytes, '保障人员名单');
  return { format: table.format, ...rosterFromTable(table.rows) };
}
