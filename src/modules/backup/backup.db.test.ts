import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, testConfig, type TestApp } from '../../../test/harness/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/harness/db.js';
import {
  PASSWORD,
  makeAccount,
  makeColumn,
  makeSite,
  makeUnit,
  multipartFile,
  system,
} from '../../../test/harness/factories.js';
import { publishForTest } from '../../../test/harness/publish.js';
import { buildApp, type App } from '../../app.js';
import { restoreBackup } from '../../platform/backup/restore.js';
import { tablesInLoadOrder } from '../../platform/backup/schema.js';
import { verifyChain } from '../../platform/audit/chain.js';
import type { Config } from '../../platform/config.js';
import { createDatabase } from '../../platform/db/database.js';
import { BackupRepository } from './backup.repository.js';
import { BackupService } from './backup.service.js';

// Issue 9 item 9: a seeded instance backed up and restored into a fresh database and data directory
// gives the same rows, the same attachment bytes, an audit chain that verifies and the same public
// page; a damaged or altered file is refused before anything is touched; the schedule prunes.

let t: TestApp;
let work: string;
let archive: string;
let articleId: number;
let fileUrl: string;
let imageUrl: string;
const pdf = fs.readFileSync(path.join(import.meta.dirname, '../../../test/fixtures/sample.pdf'));
const pdfKey = crypto
  .createHash('sha256')
  .update(fs.readFileSync(path.join(import.meta.dirname, '../../../test/fixtures/sample.pdf')))
  .digest('hex');
const png = fs.readFileSync(path.join(import.meta.dirname, '../../../test/fixtures/red.png'));
type Row = Record<string, unknown>;
let before: Record<string, Row[]>;
let page: string;

