import ExcelJS from 'exceljs';
import { xlsxBuffer } from '../../platform/export/spreadsheet.js';
import { escapeHtml as e } from '../../platform/search/highlight.js';
import {
  addIssue11Sheets,
  ISSUE11_NOTE,
  sharesHtml,
  sourcesHtml,
  unitsShort,
  type Issue11Figures,
} from './bulletin-sections.js';
import type { DutyReport, UnitMonth } from './report.service.js';

// The monthly 通报 as documents: a workbook to work with and an official-style printable page
// (红头, 文号, title, body, table, notes) that the PDF is printed from. Both come from the same figures.

export const CHANNEL_COLUMNS: Array<[string, string]> = [
  ['backoffice', '后台报送'],
  ['email', '邮箱报送'],
  ['paper', '纸质报送'],
  ['crawl', '网站抓取'],
  ['cobuilt', '栏目共建'],
  ['import', '历史导入'],
];

/** Submitted, adopted and the adoption rate of each channel over all units (issue 11 item 5). */
export function channelTotals(units: readonly UnitMonth[]) {
  return CHANNEL_COLUMNS.map(([channel, label]) => {
    const submitted = units.reduce((n, u) => n + (u.byChannel[channel] ?? 0), 0);
    const adopted = units.reduce((n, u) => n + (u.adoptedByChannel[channel] ?? 0), 0);
    return {
      channel,
      label,
      submitted,
      adopted,
      adoptionRate: submitted ? Math.round((adopted / submitted) * 1000) / 10 : null,
    };
  });
}

export interface BulletinFigures extends Issue11Figures {
  month: string; // 2026-10
  office: string; // 涟水县人民政府办公室
  siteName: string;
  docNo: string;
  issuedOn: string; // 2026-11-02
  units: UnitMonth[];
  misses: Array<{
    columnPath: string;
    unitName: string;
    missed: string[];
    period: 'workday' | 'week' | 'window';
    workdaysLate: number;
  }>;
  calendarNotes: string[];
  /** 依申请公开 applications past their statutory time at the month's end, per unit (issue 13). */
  foiOverdue?: FoiOverdueRow[];
}

export interface FoiOverdueRow {
  unitName: string;
  overdue: number;
  oldestDueDay: string;
  maxWorkdaysLate: number;
}

function foiOverdueHtml(rows: FoiOverdueRow[] | undefined): string {
  if (!rows?.length) return '';
  const body = rows
    .map(
      (r) =>
        `<tr><td class="l">${e(r.unitName)}</td><td>${r.overdue}</td><td>${r.oldestDueDay}</td><td>${r.maxWorkdaysLate}</td></tr>`,
    )
    .join('\n');
  return `<h2>附：依申请公开超期未答复情况</h2>
  <table><thead><tr><th>单位</th><th>超期件数</th><th>最早到期日</th><th>最长超期工作日</th></tr></thead><tbody>
${body}
  </tbody></table>`;
}

export function chineseDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const monthName = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;

export function bulletinTitle(month: string): string {
  return `关于${monthName(month)}份县政府门户网站内容保障情况的通报`;
}

/** The misses of a month, one line per unit and duty, from the duty reports. */
export function missesOf(duties: readonly DutyReport[], unitName: (id: number) => string): BulletinFigures['misses'] {
  const out: BulletinFigures['misses'] = [];
  for (const d of duties) {
    if (d.kind === 'window' && d.perUnit) {
      for (const p of d.parties)
        if (p.workdaysLate > 0)
          out.push({
            columnPath: d.columnPath,
            unitName: p.unitName,
            missed: [p.blank ? '从未发布' : `最近更新 ${p.lastUpdateDay ?? '无'}`],
            period: 'window',
            workdaysLate: p.workdaysLate,
          });
      continue;
    }
    if (d.kind === 'window') {
      if (d.workdaysLate > 0)
        for (const id of d.namedUnitIds)
          out.push({
            columnPath: d.columnPath,
            unitName: unitName(id),
            missed: [d.blank ? '空白栏目' : `最近更新 ${d.lastUpdateDay ?? '无'}`],
            period: 'window',
            workdaysLate: d.workdaysLate,
          });
      continue;
    }
    for (const p of d.parties)
      if (p.missed.length)
        out.push({
          columnPath: d.columnPath,
          unitName: p.unitName ?? '栏目整体',
          missed: p.missed,
          period: d.period,
          workdaysLate: p.workdaysLate,
        });
  }
  return out;
}

const rate = (r: number | null) => (r === null ? '—' : `${r.toFixed(1)}%`);

