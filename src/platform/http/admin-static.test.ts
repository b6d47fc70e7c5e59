import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { registerAdminApp } from './admin-static.js';

const dirs: string[] = [];
function fakeBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-admin-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>管理后台</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-3f2a1b.js'), 'console.log(1)');
  return dir;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function serve(dir: string) {
  const server = Fastify();
  await registerAdminApp(server, { dir });
  await server.ready();
  return server;
}

describe('admin app static files', () => {
  it('serves index.html for the app and its client-side routes, never cached', async () => {
    const server = await serve(fakeBuild());
    for (const url of ['/admin/', '/admin/articles/12', '/admin/columns?site=1', '/admin/audit?action=column.moved']) {
      const res = await server.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('管理后台');
    }
    expect((await server.inject('/admin')).headers.location).toBe('/admin/');
  });

  it('caches hashed assets for a year and answers 404 for a missing one', async () => {
    const server = await serve(fakeBuild());
    const asset = await server.inject('/admin/assets/index-3f2a1b.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await server.inject('/admin/assets/index-000000.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).not.toContain('text/html');
  });

  it('says in Chinese how to build the app when admin/dist is missing', async () => {
    const server = await serve(path.join(os.tmpdir(), 'govportal-no-such-build'));
    const res = await server.inject('/admin/articles');
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('管理后台尚未构建');
    expect(res.body).toContain('npm run build');
  });
});

// The real build (npm test builds before it runs the suite): what a first visit to the login page loads.
describe('the built admin app', () => {
  const dist = path.resolve(import.meta.dirname, '../../../admin/dist');

  it('loads neither the editor nor the charts for the login page, and sends every file compressed', async () => {
    expect(fs.existsSync(path.join(dist, 'index.html')), '先运行 npm run build').toBe(true);
    const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    const first = [...html.matchAll(/(?:src|href)="\/admin\/(assets\/[^"]+)"/g)].map((m) => m[1] as string);
    expect(first.length).toBeGreaterThan(1);
    expect(first.filter((f) => /editor|echarts/.test(f))).toEqual([]);
    const server = await serve(dist);
    let sent = 0;
    for (const file of first) {
      const res = await server.inject({ url: `/admin/${file}`, headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.statusCode, file).toBe(200);
      if (fs.statSync(path.join(dist, file)).size >= 1024) expect(res.headers['content-encoding'], file).toBe('br');
      expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding');
      sent += res.rawPayload.length;
    }
    const gzipOnly = await server.inject({ url: `/admin/${first[0]}`, headers: { 'accept-encoding': 'gzip' } });
    expect(gzipOnly.headers['content-encoding']).toBe('gzip');
    // 2.0 MB uncompressed before the split (issue 14); a budget, so that an import that drags a large
    // library into the first load is noticed.
    expect(sent).toBeLessThan(300_000);
  });
});
