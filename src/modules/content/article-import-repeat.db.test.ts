import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import {
  PASSWORD,
  makeAccount,
  makeColumn,
  makeSite,
  makeUnit,
  multipartFile,
  system,
} from '../../../test/harness/factories.js';
import { backfillLegacyKeys } from '../../platform/db/migrations/0008_imports.js';
import { AppError } from '../../platform/errors.js';
import type { Services } from '../../services.js';
import { registerContentCommands } from './content.cli.js';

// Issue 8 item 6: importing the same file twice must not double the items or the ledger (a doubled
// ledger can turn a missed week into a met one), and impossible dates are refused, not rolled over.

let t: TestApp;
let admin: ApiClient;

const line = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    column: '新闻中心/涟水新闻',
    unit: '新闻中心',
    title: '涟水县召开2019年经济工作会议',
    body_html: '<p>1月15日，全县经济工作会议召开。</p>',
    published_at: '2019-01-15T09:30:00+08:00',
    type: '新闻',
    ...over,
  });

const count = async (table: 'articles' | 'submissions' | 'article_import_keys' | 'audit_log') =>
  Number(
    (
      await t.services.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  const site = await makeSite(s);
  const news = await makeColumn(s, site.id, '新闻中心', null, { slug: 'news' });
  await makeColumn(s, site.id, '涟水新闻', news.id, { slug: 'lsxw' });
  const office = await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
  await makeUnit(s, '新闻中心', 'direct');
  await makeAccount(s, 'admin', office.id, ['sysadmin']);
  admin = await ApiClient.login(t.server, 'admin', PASSWORD);
});
afterAll(() => t?.close());

describe('a repeated import', () => {
  const first = [
    line({ id: 'art_1001', title: '按编号识别' }),
    line({ source_url: 'http://old.lianshui.gov.cn/art/2019/1/16/art_1002.html', title: '按原地址识别' }),
    line({ title: '按栏目标题时间识别', published_at: '2019-01-17T10:00:00+08:00' }),
  ].join('\n');

  it('adds nothing the second time, and says how many were already imported', async () => {
    const r1 = await t.services.articleImport.run(system, first);
    expect(r1).toMatchObject({ imported: 3, alreadyImported: 0 });
    const before = { articles: await count('articles'), ledger: await count('submissions') };
    expect(before).toEqual({ articles: 3, ledger: 3 });

    const r2 = await t.services.articleImport.run(system, first);
    expect(r2).toMatchObject({ imported: 0, alreadyImported: 3, lines: 3 });
    expect(r2.skipped.map((x) => x.line)).toEqual([1, 2, 3]);
    expect(r2.skipped.map((x) => x.by)).toEqual(['id', 'url', 'line']);
    expect({ articles: await count('articles'), ledger: await count('submissions') }).toEqual(before);
  });

  it('recognises a line by its id or address even when its title or time was corrected since', async () => {
    const corrected = [
      line({ id: 'art_1001', title: '按编号识别（更正）', published_at: '2019-01-15T11:00:00+08:00' }),
      line({ source_url: 'http://OLD.lianshui.gov.cn/art/2019/1/16/art_1002.html#top', title: '按原地址识别（更正）' }),
      // The same column written as its slug path, the same instant in another zone: the same line.
      line({ column: 'news/lsxw', title: '按栏目标题时间识别', published_at: '2019-01-17T02:00:00Z' }),
      line({ title: '新的一条', published_at: '2019-01-18T08:00:00+08:00' }),
    ].join('\n');
    const r = await t.services.articleImport.run(system, corrected);
    expect(r).toMatchObject({ imported: 1, alreadyImported: 3 });
    expect(await count('articles')).toBe(4);
    expect(await count('submissions')).toBe(4);
    const titles = (await t.services.database.db.selectFrom('articles').select('title').execute()).map((a) => a.title);
    expect(titles).not.toContain('按编号识别（更正）');
  });

  it('refuses a file that names one line twice, with both line numbers', async () => {
    const file = [line({ id: 'x-1', title: '甲' }), line({ title: '乙' }), line({ id: 'x-1', title: '丙' })].join('\n');
    const err = (await t.services.articleImport.run(system, file).catch((e: unknown) => e)) as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.details!.issues).toEqual([{ field: '第 3 行', message: expect.stringContaining('与第 1 行') }]);
  });

  it('does not write an audit record or touch the database when every line was imported before', async () => {
    const audits = await count('audit_log');
    await t.services.articleImport.run(system, first);
    expect(await count('audit_log')).toBe(audits);
  });

  it('reports new and already imported lines over HTTP', async () => {
    const { payload, headers } = multipartFile(
      'old.jsonl',
      Buffer.from([line({ id: 'art_1001' }), line({ id: 'art_2001', title: '接口新导入' })].join('\n')),
    );
    let job = (await admin.request('POST', '/api/imports/articles', payload, headers)).json();
    for (let i = 0; i < 50 && job.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await admin.get(`/api/imports/jobs/${job.id}`)).json();
    }
    expect(job.state).toBe('succeeded');
    expect(job.result).toMatchObject({ imported: 1, alreadyImported: 1 });
    expect(job.result.skipped[0]).toMatchObject({ line: 1, by: 'id' });
  });

  it('prints what it added and what it skipped on the command line', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gp-import-')), 'old.jsonl');
    fs.writeFileSync(file, [line({ id: 'art_1001' }), line({ id: 'cli-new', title: '命令行新导入' })].join('\n'));
    const out = await runCli(t.services, ['import-articles', file]);
    expect(out).toContain('新导入 1 条，已导入过 1 条（未重复导入）');
    expect(out).toContain('第 1 行');
    const again = await runCli(t.services, ['import-articles', file]);
    expect(again).toContain('没有新的信息：2 条均已导入过，数据库未作任何改动');
  });
  it('finds items imported before import keys existed (the migration keys them by column, title and time)', async () => {
    const db = t.services.database.db;
    await db.deleteFrom('article_import_keys').execute();
    expect(await backfillLegacyKeys(db as never)).toBe(6);
    // A keyless line matches its legacy key; a line with an id falls back to it too.
    const again = [
      line({ title: '按栏目标题时间识别', published_at: '2019-01-17T10:00:00+08:00' }),
      line({ id: 'never-seen', title: '新的一条', published_at: '2019-01-18T08:00:00+08:00' }),
    ].join('\n');
    const r = await t.services.articleImport.run(system, again);
    expect(r).toMatchObject({ imported: 0, alreadyImported: 2 });
    expect(await count('articles')).toBe(6);
  });
});

