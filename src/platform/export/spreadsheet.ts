import type ExcelJS from 'exceljs';

// Every CSV and XLSX the system writes goes through here. Exports carry text other people typed (a
// failed sign-in's user name, unit and column names, summaries), and a spreadsheet program treats a
// cell that begins with = + - or @ as a formula: "=HYPERLINK(...)" in a user name would run when the
// office opens the audit export. Such cells get a leading apostrophe, the usual neutralisation (OWASP
// "CSV injection"); a tab or carriage return at the start, which some programs skip before reading a
// formula, counts too. Numbers stay numbers: a negative count is not text.

const FORMULA_START = /^[=+\-@\t\r]/;

/** The value as a cell that cannot start a formula. */
export function safeCell<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  // Leading spaces are skipped by some programs before they look for "=".
  return FORMULA_START.test(value) || /^ +[=+\-@]/.test(value) ? `'${value}` : value;
}

/**
 * CSV as Excel in a Chinese office opens it: UTF-8 with a byte-order mark, CRLF, every cell
 * neutralised, and quoted when it holds a quote, a separator (comma, or the semicolon other locales
 * use) or a line break.
 */
export function csvBuffer(rows: ReadonlyArray<ReadonlyArray<unknown>>): Buffer {
  const cell = (v: unknown) => {
    const s = String(safeCell(v ?? ''));
    return /[",;\t\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return Buffer.from(`\ufeff${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`, 'utf8');
}

/** The workbook's bytes, every text cell of every sheet neutralised first (titles and notes too). */
export async function xlsxBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (typeof cell.value === 'string') cell.value = safeCell(cell.value);
      });
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
