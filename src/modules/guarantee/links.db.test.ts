import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { makeColumn, makeSite, makeUnit, system } from '../../../test/harness/factories.js';
import { insertDuty } from './guarantee.test-helpers.js';

// External-link columns against a real HTTP server on loopback: answers, redirects, servers that
// refuse HEAD, errors, silence (timeout) and a closed port.

let t: TestApp;
let server: http.Server;
let base: string;
const cols: Record<string, number> = {};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/ok') return res.end('ok');
    if (req.url === '/moved') return res.writeHead(302, { location: '/ok' }).end();
    if (req.url === '/get-only') return req.method === 'HEAD' ? res.writeHead(405).end() : res.end('ok');
    if (req.url === '/broken') return res.writeHead(500).end();
    if (req.url === '/silent') return; // never answers
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const deadPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));

  // The guarded fetcher refuses loopback unless allowed (issue 9 item 5); these servers are the test's own.
  t = await createTestApp({ fetch: { allow: '127.0.0.1', maxBytes: 1024 * 1024 } });
  const s = t.services;
  const site = await makeSite(s);
  const unit = await makeUnit(s, '政府办');
  for (const [name, url] of Object.entries({
    ok: '/ok',
    moved: '/moved',
    getOnly: '/get-only',
    broken: '/broken',
    silent: '/silent',
  })) {
    cols[name] = (await makeColumn(s, site.id, name, null, { kind: 'link', linkUrl: `${base}${url}` })).id;
  }
  cols.refused = (
    await makeColumn(s, site.id, 'refused', null, { kind: 'link', linkUrl: `http://127.0.0.1:${deadPort}/` })
  ).id;
  for (const id of Object.values(cols)) await insertDuty(s, id, { cadence: 'external_link' }, [{ unitId: unit.id }]);
  await s.guarantee.settings.put(system, { links: { timeoutMs: 1000, failuresToBreach: 2 } });
});
afterAll(async () => {
  await t?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('external links', () => {
  it('probes every link column and records successes and failures', async () => {
    const results = await t.services.guarantee.links.checkAll(system);
    const by = new Map(results.map((r) => [r.columnId, r]));
    expect(by.get(cols.ok!)).toMatchObject({ ok: true, statusCode: 200, error: null });
    expect(by.get(cols.moved!)).toMatchObject({ ok: true, statusCode: 200, finalUrl: `${base}/ok` });
    expect(by.get(cols.getOnly!)).toMatchObject({ ok: true, statusCode: 200 });
    expect(by.get(cols.broken!)).toMatchObject({ ok: false, statusCode: 500, error: 'HTTP 500' });
    expect(by.get(cols.silent!)).toMatchObject({ ok: false, statusCode: null, error: '超时（1 秒内未响应）' });
    expect(by.get(cols.refused!)).toMatchObject({ ok: false, error: '连接被拒绝' });
    const rows = await t.services.database.db.selectFrom('link_checks').select(['column_id', 'ok']).execute();
    expect(rows).toHaveLength(6);
  });

  it('warns after one failure and counts a run of failures as a breach', async () => {
    const status = async () => {
      const r = await t.services.guarantee.status.check(system, { final: false });
      return new Map(r.duties.map((d) => [d.columnId, d]));
    };
    let by = await status();
    expect(by.get(cols.ok!)!.status).toBe('met');
    expect(by.get(cols.broken!)!.status).toBe('due_soon');
    expect(by.get(cols.broken!)!.found).toContain('连续 1 次检测失败');
    await t.services.guarantee.links.checkAll(system);
    by = await status();
    expect(by.get(cols.broken!)!.status).toBe('breached');
    expect(by.get(cols.silent!)!.found).toContain('超时');
    expect(by.get(cols.moved!)!.status).toBe('met');
  });
});
