import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../harness/app.js';
import { PASSWORD, makeAccount, makeColumn, makeSite, makeUnit } from '../harness/factories.js';

// Bad input anywhere must get a 4xx with a code and a Chinese message, never a 5xx. This throws
// random and malformed requests at every route the OpenAPI document lists, as a signed-in
// administrator (the widest permissions) and anonymously. The generator is seeded: a failure prints
// the seed and the request so it can be replayed.

const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 6);

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = [
  '',
  ' ',
  '涟水',
  '环评'.repeat(300),
  '\u0000',
  '<script>alert(1)</script>',
  "'; drop table articles; --",
  '%',
  '_',
  '😀',
  '１２３',
  '-1',
  '0',
  '1e309',
  'null',
  'true',
  '[]',
  '{}',
  '../../etc/passwd',
  'a'.repeat(5000),
];

function randomValue(r: () => number, depth = 0): unknown {
  const k = Math.floor(r() * (depth > 2 ? 5 : 8));
  switch (k) {
    case 0:
      return STRINGS[Math.floor(r() * STRINGS.length)];
    case 1:
      return Math.floor(r() * 2 ** 31) * (r() < 0.3 ? -1 : 1);
    case 2:
      return r() < 0.5 ? r() * 1e308 : -0.5;
    case 3:
      return r() < 0.5;
    case 4:
      return null;
    case 5:
      return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < Math.floor(r() * 5); i++)
        o[STRINGS[Math.floor(r() * STRINGS.length)]!.slice(0, 20) || 'x'] = randomValue(r, depth + 1);
      return o;
    }
  }
}

/** A body shaped like the route's schema but with each field randomly broken. */
function mutateFromSchema(schema: Record<string, unknown> | undefined, r: () => number): unknown {
  const props = (schema?.properties ?? {}) as Record<string, Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(props)) {
    const roll = r();
    if (roll < 0.2) continue;
    if (roll < 0.6) out[name] = randomValue(r);
    else
      out[name] =
        prop.type === 'integer' || prop.type === 'number'
          ? Math.floor(r() * 5) + 1
          : prop.type === 'boolean'
            ? true
            : prop.type === 'array'
              ? []
              : STRINGS[Math.floor(r() * STRINGS.length)];
  }
  return out;
}

const RAW_BODIES: Array<{ payload: string; type: string }> = [
  { payload: '{"unterminated": ', type: 'application/json' },
  { payload: 'not json at all', type: 'application/json' },
  { payload: '', type: 'application/json' },
  { payload: '[1,2,3]', type: 'application/json' },
  { payload: '"just a string"', type: 'application/json' },
  { payload: 'a=1&b=2', type: 'application/x-www-form-urlencoded' },
  { payload: '<xml/>', type: 'text/xml' },
  {
    payload: '--broken\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc',
    type: 'multipart/form-data; boundary=broken',
  },
  { payload: '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}', type: 'application/json' },
];

const PARAM_VALUES = [
  '1',
  '999999999',
  '-1',
  '0',
  'abc',
  '1.5',
  '%E6%B6%9F',
  'a'.repeat(300),
  '1%00',
  '00000000-0000-0000-0000-000000000000',
];

let t: TestApp;
let admin: ApiClient;
let paths: Array<{ method: string; path: string; body?: Record<string, unknown> }> = [];

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  const site = await makeSite(s);
  await makeColumn(s, site.id, '新闻中心');
  const unit = await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
  await makeAccount(s, 'admin', unit.id, ['sysadmin']);
  admin = await ApiClient.login(t.server, 'admin', PASSWORD);
  const doc = (await admin.get('/api/openapi.json')).json() as {
    paths: Record<
      string,
      Record<string, { requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> } }>
    >;
  };
  paths = Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path: p,
      body: op.requestBody?.content?.['application/json']?.schema,
    })),
  );
});
afterAll(() => t?.close());

function fill(path: string, r: () => number): string {
  return path.replace(/\{[^}]+\}/g, () => PARAM_VALUES[Math.floor(r() * PARAM_VALUES.length)]!);
}

function garbageQuery(r: () => number): string {
  const keys = [
    'page',
    'pageSize',
    'siteId',
    'columnId',
    'unitId',
    'status',
    'from',
    'to',
    'q',
    'format',
    'apply',
    'x',
  ];
  return keys
    .filter(() => r() < 0.4)
    .map((k) => `${k}=${encodeURIComponent(String(randomValue(r)).slice(0, 200))}`)
    .join('&');
}

describe('bad input never causes a server error', () => {
  it('lists the API routes from the OpenAPI document', () => {
    expect(paths.length).toBeGreaterThan(40);
  });

  it('answers unknown API routes with a coded Chinese 404', async () => {
    const r = await admin.get('/api/no-such-thing');
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect(r.json().message).toContain('接口不存在');
  });

  it('random, mutated and malformed requests get a 4xx with a code and a Chinese message', async () => {
    const r = rng(SEED);
    const failures: string[] = [];
    const check = async (
      client: ApiClient | null,
      method: string,
      url: string,
      payload: unknown,
      headers: Record<string, string> = {},
    ) => {
      const res = client
        ? await client.request(method as never, url, payload, headers)
        : await t.server.inject({ method: method as never, url, payload: payload as never, headers });
      if (res.statusCode >= 500)
        failures.push(
          `${res.statusCode} ${method} ${url} ${JSON.stringify(payload)?.slice(0, 200)} → ${res.body.slice(0, 200)}`,
        );
      else if (res.statusCode >= 400) {
        const body = res.json() as { code?: string; message?: string };
        if (!body.code || !/[\u4e00-\u9fff]/.test(body.message ?? ''))
          failures.push(`no code/Chinese message: ${res.statusCode} ${method} ${url} → ${res.body.slice(0, 200)}`);
      }
    };
    for (let round = 0; round < ROUNDS; round++) {
      for (const route of paths) {
        const url = `${fill(route.path, r)}${r() < 0.5 ? `?${garbageQuery(r)}` : ''}`;
        const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
        await check(
          admin,
          route.method,
          url,
          hasBody ? (r() < 0.5 ? mutateFromSchema(route.body, r) : randomValue(r)) : undefined,
        );
        if (hasBody) {
          const raw = RAW_BODIES[Math.floor(r() * RAW_BODIES.length)]!;
          await check(admin, route.method, url, raw.payload, { 'content-type': raw.type });
        }
        await check(null, route.method, url, hasBody ? randomValue(r) : undefined);
      }
    }
    expect(failures, `seed ${SEED}:\n${failures.join('\n')}`).toEqual([]);
  });
});
