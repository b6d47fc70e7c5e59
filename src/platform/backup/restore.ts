import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { MIGRATION_NAMES, migrateToLatest } from '../db/migrate.js';
import type { ProgressFn } from '../jobs/progress.js';
import { DiskBlobStore } from '../storage/storage.js';
import { lines, readArchive } from './archive.js';
import { BackupError } from './backup-error.js';
import type { Manifest, TableEntry } from './manifest.js';
import { decodeValue, FILLED_BY_MIGRATIONS } from './rows.js';
import { foreignKeys, tablesInLoadOrder, type TableInfo } from './schema.js';

// biome-ignore lint/suspicious/noExplicitAny: tables are written from the catalogue, not the app's types
type AnyKysely = Kysely<any>;

export interface RestoreOptions {
  /** The target database: empty (or --force), migrated here to the backup's schema version. */
  database: Database;
  dataDir: string;
  file: string;
  force: boolean;
  progress?: ProgressFn;
}

export interface RestoreSummary {
  manifest: Manifest;
  rows: number;
  files: number;
  /** Migrations run after loading, when the backup came from an older version. */
  upgraded: string[];
}

/** Parameters per INSERT, under every dialect's limit (SQLite's is the lowest, 32766). */
const MAX_PARAMS = 4000;

/**
 * Restores a backup: first reads the whole file and checks every part against the manifest (nothing is
 * touched if one differs), then loads every table in one transaction (a failure leaves the database as it
 * was) and puts the files back; finally migrates to this program's schema if the backup is older.
 */
export async function restoreBackup(o: RestoreOptions): Promise<RestoreSummary> {
  const progress = o.progress ?? (() => undefined);
  const db = o.database.db as AnyKysely;
  progress(0, null, '正在校验备份文件');
  const manifest = await readArchive(o.file, null);

  const unknown = manifest.migrations.filter((m) => !MIGRATION_NAMES.includes(m));
  if (unknown.length)
    throw new BackupError(
      `备份来自较新版本的 govportal（含本程序没有的数据库迁移 ${unknown.join('、')}），请先升级 govportal 再恢复`,
    );
  const applied = await appliedMigrations(db);
  const ahead = applied.filter((m) => !manifest.migrations.includes(m));
  if (ahead.length)
    throw new BackupError(
      `目标数据库的结构比备份新（已执行迁移 ${ahead.join('、')}），不能恢复到这个数据库：请恢复到一个新建的空数据库`,
    );
  await migrateToLatest(o.database, manifest.migrations.at(-1));

  const tables = new Map((await tablesInLoadOrder(db, o.database.dialect)).map((t) => [t.name, t]));
  for (const t of manifest.tables) {
    const here = tables.get(t.name);
    const missing = here ? t.columns.filter((c) => !here.columns.includes(c)) : [];
    if (!here || missing.length)
      throw new BackupError(
        `备份中的数据表 ${t.name} 与数据库结构不符${missing.length ? `（缺少列 ${missing.join('、')}）` : ''}`,
      );
  }
  const occupied = await tablesWithRows(
    db,
    [...tables.keys()].filter((t) => !FILLED_BY_MIGRATIONS.has(t)),
  );
  if (occupied.length && !o.force)
    throw new BackupError(
      `目标数据库不是空的（${occupied.slice(0, 5).join('、')}${occupied.length > 5 ? ` 等 ${occupied.length} 张表` : ''} 已有数据）。恢复会删除这些数据；确认要覆盖请加 --force`,
    );
  const secretFile = path.join(o.dataDir, 'secret.key');
  if (
    manifest.secretKey &&
    fs.existsSync(secretFile) &&
    !o.force &&
    sha256(fs.readFileSync(secretFile)) !== manifest.secretKey.sha256
  )
    throw new BackupError(
      `数据目录中已有与备份不同的密钥文件 ${secretFile}：数据库中加密保存的口令（如邮箱密码）须用备份中的密钥才能读取。确认用备份中的密钥覆盖请加 --force`,
    );
  let secret: Buffer | null = null;

  const fks = await foreignKeys(db, o.database.dialect);
  const total = manifest.tables.reduce((n, t) => n + t.rows, 0) + manifest.files.length;
  const byPart = new Map(manifest.tables.map((t) => [t.part.name, t]));
  const store = new DiskBlobStore(path.join(o.dataDir, 'files'));
  let done = 0;
  await db.transaction().execute(async (trx) => {
    await clearAll(trx, [...tables.values()], fks);
    const loaded = new Set<string>();
    const deferred: Array<{ table: string; id: unknown; column: string; value: unknown }> = [];
    await readArchive(o.file, async (part, chunks) => {
      const table = byPart.get(part.name);
      if (table) {
        const self = deferredColumns(table, fks, loaded);
        await loadTable(trx, table, tables.get(table.name)!, self, lines(chunks), deferred, (n) => {
          done += n;
          progress(done, total, `正在恢复数据表 ${table.name}`);
        });
        loaded.add(table.name);
      } else if (part.name.startsWith('files/')) {
        const bytes = await collect(chunks);
        const { key } = await store.put(bytes);
        if (`files/${key}` !== part.name)
          throw new BackupError(`备份文件已损坏或被改动：${part.name} 的内容与其校验值不符`);
        progress(++done, total, `正在恢复上传文件 ${done - (total - manifest.files.length)}/${manifest.files.length}`);
      } else secret = await collect(chunks);
    });
    for (const d of deferred)
      await trx
        .updateTable(d.table)
        .set({ [d.column]: d.value })
        .where('id', '=', d.id)
        .execute();
    if (o.database.dialect === 'postgres') await resetSequences(trx, manifest.tables);
  });
  if (secret) await writeSecret(secretFile, secret);
  const upgraded = await migrateToLatest(o.database);
  return { manifest, rows: manifest.tables.reduce((n, t) => n + t.rows, 0), files: manifest.files.length, upgraded };
}

