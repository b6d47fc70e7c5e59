import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { PASSWORD, makeAccount, makeSite, makeUnit, system } from '../../../test/harness/factories.js';
import { printCheck } from './guarantee-check.cli.js';
import { SETTINGS_KEY } from './rules/params.js';

// Issue 8 item 8, 站点无法访问: each site probes its own public address (here real HTTP servers on
// loopback: one answers, one hangs past the timeout, one answers 500), keeps every probe, and the
// month's share of failed probes is judged against the 5% line with an early warning.

let t: TestApp;
let editor: ApiClient;
let server: http.Server;
let base: string;
let brokenAnswers500 = true;
let now = new Date('2026-11-20T02:00:00.000Z');
const sites: Record<string, number> = {};

type Indicator = {
  key: string;
  level: string;
  value: number | null;
  limit: number;
  warnAbove: number;
  explanation: string;
  applicable: boolean;
  unit?: string;
};
const indicatorOf = async (siteId: number, at = '2026-11-20') => {
  const body = (await editor.get(`/api/guarantee/status?at=${at}&final=true&siteId=${siteId}`)).json();
  return (body.sites[0].indicators as Indicator[]).find((i) => i.key === 'unreachable')!;
};

/** A month of stored probes for a site: `ok` good ones and `failed` bad ones spread over days. */
async function storeProbes(siteId: number, days: string[], perDay: number, failed: number) {
  const rows = [];
  let left = failed;
  for (const day of days)
    for (let i = 0; i < perDay; i++) {
      const at = new Date(Date.parse(`${day}T00:30:00+08:00`) + i * 3_600_000).toISOString();
      const bad = left-- > 0;
      rows.push({
        site_id: siteId,
        url: 'https://www.example.gov.cn/',
        probed_at: at,
        ok: bad ? 0 : 1,
        status_code: bad ? null : 200,
        error: bad ? '超时（15 秒内未响应）' : null,
        duration_ms: bad ? 15000 : 80,
      });
    }
  for (let i = 0; i < rows.length; i += 200)
    await t.services.database.db
      .insertInto('site_probes')
      .values(rows.slice(i, i + 200))
      .execute();
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/up') return res.end('<html>涟水县人民政府</html>');
    if (req.url === '/broken') return brokenAnswers500 ? res.writeHead(500).end() : res.end('ok');
    if (req.url === '/hang') return; // never answers
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  t = await createTestApp({ guaranteeClock: () => now });
  const s = t.services;
  sites.up = (await makeSite(s, { probeUrl: `${base}/up` })).id;
  sites.hang = (await makeSite(s, { probeUrl: `${base}/hang` })).id;
  sites.broken = (await makeSite(s, { probeUrl: `${base}/broken` })).id;
  sites.none = (await makeSite(s)).id;
  const office = await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
  await makeAccount(s, 'editor', office.id, ['site_editor']);
  editor = await ApiClient.login(t.server, 'editor', PASSWORD);
  // The national rule's 15 s would make the hanging probe wait 15 s; the stored setting (which the API
  // keeps at 15 s or more) is shortened for the test only.
  await s.settings.set(s.database.db, SETTINGS_KEY, { indicators: { unreachable: { timeoutSeconds: 1 } } });
});
afterAll(async () => {
  await t?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('probing the site’s own address', () => {
  it('probes every site that has a public address, and stores each probe', async () => {
    const results = await t.services.guarantee.uptime.probeDue();
    const by = new Map(results.map((r) => [r.siteId, r]));
    expect(by.size).toBe(3);
    expect(by.get(sites.up!)).toMatchObject({ ok: true, statusCode: 200, error: null });
    expect(by.get(sites.hang!)).toMatchObject({ ok: false, statusCode: null, error: '超时（1 秒内未响应）' });
    expect(by.get(sites.broken!)).toMatchObject({ ok: false, statusCode: 500, error: 'HTTP 500' });
    const rows = await t.services.database.db.selectFrom('site_probes').selectAll().orderBy('site_id').execute();
    expect(rows.map((r) => [r.site_id, r.ok, r.probed_at])).toEqual([
      [sites.up, 1, '2026-11-20T02:00:00.000Z'],
      [sites.hang, 0, '2026-11-20T02:00:00.000Z'],
      [sites.broken, 0, '2026-11-20T02:00:00.000Z'],
    ]);
  });

  it('probes again when the next of the day’s probes is due (24 a day by default, at least 20)', async () => {
    expect(await t.services.guarantee.uptime.probeDue()).toEqual([]);
    now = new Date('2026-11-20T02:59:00.000Z');
    expect(await t.services.guarantee.uptime.probeDue()).toEqual([]);
    now = new Date('2026-11-20T03:00:00.000Z');
    brokenAnswers500 = false;
    // The worker's job is what runs it in production.
    await t.services.worker.runNow('guarantee.uptime');
    const count = await t.services.database.db
      .selectFrom('site_probes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(6);
    const fewer = await editor.put('/api/guarantee/settings', {
      indicators: { unreachable: { limitPercent: 5, warnPercent: 3, probesPerDay: 19, timeoutSeconds: 15 } },
    });
    expect(fewer.statusCode).toBe(400);
    const faster = await editor.put('/api/guarantee/settings', {
      indicators: { unreachable: { limitPercent: 5, warnPercent: 3, probesPerDay: 24, timeoutSeconds: 5 } },
    });
    expect(faster.statusCode).toBe(400);
  });

  it('records when a site stops answering and when it answers again', async () => {
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', 'like', 'guarantee.site_%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'guarantee.site_unreachable',
      'guarantee.site_unreachable',
      'guarantee.site_reachable',
    ]);
    expect(audit[1]!.summary).toContain('HTTP 500');
  });
});

describe('the 站点无法访问 indicator', () => {
  it('says 暂不适用 for a site without a public address', async () => {
    expect(await indicatorOf(sites.none!)).toMatchObject({
      key: 'unreachable',
      applicable: false,
      level: 'not_applicable',
      value: null,
      explanation: '未设置站点公网访问地址（站点设置），无法监测，此项暂不适用',
    });
  });

  it('judges the month’s share of failed probes against 5%, warning above 3%, in Shanghai days', async () => {
    const db = t.services.database.db;
    await db.deleteFrom('site_probes').execute();
    const november = Array.from({ length: 20 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
    // 480 probes in November: 24 failed = 5% (veto) on one site, 18 = 3.75% (warning) on another,
    // 14 = 2.9% (ok) on the third. The failures of October do not count.
    await storeProbes(sites.up!, november, 24, 14);
    await storeProbes(sites.hang!, november, 24, 24);
    await storeProbes(sites.broken!, november, 24, 18);
    await storeProbes(sites.up!, ['2026-10-31'], 24, 24);
    expect(await indicatorOf(sites.hang!)).toMatchObject({
      level: 'veto',
      value: 5,
      limit: 5,
      warnAbove: 3,
      unit: '%',
      explanation:
        '2026 年 11 月已监测 480 次，无法访问 24 次，无法访问率 5%（达到 5% 即单项否决；超过 3% 预警；每次等待 1 秒，每天至少 20 次）',
    });
    expect(await indicatorOf(sites.broken!)).toMatchObject({ level: 'warning', value: 3.75 });
    expect(await indicatorOf(sites.up!)).toMatchObject({ level: 'ok', value: 2.92 });
    // The first probe of November 1 at 00:30 Shanghai is 10-31 16:30 UTC: counted in November.
    const oct31 = await indicatorOf(sites.up!, '2026-10-31');
    expect(oct31).toMatchObject({ level: 'veto', value: 100 });
    // The daily round keeps the day's figure, a fraction, on every database.
    await t.services.guarantee.daily.run('2026-11-20');
    const kept = await db
      .selectFrom('guarantee_indicator_days')
      .select(['site_id', 'value', 'level'])
      .where('indicator', '=', 'unreachable')
      .where('day', '=', '2026-11-20')
      .orderBy('site_id')
      .execute();
    expect(kept.map((k) => [k.site_id, k.value === null ? null : Number(k.value), k.level])).toEqual([
      [sites.up, 2.92, 'ok'],
      [sites.hang, 5, 'veto'],
      [sites.broken, 3.75, 'warning'],
      [sites.none, null, 'not_applicable'],
    ]);
  });

  it('says so when a day had fewer than the required probes (the worker stopped)', async () => {
    const db = t.services.database.db;
    await db.deleteFrom('site_probes').where('site_id', '=', sites.broken!).execute();
    await storeProbes(sites.broken!, ['2026-11-18'], 24, 0);
    await storeProbes(sites.broken!, ['2026-11-19'], 10, 0);
    const i = await indicatorOf(sites.broken!);
    expect(i).toMatchObject({ level: 'ok', value: 0 });
    expect(i.explanation).toContain('11-19 只监测了 10 次（每天至少 20 次），请检查后台任务');
  });

  it('lets the office move the early warning', async () => {
    const put = await editor.put('/api/guarantee/settings', {
      indicators: { unreachable: { limitPercent: 5, warnPercent: 2.5, probesPerDay: 24, timeoutSeconds: 15 } },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(await indicatorOf(sites.up!)).toMatchObject({ level: 'warning', warnAbove: 2.5 });
  });

  it('is listed after the other indicators on the board and in guarantee check', async () => {
    const body = (await editor.get('/api/guarantee/status?at=2026-11-20&final=true')).json();
    for (const s of body.sites)
      expect(s.indicators.map((i: Indicator) => i.key)).toEqual([
        'home_page',
        'stale_columns',
        'overdue_columns',
        'blank_columns',
        'interaction',
        'unreachable',
      ]);
    const lines: string[] = [];
    printCheck(await t.services.guarantee.status.check(system, { at: '2026-11-20', final: true }), (l) =>
      lines.push(l),
    );
    expect(lines).toContain('  [暂不适用] 站点无法访问：未设置站点公网访问地址（站点设置），无法监测，此项暂不适用');
    expect(
      lines.filter((l) => l.startsWith('  [达到单项否决标准] 站点无法访问：2026 年 11 月已监测 480 次')),
    ).toHaveLength(1);
  });
});