describe('impossible dates', () => {
  it('refuses dates that do not exist instead of rolling them over, naming the line and the field', async () => {
    const before = await count('articles');
    const file = [
      line({ title: '二月三十日', published_at: '2025-02-30T09:30:00+08:00' }),
      line({ title: '平年二月二十九日成文', written_on: '2025-02-29', published_at: '2025-03-03T09:00:00+08:00' }),
      line({ title: '四月三十一日', published_at: '2024-04-31T09:30:00+08:00' }),
      line({ title: '二十四点', published_at: '2024-05-01T24:00:00+08:00' }),
      line({ title: '十三月', written_on: '2024-13-01', published_at: '2024-05-01T09:00:00+08:00' }),
      line({ title: '时区不存在', published_at: '2024-05-01T09:00:00+25:00' }),
      line({ title: '闰年二月二十九日', written_on: '2024-02-29', published_at: '2024-02-29T09:00:00+08:00' }),
    ].join('\n');
    const err = (await t.services.articleImport.run(system, file).catch((e: unknown) => e)) as AppError;
    expect(err).toBeInstanceOf(AppError);
    const issues = err.details!.issues!;
    expect(issues.map((i) => i.field)).toEqual(['第 1 行', '第 2 行', '第 3 行', '第 4 行', '第 5 行', '第 6 行']);
    expect(issues[0]!.message).toBe('published_at：日期“2025-02-30”不存在（2025 年 2 月只有 28 天）');
    expect(issues[1]!.message).toBe('written_on：日期“2025-02-29”不存在（2025 年 2 月只有 28 天）');
    expect(issues[2]!.message).toContain('2024 年 4 月只有 30 天');
    expect(issues[3]!.message).toContain('时间“24:00:00”不存在');
    expect(issues[4]!.message).toContain('月份须为 01–12');
    expect(issues[5]!.message).toContain('时区');
    expect(await count('articles')).toBe(before);
  });
});

async function runCli(services: Services, args: string[]): Promise<string> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  try {
    const program = new Command().exitOverride();
    registerContentCommands(program, (work) => work(services));
    await program.parseAsync(['node', 'govportal', ...args]);
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
  return lines.join('\n');
}
