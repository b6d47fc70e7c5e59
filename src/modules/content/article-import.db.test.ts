import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { AppError } from '../../platform/errors.js';

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

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  const site = await makeSite(s);
  const news = await makeColumn(s, site.id, '新闻中心');
  await makeColumn(s, site.id, '涟水新闻', news.id);
  const gk = await makeColumn(s, site.id, '政务公开', null, { kind: 'catalogue' });
  await makeColumn(s, site.id, '政府文件', gk.id);
  const office = await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办', aliases: ['县政府办'] });
  await makeUnit(s, '新闻中心', 'direct');
  await makeAccount(s, 'admin', office.id, ['sysadmin']);
  admin = await ApiClient.login(t.server, 'admin', PASSWORD);
});
afterAll(() => t?.close());

describe('historical import', () => {
  it('keeps original dates, flags items as imported, assigns 索引号 in the year of publication', async () => {
    const file = [
      line(),
      line({
        title: '二〇一九年政府工作报告',
        column: '政务公开/政府文件',
        unit: '县政府办',
        type: '公文',
        published_at: '2019-02-20T10:00:00+08:00',
        doc_no: '涟政发〔2019〕1号',
      }),
      line({
        title: '关于印发工作要点的通知',
        column: '政务公开/政府文件',
        unit: '政府办',
        type: 'notice',
        published_at: '2018-12-31T23:30:00+08:00',
        index_no: 'X/2018-00077',
      }),
    ].join('\n');
    const progress: number[] = [];
    const r = await t.services.articleImport.run(system, file, (done) => progress.push(done));
    expect(r).toMatchObject({ imported: 3, indexNumbersAssigned: 1 });
    expect(progress.at(-1)).toBe(3);
    const rows = await t.services.database.db.selectFrom('articles').selectAll().orderBy('published_at').execute();
    expect(rows.map((x) => x.published_at)).toEqual([
      '2018-12-31T15:30:00.000Z',
      '2019-01-15T01:30:00.000Z',
      '2019-02-20T02:00:00.000Z',
    ]);
    expect(rows.every((x) => x.imported === 1 && x.status === 'published')).toBe(true);
    expect(rows[0]!.index_no).toBe('X/2018-00077');
    expect(rows[2]!.index_no).toMatch(/^TEST\d{6}\/2019-00001$/);
    expect(rows[1]!.index_no).toBeNull(); // news, not a disclosure column
    // Published items are searchable at once.
    const hits = await t.services.search.search('经济工作', { siteId: rows[1]!.site_id }, { limit: 10, offset: 0 });
    expect(hits.ids).toContain(rows[1]!.id);
  });

  it('refuses the whole file when one line is bad, naming the line, and writes nothing', async () => {
    const before = await t.services.database.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const file = [
      line({ title: '好的一行' }),
      '{not json',
      line({ unit: '不存在的局' }),
      line({ published_at: '2019-01-15 09:30' }),
      line({ published_at: '2999-01-01T00:00:00+08:00' }),
    ].join('\n');
    const err = await t.services.articleImport.run(system, file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const issues = (err as AppError).details!.issues!;
    expect(issues.map((i) => i.field)).toEqual(['第 2 行', '第 3 行', '第 4 行', '第 5 行']);
    expect(issues[1]!.message).toContain('不存在的局');
    expect(issues[3]!.message).toContain('晚于当前时间');
    const after = await t.services.database.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('runs over HTTP as a job with progress', async () => {
    const { payload, headers } = multipartFile(
      'old.jsonl',
      Buffer.from([line({ title: '接口导入一' }), line({ title: '接口导入二' })].join('\n')),
    );
    const started = await admin.request('POST', '/api/imports/articles', payload, headers);
    expect(started.statusCode).toBe(202);
    let job = started.json();
    for (let i = 0; i < 50 && job.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await admin.get(`/api/imports/jobs/${job.id}`)).json();
    }
    expect(job).toMatchObject({ state: 'succeeded', processed: 2, total: 2 });
    expect(job.result.imported).toBe(2);
  });

  it('reports a failed job with the line numbers', async () => {
    const { payload, headers } = multipartFile('bad.jsonl', Buffer.from(`${line()}\n{"column":"新闻中心/涟水新闻"}`));
    let job = (await admin.request('POST', '/api/imports/articles', payload, headers)).json();
    for (let i = 0; i < 50 && job.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await admin.get(`/api/imports/jobs/${job.id}`)).json();
    }
    expect(job.state).toBe('failed');
    expect(job.error.code).toBe('IMPORT_INVALID');
    expect(job.error.issues[0].field).toBe('第 2 行');
  });
});
