import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import iconv from 'iconv-lite';
import { createTestApp } from '../test/harness/app.js';
import { makeColumn, makeSite, makeUnit, system } from '../test/harness/factories.js';
import { commit } from './report.js';

// A crawl of 50 sources on loopback: 10 department "hosts" (ports) with 5 list pages each, half GBK,
// 30 entries a page, link mode, on SQLite. Round 1 takes every entry (1,500 drafts); round 2 finds
// nothing new (dedup by URL). The per-host interval is the crawler's politeness; the round's time is
// bounded below by (sources per host − 1) × interval.
// Usage: npx tsx bench/crawl.ts  (BENCH_HOSTS=10, BENCH_PER_HOST=5, BENCH_ENTRIES=30, BENCH_INTERVAL_MS=200)

const HOSTS = Number(process.env.BENCH_HOSTS ?? 10);
const PER_HOST = Number(process.env.BENCH_PER_HOST ?? 5);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 30);
const INTERVAL = Number(process.env.BENCH_INTERVAL_MS ?? 200);

function listPage(host: number, page: number, gbk: boolean): Buffer {
  const items = Array.from(
    { length: ENTRIES },
    (_, i) =>
      `<li><a href="/p${page}/${i}.html">部门${host}第${page}栏第${i}条工作动态</a><span>2026-11-${String(1 + (i % 28)).padStart(2, '0')}</span></li>`,
  ).join('\n');
  const html = `<html><head><meta charset="${gbk ? 'gbk' : 'utf-8'}"></head><body><ul class="list">${items}</ul></body></html>`;
  return gbk ? iconv.encode(html, 'gbk') : Buffer.from(html);
}

async function main() {
  const servers: http.Server[] = [];
  const ports: number[] = [];
  for (let h = 0; h < HOSTS; h++) {
    const server = http.createServer((req, res) => {
      if (req.url === '/robots.txt') return res.writeHead(404).end();
      const page = Number(/\/list(\d+)\.html/.exec(req.url ?? '')?.[1] ?? -1);
      if (page < 0) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html' }).end(listPage(h, page, page % 2 === 0));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
    ports.push((server.address() as AddressInfo).port);
  }
  const t = await createTestApp({
    fetch: { allow: ports.map((p) => `127.0.0.1:${p}`).join(','), maxBytes: 5 * 1024 * 1024 },
    crawl: { hostIntervalMs: INTERVAL, timeoutMs: 10_000, maxBytes: 3 * 1024 * 1024, maxEntries: 200 },
  });
  const s = t.services;
  const site = await makeSite(s);
  for (let h = 0; h < HOSTS; h++) {
    const unit = await makeUnit(s, `部门${h}`);
    const column = await makeColumn(s, site.id, `部门${h}动态`);
    for (let p = 0; p < PER_HOST; p++)
      await s.crawl.create(system, {
        name: `部门${h}-${p}`,
        url: `http://127.0.0.1:${ports[h]}/list${p}.html`,
        kind: 'html',
        mode: 'link',
        unitId: unit.id,
        columnId: column.id,
        linkSelector: '.list li',
        everyMinutes: 10,
        staleDays: 30,
        enabled: true,
      });
  }
  const round = async () => {
    const t0 = performance.now();
    const r = await s.crawl.runDue();
    return {
      ms: Math.round(performance.now() - t0),
      ok: r.filter((x) => x.ok).length,
      added: r.reduce((n, x) => n + x.added, 0),
    };
  };
  const first = await round();
  await s.database.db.updateTable('crawl_sources').set({ last_run_at: null }).execute();
  const second = await round();
  console.log(
    JSON.stringify({
      commit: commit(),
      hosts: HOSTS,
      perHost: PER_HOST,
      entries: ENTRIES,
      intervalMs: INTERVAL,
      load: os.loadavg()[0],
      first,
      second,
    }),
  );
  await t.close();
  for (const sv of servers) sv.close();
}

await main();