async function appliedMigrations(db: AnyKysely): Promise<string[]> {
  const all = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!all.some((t) => t.name === 'kysely_migration')) return [];
  return (await db.selectFrom('kysely_migration').select('name').execute()).map((r) => String(r.name));
}

async function tablesWithRows(db: AnyKysely, names: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const t of names) if (await db.selectFrom(t).select(sql.lit(1).as('x')).limit(1).executeTakeFirst()) out.push(t);
  return out;
}

/**
 * Empties every table (--force, or what the migrations filled): references within a table are cleared
 * first (MariaDB checks a self-reference row by row while deleting), then the tables from the last loaded
 * to the first, so that nothing is deleted while another table still points at it.
 */
async function clearAll(trx: Transaction<unknown>, tables: TableInfo[], fks: Awaited<ReturnType<typeof foreignKeys>>) {
  const t = trx as unknown as AnyKysely;
  for (const fk of fks)
    if (fk.table === fk.references && tables.some((x) => x.name === fk.table))
      await t
        .updateTable(fk.table)
        .set({ [fk.column]: null })
        .execute();
  for (const table of [...tables].reverse()) await t.deleteFrom(table.name).execute();
}

/**
 * References a table's rows cannot satisfy while it is loaded: to its own rows (a column's parent may
 * have a larger id) or to a table loaded later (a cycle). They are written as NULL, then set afterwards.
 */
function deferredColumns(table: TableEntry, fks: Awaited<ReturnType<typeof foreignKeys>>, loaded: Set<string>) {
  const out = new Map<string, { self: boolean }>();
  for (const fk of fks)
    if (fk.table === table.name && (fk.references === table.name || !loaded.has(fk.references)))
      out.set(fk.column, { self: fk.references === table.name });
  return out;
}

async function loadTable(
  trx: Transaction<unknown>,
  table: TableEntry,
  info: TableInfo,
  deferredCols: Map<string, { self: boolean }>,
  rows: AsyncIterable<string>,
  deferred: Array<{ table: string; id: unknown; column: string; value: unknown }>,
  onRows: (n: number) => void,
): Promise<void> {
  const t = trx as unknown as AnyKysely;
  if (deferredCols.size && !info.hasId) throw new BackupError(`数据表 ${table.name} 引用自身但没有 id 列，无法恢复`);
  const perInsert = Math.max(1, Math.floor(MAX_PARAMS / table.columns.length));
  const seen = new Set<unknown>();
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (!batch.length) return;
    await t.insertInto(table.name).values(batch).execute();
    onRows(batch.length);
    batch = [];
  };
  for await (const line of rows) {
    if (!line) continue;
    const values = JSON.parse(line) as unknown[];
    const row: Record<string, unknown> = {};
    table.columns.forEach((c, i) => {
      row[c] = decodeValue(values[i]);
    });
    for (const [column, { self }] of deferredCols) {
      const value = row[column];
      if (value === null || value === undefined || (self && seen.has(value))) continue;
      deferred.push({ table: table.name, id: row.id, column, value });
      row[column] = null;
    }
    if (info.hasId) seen.add(row.id);
    batch.push(row);
    if (batch.length >= perInsert) await flush();
  }
  await flush();
}

/** PostgreSQL's serial sequences do not move when ids are given: set each past the largest id. */
async function resetSequences(trx: Transaction<unknown>, tables: TableEntry[]): Promise<void> {
  for (const t of tables) {
    if (!t.columns.includes('id')) continue;
    // Only serial ids have a sequence (a text id, e.g. a two-factor challenge's hash, has none).
    const { rows } = await sql<{ seq: string | null }>`select pg_get_serial_sequence(${t.name}, 'id') as seq`.execute(
      trx,
    );
    if (!rows[0]?.seq) continue;
    await sql`select setval(pg_get_serial_sequence(${t.name}, 'id'), coalesce(max(id), 0) + 1, false) from ${sql.table(t.name)}`.execute(
      trx,
    );
  }
}

async function writeSecret(file: string, bytes: Buffer): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await fs.promises.writeFile(file, bytes, { mode: 0o600 });
}

function sha256(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}
