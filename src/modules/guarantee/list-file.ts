import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ArchiveRefused, inspectZip } from '../../platform/archive/zip-guard.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';

// A guarantee list file (附件1 of the notice) as people keep it: CSV saved from Excel (UTF-8 or GBK) or
// the .xlsx itself, blank cells where the table had merged cells, "-" where a column has no deeper
// level, line breaks where a cell wrapped. Reading it gives one row per column that carries a duty.

export const HEADERS = ['一级栏目', '二级栏目', '三级栏目', '保障部门', '相关要求'] as const;
type Header = (typeof HEADERS)[number];
const HEADER_SYNONYMS: Record<string, Header> = {
  保障单位: '保障部门',
  责任单位: '保障部门',
  保障要求: '相关要求',
  更新要求: '相关要求',
};
const MAX_ISSUES = 50;

export interface ListRow {
  /** The row number a spreadsheet shows (the header is usually row 1). */
  row: number;
  /** Column names from the top, one to three levels. */
  path: string[];
  responsibleText: string;
  requirementText: string;
}

export interface ListFile {
  format: 'csv' | 'xlsx';
  rows: ListRow[];
}

export interface RawRow {
  row: number;
  cells: string[];
}

const isDash = (s: string) => /^[-－—–~～]+$/.test(s);

/** A column name as printed: wrapped lines joined, spaces around Chinese text dropped. */
export function cleanName(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/[ \t\u3000]*[\r\n]+[ \t\u3000\r\n]*/g, '')
    .replace(/[\s\u3000]+/g, ' ')
    .trim()
    .replace(/ (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) /g, '');
}

const cleanHeader = (raw: string) => cleanName(raw).replace(/\s+/g, '');

/** Refuse a file with every problem found, the first one in the message (reused by the roster import). */
export function refuse(issues: FieldIssue[]): never {
  const [first] = issues;
  const more = issues.length > 1 ? `（另有 ${issues.length - 1} 处错误）` : '';
  throw new AppError('IMPORT_INVALID', `${first!.message}${more}，未导入任何内容`, { issues });
}

/** Locate the header (a title row may sit above it) and map each heading to its cell index. */
function findHeader(table: RawRow[]): { at: number; index: Record<Header, number> } {
  const candidates = table.slice(0, 6);
  for (const [at, r] of candidates.entries()) {
    const names = r.cells.map((c) => HEADER_SYNONYMS[cleanHeader(c)] ?? cleanHeader(c));
    const found = HEADERS.filter((h) => names.includes(h));
    if (found.length >= 3) {
      const missing = HEADERS.filter((h) => !names.includes(h));
      if (missing.length) {
        refuse(
          missing.map((h) => ({
            field: `第${r.row}行 表头`,
            message: `第 ${r.row} 行的表头缺少“${h}”（应为：${HEADERS.join('、')}）`,
          })),
        );
      }
      return { at, index: Object.fromEntries(HEADERS.map((h) => [h, names.indexOf(h)])) as Record<Header, number> };
    }
  }
  const first = table.find((r) => r.cells.some((c) => c.trim()));
  refuse([
    {
      field: '表头',
      message: `找不到表头：${first ? `第 ${first.row} 行` : '文件开头'}应为“${HEADERS.join('、')}”`,
    },
  ]);
}

/**
 * Turn table rows into list rows, applying the continuation rules: a blank 一级 continues the one
 * above, a blank 二级 next to a 三级 continues the 二级 above, "-" means no deeper level. Every problem
 * is collected with its row and cell so a person can fix the file in one go.
 */
