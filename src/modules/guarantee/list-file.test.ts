import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { cleanName, readListFile, rowsFromTable, type RawRow } from './list-file.js';

const SEED = fs.readFileSync(path.join(import.meta.dirname, '../../../seed/guarantee-list.csv'));
const HEADER = ['一级栏目', '二级栏目', '三级栏目', '保障部门', '相关要求'];

const table = (...rows: string[][]): RawRow[] => [HEADER, ...rows].map((cells, i) => ({ row: i + 1, cells }));
const csv = (text: string) => Buffer.from(text, 'utf8');

/** The AppError a call throws (fails the test when it does not throw one). */
async function refusal(work: () => unknown): Promise<AppError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('the seed list', () => {
  it('reads every row with its full path', async () => {
    const { format, rows } = await readListFile(SEED);
    expect(format).toBe('csv');
    expect(rows).toHaveLength(108);
    expect(rows[0]).toEqual({
      row: 2,
      path: ['新闻中心', '热点头条'],
      responsibleText: '新闻中心',
      requirementText: '工作日每天维护',
    });
    const byPath = new Map(rows.map((r) => [r.path.join('/'), r]));
    expect(byPath.get('公共服务')).toMatchObject({ responsibleText: '政务办', requirementText: '按要求维护' });
    expect(byPath.get('首页栏目/专题/双拥工作专栏')?.responsibleText).toBe('民政局（双拥办）');
    expect(byPath.get('政民互动/领导信箱/县长信箱')).toBeDefined();
    expect(byPath.get('政务公开/政府文件')).toBeDefined();
    expect(byPath.get('政务公开/决策公开/政府文件')).toBeDefined();
    expect(byPath.get('政务公开/公共资源配置领域/自然资源')?.responsibleText).toBe('国土局');
    expect(byPath.get('走进涟水/自然资源')).toBeDefined();
    expect(byPath.get('政务公开/重大建设项目批准和实施领域/施工竣工信息')).toMatchObject({
      responsibleText: '',
      requirementText: '动态维护',
    });
    expect(byPath.get('政务公开/财政预决算领域')).toBeDefined();
  });
});