/** Every table's rows (sessions are not backed up), in a fixed order. */
async function allRows(app: {
  services: { database: TestApp['services']['database'] };
}): Promise<Record<string, Row[]>> {
  const { db, dialect } = app.services.database;
  const out: Record<string, Row[]> = {};
  for (const table of await tablesInLoadOrder(db, dialect)) {
    if (table.name === 'sessions') continue;
    // biome-ignore lint/suspicious/noExplicitAny: tables read from the catalogue, not the app types
    let q = (db as any).selectFrom(table.name).selectAll();
    for (const c of table.columns) q = q.orderBy(c);
    out[table.name] = await q.execute();
  }
  return out;
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-backup-'));
  archive = path.join(work, 'backup.tar.gz');
  t = await createTestApp();
  const s = t.services;
  const site = await makeSite(s);
  const unit = await makeUnit(s, '人民政府办公室');
  const news = await makeColumn(s, site.id, '新闻中心');
  const local = await makeColumn(s, site.id, '涟水新闻', news.id);
  // A column whose parent was made after it: the self-reference loads only once both rows are in.
  const later = await makeColumn(s, site.id, '后建栏目');
  await s.columns.move(system, local.id, { parentId: later.id, sortOrder: 0 });
  await makeAccount(s, 'editor', unit.id, ['site_editor']);
  const editor = await ApiClient.login(t.server, 'editor', PASSWORD);
  const up = async (name: string, bytes: Buffer) => {
    const { payload, headers } = multipartFile(name, bytes);
    return (await editor.request('POST', '/api/attachments', payload, headers)).json() as { id: number };
  };
  const file = await up('预算说明.pdf', pdf);
  const image = await up('图片.png', png);
  const created = await editor.post('/api/articles', {
    columnId: local.id,
    title: '2026年县级预算公开',
    bodyHtml: '<p>详见附件。</p>',
    attachmentIds: [file.id, image.id],
  });
  expect(created.statusCode).toBe(201);
  articleId = created.json().id;
  await publishForTest(s, articleId);
  await editor.post('/api/articles', { columnId: news.id, title: '未发布的草稿', bodyHtml: '<p>草稿</p>' });
  fileUrl = `/files/${file.id}/${encodeURIComponent('预算说明.pdf')}`;
  imageUrl = `/files/${image.id}/${encodeURIComponent('图片.png')}`;
  page = (await t.server.inject({ method: 'GET', url: `/a/${articleId}.html` })).body;
  expect(page).toContain('2026年县级预算公开');
  before = await allRows(t);
  expect(before.audit_log!.length).toBeGreaterThan(5);
  await s.backup.backup(system, archive);
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

async function freshTarget(): Promise<{ testDb: TestDatabase; config: Config; drop(): Promise<void> }> {
  const testDb = await createTestDatabase();
  const config = testConfig(testDb);
  return {
    testDb,
    config,
    drop: async () => {
      await testDb.database.close();
      await testDb.drop();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

describe('backup and restore', () => {
  it('restores into an empty database and data directory: same rows, files, audit chain and page', async () => {
    const target = await freshTarget();
    let app: App | undefined;
    try {
      const r = await restoreBackup({
        database: target.testDb.database,
        dataDir: target.config.dataDir,
        file: archive,
        force: false,
      });
      expect(r.files).toBe(2);
      app = await buildApp(target.config, { database: target.testDb.database });
      const after = await allRows(app);
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
      const get = (url: string) => app!.server.inject({ method: 'GET', url });
      expect((await get(fileUrl)).rawPayload.equals(pdf)).toBe(true);
      expect((await get(imageUrl)).rawPayload.equals(png)).toBe(true);
      expect((await get(`/a/${articleId}.html`)).body).toBe(page);
      const chain = await app.services.auditLog.verify(system);
      expect(chain).toMatchObject({ ok: true, checked: before.audit_log!.length });
      // New ids continue after the restored ones (PostgreSQL's sequences are moved past them).
      const unit = await makeUnit(app.services, '恢复后新建的单位');
      expect(unit.id).toBeGreaterThan(Math.max(...before.units!.map((u) => u.id as number)));

      // The database now holds data: a second restore is refused unless forced, and then gives the same.
      await expect(
        restoreBackup({
          database: target.testDb.database,
          dataDir: target.config.dataDir,
          file: archive,
          force: false,
        }),
      ).rejects.toThrow(/目标数据库不是空的.*--force/);
      await restoreBackup({
        database: target.testDb.database,
        dataDir: target.config.dataDir,
        file: archive,
        force: true,
      });
      const again = await allRows(app);
      for (const table of Object.keys(before)) expect(again[table], table).toEqual(before[table]);
    } finally {
      await app?.server.close();
      await target.drop();
    }
  });

  it('restores the same file into SQLite whatever database made it (one format for all three)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-sqlite-'));
    const database = createDatabase('sqlite', `sqlite:${path.join(dir, 'govportal.db')}`);
    try {
      await restoreBackup({ database, dataDir: dir, file: archive, force: false });
      const after = await allRows({ services: { database } });
      for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
      expect((await verifyChain(database.db)).ok).toBe(true);
      expect(fs.readFileSync(path.join(dir, 'files', pdfKey.slice(0, 2), pdfKey)).equals(pdf)).toBe(true);
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a damaged file and an altered part before touching the database', async () => {
    const target = await freshTarget();
    try {
      const bytes = fs.readFileSync(archive);
      const damaged = path.join(work, 'damaged.tar.gz');
      const broken = Buffer.from(bytes);
      broken[Math.floor(broken.length / 2)]! ^= 0xff;
      fs.writeFileSync(damaged, broken);
      const restore = (file: string) =>
        restoreBackup({ database: target.testDb.database, dataDir: target.config.dataDir, file, force: false });
      await expect(restore(damaged)).rejects.toThrow(/备份文件已损坏/);

      // A well-formed archive whose audit part was edited: gzip is happy, the SHA-256 is not.
      const altered = path.join(work, 'altered.tar.gz');
      await rewriteArchive(archive, altered, (name, data) =>
        name.endsWith('-audit_log.jsonl')
          ? Buffer.from(data.toString('utf8').replace('2026年县级预算公开', '2026年县级预算公示'))
          : data,
      );
      await expect(restore(altered)).rejects.toThrow(/audit_log\.jsonl 的校验值（SHA-256）与清单不符/);
      await expect(restore(path.join(work, 'none.tar.gz'))).rejects.toThrow(/备份文件不存在/);
      const tables = await target.testDb.database.db.introspection.getTables({ withInternalKyselyTables: true });
      expect(tables).toEqual([]);
      expect(fs.existsSync(path.join(target.config.dataDir, 'files'))).toBe(false);
    } finally {
      await target.drop();
    }
  });

  it('runs the scheduled backup once a day, keeps the newest N, and reports a failure to the administrators', async () => {
    const s = t.services;
    const dir = path.join(work, 'scheduled');
    let now = new Date('2027-03-01T18:30:00Z'); // 02:30 on 2 March in Shanghai
    const backup = new BackupService({
      database: s.database,
      databaseUrl: t.config.database.url,
      dataDir: t.config.dataDir,
      uow: s.uow,
      settings: s.settings,
      notify: s.notify,
      repo: new BackupRepository(s.database.db),
      clock: () => now,
    });
    await backup.setSchedule(system, { dir, hour: 3, keep: 2 });
    for (const old of ['govportal-20270227-0300.tar.gz', 'govportal-20270228-0300.tar.gz', 'other.tar.gz'])
      fs.writeFileSync(path.join(dir, old), 'old');
    expect(await backup.scheduledRound()).toBeNull(); // before 03:00
    now = new Date('2027-03-01T19:05:00Z');
    const done = await backup.scheduledRound();
    expect(done).toEqual({
      file: path.join(dir, 'govportal-20270302-0305.tar.gz'),
      pruned: ['govportal-20270227-0300.tar.gz'],
    });
    expect(fs.readdirSync(dir).sort()).toEqual([
      'govportal-20270228-0300.tar.gz',
      'govportal-20270302-0305.tar.gz',
      'other.tar.gz',
    ]);
    now = new Date('2027-03-01T20:00:00Z');
    expect(await backup.scheduledRound()).toBeNull(); // today's is made
    const logged = await s.database.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity_type', '=', 'backup')
      .orderBy('id')
      .execute();
    expect(logged.map((r) => r.action)).toEqual(['backup.created', 'backup.schedule_changed', 'backup.scheduled']);

    // The next day the directory is gone and a file sits in its place: the run fails, is logged, and
    // the administrator is told (once, however often the worker retries).
    const admin = await makeAccount(s, 'sysadmin-backup', before.units![0]!.id as number, ['sysadmin']);
    fs.rmSync(dir, { recursive: true });
    fs.writeFileSync(dir, 'not a directory');
    now = new Date('2027-03-02T19:05:00Z');
    await expect(backup.scheduledRound()).rejects.toThrow();
    await expect(backup.scheduledRound()).rejects.toThrow();
    const failed = await s.database.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'backup.failed')
      .execute();
    expect(failed.length).toBe(2);
    expect(failed[0]!.summary).toMatch(/^定时备份失败：/);
    const notices = await s.database.db
      .selectFrom('notifications')
      .select(['title', 'body'])
      .where('account_id', '=', admin)
      .where('kind', '=', 'backup.failed')
      .execute();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.title).toBe('定时备份失败');
    expect((await s.auditLog.verify(system)).ok).toBe(true);
  });
});