export async function bulletinXlsx(f: BulletinFigures): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = f.office;
  const ws = wb.addWorksheet('通报');
  // The ranking's figures first (duties met, days late), the submissions beside them.
  const headers = [
    '排名',
    '单位',
    '达标责任',
    '未达标责任',
    '达标率',
    '迟报工作日',
    '报送合计',
    '采用',
    '采用率',
    ...CHANNEL_COLUMNS.map(([, l]) => l),
  ];
  ws.addRow([bulletinTitle(f.month)]);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.addRow([`${f.docNo}　${chineseDate(f.issuedOn)}`]);
  ws.mergeCells(2, 1, 2, headers.length);
  const head = ws.addRow(headers);
  head.font = { bold: true };
  for (const u of f.units) {
    ws.addRow([
      u.rank,
      u.shortName,
      u.dutiesMet,
      u.dutiesBreached,
      u.dutiesMetRate === null ? null : u.dutiesMetRate / 100,
      u.workdaysLate,
      u.submitted,
      u.adopted,
      u.adoptionRate === null ? null : u.adoptionRate / 100,
      ...CHANNEL_COLUMNS.map(([k]) => u.byChannel[k] ?? 0),
    ]);
  }
  ws.getColumn(2).width = 24;
  ws.getColumn(headers.indexOf('达标率') + 1).numFmt = '0.0%';
  ws.getColumn(headers.indexOf('采用率') + 1).numFmt = '0.0%';
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  const misses = wb.addWorksheet('未达标明细');
  misses.addRow(['栏目', '单位', '考核方式', '未达标时段', '迟报工作日']).font = { bold: true };
  for (const m of f.misses)
    misses.addRow([
      m.columnPath,
      m.unitName,
      m.period === 'workday' ? '按工作日' : m.period === 'week' ? '按周' : '更新期限',
      m.missed.join('、'),
      m.workdaysLate,
    ]);
  misses.getColumn(1).width = 40;
  misses.getColumn(4).width = 60;
  if (f.foiOverdue?.length) {
    const foi = wb.addWorksheet('依申请公开超期');
    foi.addRow(['单位', '超期件数', '最早到期日', '最长超期工作日']);
    for (const r of f.foiOverdue) foi.addRow([r.unitName, r.overdue, r.oldestDueDay, r.maxWorkdaysLate]);
    foi.getColumn(1).width = 36;
  }
  addIssue11Sheets(wb, f);
  const notes = wb.addWorksheet('说明');
  for (const line of notesOf(f)) notes.addRow([line]);
  notes.getColumn(1).width = 120;
  return await xlsxBuffer(wb);
}

function notesOf(f: BulletinFigures): string[] {
  const fixed = [
    '1. 报送数量来自报送台账，含后台报送、邮箱报送（网络报送）、纸质报送（介质报送）、网站抓取、栏目共建和历史导入，以收到时间计入当月；采用数为台账中已采用的报送。',
    '2. 达标、未达标责任：当月有考核时段的保障责任，全部时段达到要求为达标，任一时段未达到为未达标；按日考核的栏目以工作日计，按周考核的以自然周（周一至周日）计，动态维护栏目以国家规定的更新期限计。',
    '3. 迟报工作日：当月每个工作日日终仍处于未达标状态的保障责任，按责任逐项累计。',
    '4. 排名按保障责任达标情况：依次按达标率（达标责任占当月考核责任的比例，高者在前）、迟报工作日（少者在前）排列，再依次按采用数、报送数区分，相同者并列；当月没有考核责任的单位列于最后。',
    '5. 工作日按国务院办公厅公布的节假日安排（含调休上班日）计算。',
  ];
  const more = [
    ...(f.shares?.length || f.sources?.length ? [ISSUE11_NOTE] : []),
    ...f.calendarNotes.map((n) => `${n}。`),
  ];
  return [...fixed, ...more.map((n, i) => `${fixed.length + 1 + i}. ${n}`)];
}

