import { describe, expect, it } from 'vitest';
import { csvBuffer, safeCell } from './spreadsheet.js';

describe('safeCell', () => {
  it('puts an apostrophe before what would start a formula', () => {
    for (const v of ['=1+1', '+1', '-1+2', '@SUM(A1)', '\t=1', '\r=1', '  =1']) expect(safeCell(v)).toBe(`'${v}`);
  });
  it('leaves ordinary text and numbers alone', () => {
    for (const v of ['财政局', '2026-11-20', 'a=b', '（=）', '']) expect(safeCell(v)).toBe(v);
    expect(safeCell(-5)).toBe(-5);
    expect(safeCell(null)).toBe(null);
  });
});

describe('csvBuffer', () => {
  it('writes UTF-8 with BOM, neutralised and quoted cells', () => {
    const text = csvBuffer([
      ['用户', '摘要'],
      ['=cmd|" /C calc"!A0', 'a;b'],
    ]).toString('utf8');
    expect(text).toBe('\ufeff用户,摘要\r\n"\'=cmd|"" /C calc""!A0","a;b"\r\n');
  });
});