describe('continuation rules', () => {
  it('a blank 一级 continues the one above; a blank 二级 beside a 三级 continues the 二级 above', () => {
    const rows = rowsFromTable(
      table(
        ['首页栏目', '财政信息', '-', '财政局', '动态维护'],
        ['', '专题', '预决算公开平台', '财政局', '动态维护'],
        ['', '', '水质监测报告', '水务公司', '动态维护'],
        ['公共服务', '-', '-', '政务办', '按要求维护'],
      ),
    );
    expect(rows.map((r) => r.path.join('/'))).toEqual([
      '首页栏目/财政信息',
      '首页栏目/专题/预决算公开平台',
      '首页栏目/专题/水质监测报告',
      '公共服务',
    ]);
  });

  it('a 一级 written again starts a new block (its 二级 does not carry over) but names the same column', () => {
    const rows = rowsFromTable(
      table(
        ['政务公开', '领导之窗', '县委', '政府办', '动态维护'],
        ['政务公开', '决策公开', '政府文件', '政府办', '动态维护'],
        ['', '', '政策解读', '政府办', '动态维护'],
      ),
    );
    expect(rows.map((r) => r.path)).toEqual([
      ['政务公开', '领导之窗', '县委'],
      ['政务公开', '决策公开', '政府文件'],
      ['政务公开', '决策公开', '政策解读'],
    ]);
  });

  it('a merged 一级 (its value repeated on each row) keeps the 二级 above', () => {
    const rows = rowsFromTable(
      table(['首页栏目', '专题', '甲', '财政局', '动态维护'], ['首页栏目', '', '乙', '财政局', '动态维护']),
    );
    expect(rows[1]!.path).toEqual(['首页栏目', '专题', '乙']);
  });

  it('the same name under different parents is kept apart', () => {
    const rows = rowsFromTable(
      table(
        ['走进涟水', '自然资源', '-', '政府办', '动态维护'],
        ['政务公开', '公共资源配置领域', '自然资源', '国土局', '动态维护'],
      ),
    );
    expect(rows.map((r) => r.path.join('/'))).toEqual(['走进涟水/自然资源', '政务公开/公共资源配置领域/自然资源']);
  });

  it('tolerates spaces, full-width spaces and line breaks in cells and headers, and skips blank lines', () => {
    const rows = rowsFromTable([
      { row: 1, cells: [' 一级栏目 ', '二级栏目\u3000', '三级\n栏目', '保障部门', ' 相关要求'] },
      { row: 2, cells: ['政务公开', '服务公开', '服务清单\n\n及指南', '政务办', ' 动态\n维护 '] },
      { row: 3, cells: ['', '', '', '', ''] },
      { row: 4, cells: ['', '公共资源配置领域\u3000', '住房保障', '住建局', '动态维护'] },
      { row: 5, cells: ['', '在线 访谈', '访谈直播', '政府办', '动态维护'] },
    ]);
    expect(rows.map((r) => [r.row, r.path.join('/'), r.requirementText])).toEqual([
      [2, '政务公开/服务公开/服务清单及指南', '动态 维护'],
      [4, '政务公开/公共资源配置领域/住房保障', '动态维护'],
      [5, '政务公开/在线访谈/访谈直播', '动态维护'],
    ]);
  });

  it('drops control characters a broken export left in cells', () => {
    const rows = rowsFromTable(table(['新闻中心\u0000', '涟水\u0007新闻', '-', '新闻中心', '工作日每天维护\u0000']));
    expect(rows[0]).toMatchObject({ path: ['新闻中心', '涟水新闻'], requirementText: '工作日每天维护' });
  });

  it('cleans names but keeps Latin words apart', () => {
    expect(cleanName(' 12345 办公室 ')).toBe('12345办公室');
    expect(cleanName('COVID 19 专题')).toBe('COVID 19专题');
  });

  it('a title row above the header and extra columns are fine', () => {
    const rows = rowsFromTable([
      { row: 1, cells: ['涟水县政府门户网站内容保障清单'] },
      { row: 2, cells: ['序号', ...HEADER, '备注'] },
      { row: 3, cells: ['1', '新闻中心', '涟水新闻', '-', '新闻中心', '工作日每天维护', ''] },
    ]);
    expect(rows).toEqual([
      { row: 3, path: ['新闻中心', '涟水新闻'], responsibleText: '新闻中心', requirementText: '工作日每天维护' },
    ]);
  });
});