export function rowsFromTable(raw: RawRow[]): ListRow[] {
  // Control characters (a stray NUL from a broken export) are never part of a name; PostgreSQL would
  // refuse them besides.
  const table = raw.map((r) => ({
    row: r.row,
    cells: r.cells.map((c) => c.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')),
  }));
  if (!table.some((r) => r.cells.some((c) => c.trim()))) refuse([{ field: '文件', message: '文件为空' }]);
  const { at, index } = findHeader(table);
  const issues: FieldIssue[] = [];
  const problem = (row: number, header: Header, message: string) =>
    issues.push({ field: `第${row}行 ${header}`, message: `第 ${row} 行“${header}”${message}` });
  const rows: ListRow[] = [];
  const seen = new Map<string, number>();
  let level1: string | null = null;
  let level2: string | null = null;

  for (const r of table.slice(at + 1)) {
    const cell = (h: Header) => r.cells[index[h]] ?? '';
    if (!HEADERS.some((h) => cell(h).trim())) continue; // blank line between blocks
    const [c1, c2, c3] = [cleanName(cell('一级栏目')), cleanName(cell('二级栏目')), cleanName(cell('三级栏目'))];
    const responsibleText = cell('保障部门').trim();
    const requirementText = cell('相关要求').replace(/\s+/g, ' ').trim();
    const before = issues.length;
    if (!requirementText) problem(r.row, '相关要求', '为空');

    if (isDash(c1)) problem(r.row, '一级栏目', '不能为“-”');
    else if (c1) {
      // A merged 一级 cell repeats its value on every row: the same block, so the 二级 above still holds.
      if (c1 !== level1) level2 = null;
      level1 = c1;
    } else if (!level1) problem(r.row, '一级栏目', '为空，且上方没有可延续的一级栏目');

    let path: string[] | null = null;
    const has3 = c3 !== '' && !isDash(c3);
    if (isDash(c2)) {
      level2 = null;
      if (has3) problem(r.row, '三级栏目', `为“${c3}”，但二级栏目为“-”，三级栏目无处挂靠`);
      else path = [level1 ?? ''];
    } else if (c2) {
      level2 = c2;
      path = has3 ? [level1 ?? '', c2, c3] : [level1 ?? '', c2];
    } else if (has3) {
      if (level2) path = [level1 ?? '', level2, c3];
      else problem(r.row, '二级栏目', `为空，上方没有可延续的二级栏目，三级栏目“${c3}”无处挂靠`);
    } else if (c1) path = [c1];
    else problem(r.row, '二级栏目', '为空，且本行没有三级栏目');

    if (path && issues.length === before) {
      const key = path.join('/');
      const earlier = seen.get(key);
      if (earlier !== undefined)
        issues.push({ field: `第${r.row}行 栏目`, message: `第 ${r.row} 行的栏目“${key}”与第 ${earlier} 行重复` });
      else {
        seen.set(key, r.row);
        rows.push({ row: r.row, path, responsibleText, requirementText });
      }
    }
    if (issues.length >= MAX_ISSUES) break;
  }
  if (issues.length) refuse(issues);
  if (!rows.length) refuse([{ field: '文件', message: '文件中只有表头，没有栏目行' }]);
  return rows;
}

function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    // Not UTF-8: Excel on Chinese Windows saves CSV as GBK; GB18030 is its superset.
    if (!(error instanceof TypeError)) throw error;
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function readCsv(bytes: Buffer, what: string): RawRow[] {
  const text = decodeText(bytes).replace(/^\uFEFF/, '');
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 4096))) {
    refuse([{ field: '文件', message: `文件不是 CSV 或 XLSX 格式的${what}` }]);
  }
  try {
    const records = parseCsv(text, {
      relax_column_count: true,
      skip_empty_lines: false,
      relax_quotes: false,
    }) as string[][];
    return records.map((cells, i) => ({ row: i + 1, cells }));
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? `第 ${error.lines} 行附近` : '';
      refuse([{ field: '文件', message: `CSV 格式错误：${line}有未闭合或多余的引号` }]);
    }
    throw error;
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in value)
    return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return '';
  return '';
}

async function readXlsx(bytes: Buffer): Promise<RawRow[]> {
  const workbook = new ExcelJS.Workbook();
  // ExcelJS inflates whatever the archive holds: the archive limits first (platform/archive).
  try {
    await inspectZip(bytes);
  } catch (error) {
    if (!(error instanceof ArchiveRefused)) throw error;
    refuse([{ field: '文件', message: error.message.replace(/^压缩文档/, 'XLSX 文件') }]);
  }
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    refuse([
      {
        field: '文件',
        message: `无法读取 XLSX 文件（${error instanceof Error ? error.message : String(error)}），请用 Excel 另存后重试`,
      },
    ]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) refuse([{ field: '文件', message: 'XLSX 文件中没有工作表' }]);
  const rows: RawRow[] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    // A merged cell answers with its master's value: the continuation rules then see the value itself.
    rows.push({ row: r, cells: Array.from({ length: width }, (_, c) => cellText(row.getCell(c + 1).value)) });
  }
  return rows;
}

/**
 * The cells of a CSV or XLSX file (the first sheet) as people keep them, row by row; the type is told by
 * the bytes, not by the file name. `what` names the file in refusals (保障清单, 保障人员名单).
 */
export async function readTableFile(
  bytes: Buffer,
  what = '保障清单',
): Promise<{ format: 'csv' | 'xlsx'; rows: RawRow[] }> {
  if (bytes.length === 0) refuse([{ field: '文件', message: '文件为空' }]);
  const magic = bytes.subarray(0, 4).toString('hex');
  if (magic === '504b0304') return { format: 'xlsx', rows: await readXlsx(bytes) };
  if (magic === 'd0cf11e0')
    refuse([{ field: '文件', message: '不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV 后再导入' }]);
  if (magic === '25504446') refuse([{ field: '文件', message: `文件是 PDF，不是 CSV 或 XLSX 格式的${what}` }]);
  return { format: 'csv', rows: readCsv(bytes, what) };
}

/** Read a CSV or XLSX guarantee list. */
export async function readListFile(bytes: Buffer): Promise<ListFile> {
  const table = await readTableFile(bytes);
  return { format: table.format, rows: rowsFromTable(table.rows) };
}
