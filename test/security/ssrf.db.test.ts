import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDuty } from '../../src/modules/guarantee/guarantee.test-helpers.js';
import { ApiClient, createTestApp, type TestApp } from '../harness/app.js';
import { PASSWORD, makeAccount, makeColumn, makeSite, makeUnit, system } from '../harness/factories.js';

// Issue 9 item 5: the link checker followed redirects to loopback, decimal-IP and other internal
// addresses and reported their status. An "internal" server stands for the admin port or an intranet
// system; an allowed "public" server (FETCH_ALLOW names its port only) redirects to it in every
// spelling. The internal server must never be reached, and each probe says why.

let t: TestApp;
let admin: ApiClient;
let internal: http.Server;
let outside: http.Server;
let reached: string[] = [];
let ip: number; // the internal server's port
let op: number; // the allowed server's port
const cols = new Map<number, string>();

async function listen(handler: http.RequestListener): Promise<[http.Server, number]> {
  const s = http.createServer(handler);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return [s, (s.address() as AddressInfo).port];
}

const TARGETS = (p: number): Record<string, string> => ({
  loopback: `http://127.0.0.1:${p}/secret`,
  decimal: `http://2130706433:${p}/secret`,
  hex: `http://0x7f.0.0.1:${p}/secret`,
  octal: `http://0177.0.0.1:${p}/secret`,
  short: `http://127.1:${p}/secret`,
  mapped: `http://[::ffff:127.0.0.1]:${p}/secret`,
  localhost: `http://localhost:${p}/secret`,
  metadata: 'http://169.254.169.254/latest/meta-data/',
  aliyun: 'http://100.100.100.200/latest/meta-data/',
  private: 'http://10.0.0.1/',
  unspecified: `http://0.0.0.0:${p}/secret`,
});

beforeAll(async () => {
  [internal, ip] = await listen((req, res) => {
    reached.push(req.url ?? '');
    res.end('secret');
  });
  [outside, op] = await listen((req, res) => {
    const to = TARGETS(ip)[(req.url ?? '').slice(1)];
    if (to) return res.writeHead(302, { location: to }).end();
    if (req.url === '/ok') return res.end('ok');
    if (req.url === '/big') return res.end(Buffer.alloc(3 * 1024 * 1024, 97));
    if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end();
    res.writeHead(404).end();
  });
  t = await createTestApp({ fetch: { allow: `127.0.0.1:${op}`, maxBytes: 1024 * 1024 } });
  const s = t.services;
  const office = await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
  await makeAccount(s, 'ssrfadmin', office.id, ['sysadmin']);
  admin = await ApiClient.login(t.server, 'ssrfadmin', PASSWORD);
  const site = await makeSite(s);
  const add = async (name: string, url: string) => {
    const c = await makeColumn(s, site.id, name, null, { kind: 'link', linkUrl: url });
    await insertDuty(s, c.id, { cadence: 'external_link' }, [{ unitId: office.id }]);
    cols.set(c.id, name);
  };
  for (const [name, url] of Object.entries(TARGETS(ip))) {
    await add(`直接-${name}`, url);
    await add(`跳转-${name}`, `http://127.0.0.1:${op}/${name}`);
  }
  await add('允许的外部地址', `http://127.0.0.1:${op}/ok`);
});
afterAll(async () => {
  await t?.close();
  for (const s of [internal, outside]) {
    s?.closeAllConnections();
    await new Promise<void>((resolve) => s?.close(() => resolve()));
  }
});

describe('the link checker', () => {
  it('never reaches an internal address, directly or through a redirect, in any spelling', async () => {
    reached = [];
    const results = await t.services.guarantee.links.checkAll(system);
    expect(reached).toEqual([]);
    const by = new Map(results.map((r) => [cols.get(r.columnId)!, r]));
    expect(by.get('允许的外部地址')).toMatchObject({ ok: true, statusCode: 200 });
    for (const name of Object.keys(TARGETS(ip))) {
      for (const how of ['直接', '跳转']) {
        const r = by.get(`${how}-${name}`)!;
        expect(r, `${how}-${name}`).toMatchObject({ ok: false, statusCode: null });
        expect(r.error, `${how}-${name}`).toMatch(/不予访问$/);
      }
    }
    expect(by.get('直接-decimal')!.error).toBe('地址 127.0.0.1 是本机地址，不予访问');
    expect(by.get('直接-metadata')!.error).toBe('地址 169.254.169.254 是链路本地地址（含云服务元数据地址），不予访问');
    expect(by.get('直接-localhost')!.error).toMatch(/^地址 localhost 解析为 (127\.0\.0\.1|::1)，是本机地址，不予访问$/);
    // What was recorded says the same; no internal status code was ever stored.
    const rows = await t.services.database.db.selectFrom('link_checks').select(['status_code', 'error']).execute();
    expect(rows.filter((r) => r.status_code !== null)).toHaveLength(1);
  });
});

describe('the guarded fetcher (what a crawler gets)', () => {
  it('reads a body up to the size limit and says it was cut', async () => {
    const r = await t.services.fetcher.fetch(`http://127.0.0.1:${op}/big`, { readBody: true });
    expect(r.status).toBe(200);
    expect(r.body!.length).toBe(1024 * 1024);
    expect(r.truncated).toBe(true);
  });

  it('stops endless redirects and refuses other schemes, in Chinese', async () => {
    await expect(t.services.fetcher.fetch(`http://127.0.0.1:${op}/loop`)).rejects.toThrow('重定向次数过多');
    await expect(t.services.fetcher.fetch('file:///etc/passwd')).rejects.toThrow(
      '不支持的地址协议 file（只访问 http 和 https 地址）',
    );
    expect(t.services.fetcher.refusal(`http://[::1]:${ip}/`)).toBe('地址 ::1 是本机地址，不予访问');
    expect(reached).toEqual([]);
  });
});

describe('column link addresses', () => {
  it('refuses protocol-relative and backslash addresses with Chinese messages', async () => {
    const site = (await admin.get('/api/sites')).json()[0];
    for (const [linkUrl, message] of [
      ['//evil.example/', '链接地址须以 http://、https:// 或 /（站内路径，不能以 // 开头）开头'],
      ['/\\evil.example/', '链接地址不能包含反斜杠“\\”'],
      ['https://www.gov.cn\\@evil.example/', '链接地址不能包含反斜杠“\\”'],
    ]) {
      const r = await admin.post('/api/columns', {
        siteId: site.id,
        parentId: null,
        name: '外链',
        kind: 'link',
        linkUrl,
      });
      expect(r.statusCode, linkUrl).toBe(400);
      expect(r.json().message, linkUrl).toBe(`linkUrl：${message}`);
    }
    const ok = await admin.post('/api/columns', {
      siteId: site.id,
      parentId: null,
      name: '中国政府网',
      kind: 'link',
      linkUrl: 'https://www.gov.cn/',
    });
    expect(ok.statusCode).toBe(201);
  });
});
