import type ExcelJS from 'exceljs';
import { escapeHtml as e } from '../../platform/search/highlight.js';
import type { ShareLine } from './shares.service.js';

// The parts of the monthly 通报 that come from issue 11: each co-building unit judged on its share of a
// 栏目共建 column, and the crawl sources that fail or went stale, counted against their unit like an
// overdue column. Kept apart from bulletin.documents.ts (the 通报's frame) so each stays small.

/** A crawl source counting against its unit when the 通报 was made (a source keeps no health history). */
export interface SourceLine {
  unitName: string;
  columnName: string;
  problem: string;
}

export interface Issue11Figures {
  shares?: ShareLine[];
  sources?: SourceLine[];
}

/** Units whose share was missed or whose source fails: named with the units that missed a duty. */
export function unitsShort(f: Issue11Figures): string[] {
  const names = [
    ...(f.shares ?? []).filter((s) => s.status === 'breached').map((s) => s.unitName),
    ...(f.sources ?? []).map((s) => s.unitName),
  ];
  return [...new Set(names)];
}

export function sharesHtml(lines: readonly ShareLine[] | undefined): string {
  if (!lines?.length) return '';
  const body = lines
    .map(
      (l) =>
        `<tr><td class="l">${e(l.columnName)}</td><td class="l">${e(l.unitName)}</td><td class="l">${e(l.expected.replace('共建份额：', ''))}</td><td>${l.periodFrom} 至 ${l.periodTo}</td><td>${l.count}</td><td>${e(l.statusLabel)}</td></tr>`,
    )
    .join('\n');
  return `<h2>附：栏目共建份额完成情况</h2>
  <table><thead><tr><th>栏目</th><th>共建单位</th><th>份额</th><th>考核时段</th><th>已发布</th><th>情况</th></tr></thead><tbody>
${body}
  </tbody></table>`;
}

export function sourcesHtml(lines: readonly SourceLine[] | undefined): string {
  if (!lines?.length) return '';
  const body = lines
    .map(
      (l) =>
        `<tr><td class="l">${e(l.unitName)}</td><td class="l">${e(l.columnName)}</td><td class="l">${e(l.problem)}</td></tr>`,
    )
    .join('\n');
  return `<h2>附：网站抓取源异常情况</h2>
  <table><thead><tr><th>单位</th><th>栏目</th><th>情况</th></tr></thead><tbody>
${body}
  </tbody></table>`;
}

/** The same two tables as worksheets of the 通报's workbook. */
export function addIssue11Sheets(wb: ExcelJS.Workbook, f: Issue11Figures): void {
  if (f.shares?.length) {
    const ws = wb.addWorksheet('栏目共建');
    ws.addRow(['栏目', '共建单位', '份额', '考核时段', '已发布', '情况']).font = { bold: true };
    for (const l of f.shares)
      ws.addRow([
        l.columnName,
        l.unitName,
        l.expected.replace('共建份额：', ''),
        `${l.periodFrom} 至 ${l.periodTo}`,
        l.count,
        l.statusLabel,
      ]);
    ws.getColumn(1).width = 30;
    ws.getColumn(2).width = 24;
    ws.getColumn(3).width = 20;
    ws.getColumn(4).width = 26;
  }
  if (f.sources?.length) {
    const ws = wb.addWorksheet('抓取源异常');
    ws.addRow(['单位', '栏目', '情况']).font = { bold: true };
    for (const l of f.sources) ws.addRow([l.unitName, l.columnName, l.problem]);
    ws.getColumn(1).width = 24;
    ws.getColumn(2).width = 30;
    ws.getColumn(3).width = 80;
  }
}

export const ISSUE11_NOTE =
  '栏目共建栏目按各共建单位的份额分别考核（按月的份额以当月计，按季、按年的以所在季度、年度截至月末计，期满未完成为未达标）；网站抓取源连续抓取失败或超过规定天数没有新信息的，视同栏目未按要求更新，计入其所属单位，以通报生成时的状态为准。';