describe('malformed files are refused with the row and cell named', () => {
  it('an empty 相关要求', async () => {
    const e = await refusal(() =>
      rowsFromTable(
        table(
          ['新闻中心', '涟水新闻', '-', '新闻中心', '工作日每天维护'],
          ...Array(4).fill(['', '视频新闻', '-', '电视台', '']),
        ),
      ),
    );
    expect(e.code).toBe('IMPORT_INVALID');
    expect(e.message).toMatch(/^第 3 行“相关要求”为空（另有 3 处错误）/);
    expect(e.details?.issues?.[0]).toEqual({ field: '第3行 相关要求', message: '第 3 行“相关要求”为空' });
  });

  it('the seventh row of a CSV, as a spreadsheet numbers it', async () => {
    const lines = SEED.toString('utf8').split('\n');
    lines[6] = lines[6]!.replace(/,[^,]*$/, ',');
    const e = await refusal(() => readListFile(csv(lines.join('\n'))));
    expect(e.details?.issues).toEqual([{ field: '第7行 相关要求', message: '第 7 行“相关要求”为空' }]);
    expect(e.message).toContain('第 7 行“相关要求”为空');
  });

  it('a 三级 with nothing to hang on in the first row', async () => {
    const e = await refusal(() => rowsFromTable(table(['', '', '县委', '政府办', '动态维护'])));
    expect(e.details?.issues?.map((i) => i.field)).toEqual(['第2行 一级栏目', '第2行 二级栏目']);
    expect(e.message).toContain('第 2 行“一级栏目”为空');
  });

  it('a 三级 under a "-" 二级', async () => {
    const e = await refusal(() => rowsFromTable(table(['公共服务', '-', '办事指南', '政务办', '按要求维护'])));
    expect(e.details?.issues?.[0]?.field).toBe('第2行 三级栏目');
  });

  it('the same column twice', async () => {
    const e = await refusal(() =>
      rowsFromTable(
        table(['新闻中心', '涟水新闻', '-', '新闻中心', '动态维护'], ['', '涟水新闻', '', '新闻中心', '动态维护']),
      ),
    );
    expect(e.message).toContain('第 3 行的栏目“新闻中心/涟水新闻”与第 2 行重复');
  });

  it('a wrong or missing header', async () => {
    const missing = await refusal(() =>
      readListFile(csv('一级栏目,二级栏目,三级栏目,相关要求\n新闻中心,涟水新闻,-,工作日每天维护\n')),
    );
    expect(missing.message).toContain('第 1 行的表头缺少“保障部门”');
    const wrong = await refusal(() => readListFile(csv('栏目,单位,要求\n新闻中心,新闻中心,工作日每天维护\n')));
    expect(wrong.details?.issues?.[0]).toMatchObject({ field: '表头' });
    expect(wrong.message).toContain('找不到表头');
  });

  it('empty files, header-only files, and files that are not lists at all', async () => {
    expect((await refusal(() => readListFile(Buffer.alloc(0)))).message).toContain('文件为空');
    expect((await refusal(() => readListFile(csv('\n\n')))).message).toContain('文件为空');
    expect((await refusal(() => readListFile(csv(`${HEADER.join(',')}\n`)))).message).toContain('没有栏目行');
    expect(
      (
        await refusal(() =>
          readListFile(fs.readFileSync(path.join(import.meta.dirname, '../../../test/fixtures/red.png'))),
        )
      ).message,
    ).toContain('不是 CSV 或 XLSX');
    expect(
      (
        await refusal(() =>
          readListFile(fs.readFileSync(path.join(import.meta.dirname, '../../../test/fixtures/sample.pdf'))),
        )
      ).message,
    ).toContain('PDF');
    expect((await refusal(() => readListFile(Buffer.from('d0cf11e0a1b11ae1000000', 'hex')))).message).toContain('.xls');
    expect(
      (
        await refusal(() =>
          readListFile(fs.readFileSync(path.join(import.meta.dirname, '../../../test/fixtures/notice.docx'))),
        )
      ).code,
    ).toBe('IMPORT_INVALID');
    expect(
      (await refusal(() => readListFile(csv(`${HEADER.join(',')}\n新闻中心,"涟水新闻,-,新闻中心,工作日每天维护\n`))))
        .message,
    ).toContain('CSV 格式错误');
  });
});

describe('file formats', () => {
  it('reads a CSV saved as GBK by Excel on Chinese Windows', async () => {
    // "一级栏目,二级栏目,三级栏目,保障部门,相关要求" and "新闻中心,涟水新闻,-,新闻中心,动态维护" in GBK.
    const gbk = Buffer.from(
      'd2bbbcb6c0b8c4bf2cb6febcb6c0b8c4bf2cc8fdbcb6c0b8c4bf2cb1a3d5cfb2bfc3c52ccfe0b9d8d2aac7f30a',
      'hex',
    );
    const row = Buffer.from('d0c2cec5d6d0d0c42cc1b0cbaed0c2cec52c2d2cd0c2cec5d6d0d0c42cb6afccacceacbba40a', 'hex');
    const { rows } = await readListFile(Buffer.concat([gbk, row]));
    expect(rows).toEqual([
      { row: 2, path: ['新闻中心', '涟水新闻'], responsibleText: '新闻中心', requirementText: '动态维护' },
    ]);
  });

  it('reads the first worksheet of an XLSX, merged cells taking their master’s value', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('保障清单');
    ws.addRow(HEADER);
    ws.addRow(['首页栏目', '专题', '预决算公开平台', '财政局', '动态维护']);
    ws.addRow([null, null, '水质监测报告', '水务公司', '动态维护']);
    ws.addRow([null, null, { richText: [{ text: '双拥' }, { text: '工作专栏' }] }, '民政局\n（双拥办）', '动态维护']);
    ws.mergeCells('A2:A4');
    ws.mergeCells('B2:B4');
    wb.addWorksheet('说明').addRow(['不读这张表']);
    const { format, rows } = await readListFile(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(format).toBe('xlsx');
    expect(rows.map((r) => [r.row, r.path.join('/'), r.responsibleText])).toEqual([
      [2, '首页栏目/专题/预决算公开平台', '财政局'],
      [3, '首页栏目/专题/水质监测报告', '水务公司'],
      [4, '首页栏目/专题/双拥工作专栏', '民政局\n（双拥办）'],
    ]);
  });
});
