import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { makeAccount, makeColumn, makeDuty, makeSite, makeUnit, system } from '../../../test/harness/factories.js';
import { publishForTest } from '../../../test/harness/publish.js';
import { ArticleInput } from '../content/content.schemas.js';
import { sha256 } from './static.writer.js';

// Issue 15 item 3 (files): edit, delete and add files in the output folder; each is restored or
// quarantined within 10 seconds by the watcher (and by the full scan when no watcher ran), recorded in
// the audit log, and the website centre is told. The writer's own work raises no alarm.

let t: TestApp;
let dir: string;
let code: string;
let unitId: number;
let columnId: number;
let editorId: number;
const ids: Record<string, number> = {};

const sp = () => t.services.staticPublishing;
const db = () => t.services.database.db;
const file = (...parts: string[]) => path.join(dir, code, ...parts);

async function publish(title: string) {
  const a = await t.services.articles.create(
    system,
    ArticleInput.parse({ columnId, unitId, title, bodyHtml: `<p>${title}的正文。</p>` }),
  );
  return (await publishForTest(t.services, a.id)).id;
}

async function recorded(rel: string): Promise<string | undefined> {
  return (await db().selectFrom('static_files').select('sha256').where('path', '=', rel).executeTakeFirst())?.sha256;
}

async function within(ms: number, ok: () => Promise<boolean> | boolean): Promise<void> {
  const until = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const tampered = async () =>
  (
    await db()
      .selectFrom('audit_log')
      .select(['entity_id', 'details'])
      .where('action', '=', 'static.tampered')
      .orderBy('id')
      .execute()
  ).map((r) => ({ path: r.entity_id, ...(JSON.parse(r.details ?? '{}') as { kind: string; action: string }) }));

const intact = async (rel: string) => {
  const full = path.join(dir, rel);
  return fs.existsSync(full) && sha256(fs.readFileSync(full)) === (await recorded(rel));
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-guard-'));
  t = await createTestApp({ staticPublish: { enabled: true, dir, scanMinutes: 30 } });
  const s = t.services;
  const site = await makeSite(s, { hosts: ['www.guard.example.test'] });
  code = site.code;
  unitId = (await makeUnit(s, '县政府办公室')).id;
  editorId = await makeAccount(s, 'centre-editor', unitId, ['site_editor']);
  columnId = (await makeColumn(s, site.id, '通知公告')).id;
  await makeDuty(s, columnId, { unitId });
  ids.a = await publish('关于秋冬季森林防火的通告');
  await sp().publisher.idle();
  await sp().guard.start();
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('tamper protection of the output folder', () => {
  it('restores an edited and a deleted page, quarantines a file never published, within 10 s', async () => {
    const page = `${code}/a/${ids.a}.html`;
    const original = fs.readFileSync(path.join(dir, page));
    fs.writeFileSync(path.join(dir, page), '<h1>黑客到此一游</h1>');
    fs.rmSync(file('index.html'));
    fs.mkdirSync(file('uploads'), { recursive: true });
    fs.writeFileSync(file('uploads', 'shell.php.html'), '<script>alert(1)</script>');

    await within(10_000, async () => (await intact(page)) && (await intact(`${code}/index.html`)));
    expect(fs.readFileSync(path.join(dir, page)).equals(original)).toBe(true);
    await within(10_000, () => !fs.existsSync(file('uploads', 'shell.php.html')));
    const quarantined = fs
      .readdirSync(path.join(t.config.dataDir, 'quarantine'), { recursive: true })
      .map(String)
      .filter((p) => p.endsWith('shell.php.html'));
    expect(quarantined).toHaveLength(1);

    await within(10_000, async () => (await tampered()).length === 3);
    expect(await tampered()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: page, kind: 'changed', action: 'restored' }),
        expect.objectContaining({ path: `${code}/index.html`, kind: 'deleted', action: 'restored' }),
        expect.objectContaining({ path: `${code}/uploads/shell.php.html`, kind: 'unknown', action: 'quarantined' }),
      ]),
    );
    const notices = await db()
      .selectFrom('notifications')
      .select(['title', 'body'])
      .where('account_id', '=', editorId)
      .where('kind', '=', 'static.tampered')
      .execute();
    expect(notices.length).toBeGreaterThanOrEqual(1);
    expect(notices.map((n) => n.body).join('\n')).toContain(page);
  });

  it('publishing while the guard watches raises no alarm', async () => {
    const before = (await tampered()).length;
    ids.b = await publish('关于开展消防安全检查的通知');
    await sp().publisher.idle();
    await t.services.publishing.unpublish(system, ids.a!, '已过期');
    await sp().publisher.idle();
    await new Promise((r) => setTimeout(r, 1500)); // the watcher's events of our own writes are judged by now
    expect((await tampered()).length).toBe(before);
    expect(fs.existsSync(file('a', `${ids.b}.html`))).toBe(true);
    expect(fs.existsSync(file('a', `${ids.a}.html`))).toBe(false);
  });

  it('the full scan finds what happened while nobody watched, stale temporary files included', async () => {
    await sp().guard.stop();
    const before = (await tampered()).length;
    fs.appendFileSync(file('sitemap.html'), '<!-- injected -->');
    fs.writeFileSync(file('a', '999999.html'), 'fake item');
    const temp = file('a', '.1.html.0123456789ab.gptmp');
    fs.writeFileSync(temp, 'left by a crash, or made to look so');
    const old = new Date(Date.now() - 3_600_000);
    fs.utimesSync(temp, old, old);

    const found = await sp().guard.scan();
    expect(found.map((i) => [i.path, i.kind, i.action]).sort()).toEqual(
      [
        [`${code}/a/.1.html.0123456789ab.gptmp`, 'unknown', 'quarantined'],
        [`${code}/a/999999.html`, 'unknown', 'quarantined'],
        [`${code}/sitemap.html`, 'changed', 'restored'],
      ].sort(),
    );
    expect(await intact(`${code}/sitemap.html`)).toBe(true);
    expect(fs.existsSync(file('a', '999999.html'))).toBe(false);
    expect((await tampered()).length).toBe(before + 3);
    expect(await sp().guard.scan()).toEqual([]);
  });
});
