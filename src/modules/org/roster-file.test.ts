import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import type { RawRow } from '../guarantee/list-file.js';
import { readRosterFile, rosterFromTable } from './roster-file.js';

const FIXTURES = path.join(import.meta.dirname, '../../../test/fixtures/roster');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const table = (...rows: string[][]): RawRow[] => rows.map((cells, i) => ({ row: i + 1, cells }));

async function refusal(work: () => unknown): Promise<AppError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('the office roster (附件3)', () => {
  it('reads the XLSX with its two-row header, merged unit and leader cells and the note under the table', async () => {
    const r = await readRosterFile(fixture('roster.xlsx'));
    expect(r.format).toBe('xlsx');
    expect(r.rows).toBe(9);
    expect(r.blocks.map((b) => b.unitName)).toEqual([
      '县财政局',
      '教育局',
      '高沟镇',
      '民政局（双拥办）',
      '政府办',
      '水务公司',
      '县供销总社',
    ]);
    const czj = r.blocks[0]!;
    expect(czj.rows).toEqual([4, 5]);
    // The merged 分管领导 repeats on the second row: the same person, read twice.
    expect(czj.people.filter((p) => p.role === 'leader').map((p) => p.name)).toEqual(['王建国', '王建国']);
    expect(czj.people.find((p) => p.role === 'officer' && p.name === '赵明')).toEqual({
      row: 5,
      role: 'officer',
      name: '赵明',
      post: '办公室副主任',
      phone: '0517-82391003',
      mobile: '13905170003',
      email: 'zhaoming@czj.lianshui.gov.cn',
    });
    expect(r.blocks[4]!.people.filter((p) => p.role === 'leader').map((p) => p.name)).toEqual(['褚红梅', '卫东']);
    expect(r.blocks[5]!.people.map((p) => p.role)).toEqual(['officer']);
  });

  it('reads the same table saved as CSV (merged cells blank) to the same people', async () => {
    const x = await readRosterFile(fixture('roster.xlsx'));
    const c = await readRosterFile(fixture('roster.csv'));
    expect(c.format).toBe('csv');
    const people = (f: typeof x) =>
      f.blocks.map((b) => [b.unitName, [...new Set(b.people.map((p) => `${p.role}:${p.name}:${p.mobile}`))]]);
    expect(people(c)).toEqual(people(x));
  });

  it('reads a one-row header and sends a 联系电话 to 手机 or 办公电话 by what it holds', () => {
    const r = rosterFromTable(
      table(
        [
          '单位名称',
          '分管领导姓名',
          '分管领导职务',
          '分管领导联系电话',
          '信息员姓名',
          '信息员联系电话',
          '信息员电子邮箱',
        ],
        ['教育局', '孙海涛', '副局长', '0517-82392001', '周晓燕', '139 0517 0012', 'ZXY@jyj.lianshui.gov.cn'],
      ),
    );
    expect(r.blocks[0]!.people).toEqual([
      {
        row: 2,
        role: 'leader',
        name: '孙海涛',
        post: '副局长',
        phone: '0517-82392001',
        mobile: null,
        email: null,
      },
      {
        row: 2,
        role: 'officer',
        name: '周晓燕',
        post: null,
        phone: null,
        mobile: '139 0517 0012',
        email: 'zxy@jyj.lianshui.gov.cn',
      },
    ]);
  });

  it('lists every bad cell with its row, and imports nothing', async () => {
    const err = await refusal(() =>
      rosterFromTable(
        table(
          ['单位', '分管领导', '', '', '', '信息员', '', '', '', ''],
          ['', '姓名', '职务', '办公电话', '手机', '姓名', '职务', '办公电话', '手机', '邮箱'],
          ['', '张三', '副局长', '', '', '', '', '', '', ''],
          ['教育局', '', '副局长', '0517-1', '', '李四', '', '', '1390517', 'not-an-email'],
          ['', '', '', '', '', '王五', '', '电话：82392001', '', ''],
        ),
      ),
    );
    expect(err.code).toBe('IMPORT_INVALID');
    expect(err.details!.issues!.map((i) => i.message)).toEqual([
      '第 3 行“单位”为空，且上方没有可延续的单位',
      '第 4 行“分管领导姓名”为空，但本行填写了其他信息',
      '第 4 行“信息员手机”“1390517”不是 11 位手机号码',
      '第 4 行“信息员邮箱”“not-an-email”格式不正确',
      '第 5 行“信息员办公电话”“电话：82392001”只能包含数字、空格和 + - ( )',
    ]);
  });

  it('refuses a file without the roster header, saying what it should have', async () => {
    const err = await refusal(() => rosterFromTable(table(['一级栏目', '二级栏目'], ['新闻中心', '涟水新闻'])));
    expect(err.message).toContain('找不到名单表头');
    const pdf = await refusal(() => readRosterFile(Buffer.from('%PDF-1.7\n')));
    expect(pdf.message).toContain('不是 CSV 或 XLSX 格式的保障人员名单');
  });
});