describe('the schedule in the admin API', () => {
  it('lets the system administrator read and set it, refuses bad values in Chinese and other roles', async () => {
    const s = t.services;
    await makeAccount(s, 'sysadmin-api', before.units![0]!.id as number, ['sysadmin']);
    const admin = await ApiClient.login(t.server, 'sysadmin-api', PASSWORD);
    const editor = await ApiClient.login(t.server, 'editor', PASSWORD);
    expect((await editor.get('/api/backup/schedule')).statusCode).toBe(403);
    const dir = path.join(work, 'api');
    const missing = await admin.put('/api/backup/schedule', { schedule: { dir, hour: 2, keep: 7 } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toMatch(/不存在或不可写入/);
    expect(fs.existsSync(dir)).toBe(false);
    fs.mkdirSync(dir);
    const put = await admin.put('/api/backup/schedule', { schedule: { dir, hour: 2, keep: 7 } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ schedule: { dir, hour: 2, keep: 7 } });
    expect((await admin.get('/api/backup/schedule')).json().schedule).toEqual({ dir, hour: 2, keep: 7 });
    const badHour = await admin.put('/api/backup/schedule', { schedule: { dir, hour: 24, keep: 7 } });
    expect(badHour.statusCode).toBe(400);
    const relative = await admin.put('/api/backup/schedule', { schedule: { dir: 'backups', hour: 2, keep: 7 } });
    expect(relative.statusCode).toBe(400);
    expect(relative.json().message).toMatch(/绝对路径/);
    fs.writeFileSync(path.join(work, 'a-file'), 'x');
    const notDir = await admin.put('/api/backup/schedule', {
      schedule: { dir: path.join(work, 'a-file'), hour: 2, keep: 7 },
    });
    expect(notDir.statusCode).toBe(400);
    expect(notDir.json().message).toMatch(/不存在或不可写入/);
    expect((await admin.put('/api/backup/schedule', { schedule: null })).json()).toMatchObject({ schedule: null });
  });
});

/** Copies a backup, passing each entry's bytes through `change` (the manifest is kept as it was). */
async function rewriteArchive(from: string, to: string, change: (name: string, data: Buffer) => Buffer) {
  const extract = tar.extract();
  fs.createReadStream(from)
    .pipe(zlib.createGunzip())
    .pipe(extract as unknown as NodeJS.WritableStream);
  const pack = tar.pack();
  const written = new Promise<void>((resolve) =>
    pack
      .pipe(zlib.createGzip())
      .pipe(fs.createWriteStream(to))
      .on('close', () => resolve()),
  );
  for await (const entry of extract) {
    const parts: Buffer[] = [];
    for await (const c of entry as AsyncIterable<Buffer>) parts.push(c);
    const data = change(entry.header.name, Buffer.concat(parts));
    pack.entry({ name: entry.header.name, size: data.length }, data);
  }
  pack.finalize();
  await written;
}