export function bulletinHtml(f: BulletinFigures): string {
  const total = f.units.reduce((a, u) => ({ submitted: a.submitted + u.submitted, adopted: a.adopted + u.adopted }), {
    submitted: 0,
    adopted: 0,
  });
  const breached = [
    ...new Set([...f.units.filter((u) => u.dutiesBreached > 0).map((u) => u.shortName), ...unitsShort(f)]),
  ];
  const silent = f.units.filter((u) => u.submitted === 0).map((u) => u.shortName);
  const rows = f.units
    .map(
      (u) =>
        `<tr><td>${u.rank}</td><td class="l">${e(u.shortName)}</td><td>${u.dutiesMet}</td><td>${u.dutiesBreached}</td><td>${rate(u.dutiesMetRate)}</td><td>${u.workdaysLate}</td><td>${u.submitted}</td><td>${u.adopted}</td><td>${rate(u.adoptionRate)}</td>${CHANNEL_COLUMNS.map(([k]) => `<td>${u.byChannel[k] ?? 0}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const missRows = f.misses
    .map(
      (m) =>
        `<tr><td class="l">${e(m.columnPath)}</td><td class="l">${e(m.unitName)}</td><td class="l">${e(m.missed.join('、'))}</td><td>${m.workdaysLate}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${e(bulletinTitle(f.month))}</title>
<style>
  @page { size: A4; margin: 20mm 16mm; }
  body { font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", "WenQuanYi Micro Hei", serif; font-size: 12pt; color: #000; max-width: 180mm; margin: 0 auto; }
  .red-head { color: #c00; text-align: center; font-size: 30pt; font-weight: bold; letter-spacing: 4pt; margin: 6mm 0 4mm; font-family: "SimSun", "Noto Serif CJK SC", serif; }
  .doc-no { text-align: center; font-size: 12pt; margin-bottom: 2mm; }
  .rule { border-top: 2px solid #c00; margin: 0 0 8mm; }
  h1 { text-align: center; font-size: 18pt; font-weight: bold; margin: 0 0 6mm; font-family: "SimHei", "Noto Sans CJK SC", sans-serif; }
  p { text-indent: 2em; line-height: 1.8; margin: 0 0 3mm; }
  table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 3mm 0 6mm; }
  th, td { border: 1px solid #000; padding: 1.5mm 1mm; text-align: center; }
  td.l { text-align: left; }
  th { background: #f2f2f2; }
  .notes p { text-indent: 0; font-size: 10pt; line-height: 1.6; }
  .sign { text-align: right; margin-top: 10mm; line-height: 1.8; }
  h2 { font-size: 13pt; margin: 6mm 0 2mm; font-family: "SimHei", "Noto Sans CJK SC", sans-serif; }
</style></head>
<body>
  <div class="red-head">${e(f.office)}</div>
  <div class="doc-no">${e(f.docNo)}</div>
  <div class="rule"></div>
  <h1>${e(bulletinTitle(f.month))}</h1>
  <p>各镇人民政府、街道办事处，各园区，县各委、办、局，县各直属单位：</p>
  <p>根据《关于进一步做好新版涟水县人民政府门户网站内容保障工作的通知》（涟政办发〔2018〕103号）要求，现将${e(monthName(f.month))}份各单位县政府门户网站（${e(f.siteName)}）栏目保障责任落实情况及报送信息数量和网站采用情况通报如下。</p>
  <p>本月全县共报送信息 ${total.submitted} 条，采用 ${total.adopted} 条${total.submitted ? `，采用率 ${((total.adopted / total.submitted) * 100).toFixed(1)}%` : ''}。${breached.length ? `${e(breached.join('、'))}等 ${breached.length} 个单位存在未按要求保障的栏目，请对照清单及时整改。` : '各单位均按要求完成栏目保障。'}${silent.length ? `${e(silent.slice(0, 30).join('、'))}${silent.length > 30 ? `等 ${silent.length} 个单位` : ''}本月未报送信息。` : ''}</p>
  <h2>按报送渠道</h2>
  <table>
    <thead><tr><th>渠道</th><th>报送</th><th>采用</th><th>采用率</th></tr></thead>
    <tbody>
${channelTotals(f.units)
  .map(
    (c) =>
      `<tr><td class="l">${c.label}</td><td>${c.submitted}</td><td>${c.adopted}</td><td>${rate(c.adoptionRate)}</td></tr>`,
  )
  .join('\n')}
    </tbody>
  </table>
  <h2>各单位保障责任达标与报送情况（按达标情况排名）</h2>
  <table>
    <thead><tr><th>排名</th><th>单位</th><th>达标责任</th><th>未达标责任</th><th>达标率</th><th>迟报工作日</th><th>报送合计</th><th>采用</th><th>采用率</th>${CHANNEL_COLUMNS.map(([, l]) => `<th>${l}</th>`).join('')}</tr></thead>
    <tbody>
${rows}
    </tbody>
  </table>
  ${
    f.misses.length
      ? `<h2>附：未达标栏目明细</h2>
  <table><thead><tr><th>栏目</th><th>单位</th><th>未达标时段</th><th>迟报工作日</th></tr></thead><tbody>
${missRows}
  </tbody></table>`
      : ''
  }
  ${sharesHtml(f.shares)}
  ${sourcesHtml(f.sources)}
  ${foiOverdueHtml(f.foiOverdue)}
  <div class="notes"><h2>说明</h2>${notesOf(f)
    .map((n) => `<p>${e(n)}</p>`)
    .join('')}</div>
  <div class="sign">${e(f.office)}<br>${e(chineseDate(f.issuedOn))}</div>
</body></html>`;
}
