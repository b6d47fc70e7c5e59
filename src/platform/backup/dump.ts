import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { sqlitePath, type Database } from '../db/database.js';
import type { ProgressFn } from '../jobs/progress.js';
import { writeArchive, type PartSource } from './archive.js';
import { FORMAT, FORMAT_VERSION, type Manifest, type PartRef, type TableEntry } from './manifest.js';
import { encodeValue, NOT_BACKED_UP } from './rows.js';
import { tablesInLoadOrder, type TableInfo } from './schema.js';

// A backup is a logical export: every table as JSON lines, read from one consistent snapshot, plus the
// uploaded files. One format for the three databases, so a backup restores into any of them (docs/
// operations.md says why this and not pg_dump / mysqldump).

// biome-ignore lint/suspicious/noExplicitAny: tables are read from the catalogue, not the app's types
type AnyKysely = Kysely<any>;

export interface BackupOptions {
  database: Database;
  /** DATABASE_URL: SQLite is copied through its online backup API from this file. */
  databaseUrl: string;
  dataDir: string;
  file: string;
  progress?: ProgressFn;
  clock?: () => Date;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  tables: number;
  rows: number;
  files: number;
  migrations: string[];
}

const PAGE = 1000;

export async function createBackup(o: BackupOptions): Promise<BackupSummary> {
  const progress = o.progress ?? (() => undefined);
  const file = path.resolve(o.file);
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const staging = await fs.promises.mkdtemp(path.join(path.dirname(file), '.govportal-backup-'));
  try {
    const blobs = await listBlobs(path.join(o.dataDir, 'files'));
    const { tables, migrations } = await withSnapshot(o, staging, progress, (db) =>
      exportTables(db, o.database.dialect, staging, blobs.length, progress),
    );
    const secretFile = path.join(o.dataDir, 'secret.key');
    const secret = fs.existsSync(secretFile) ? fs.readFileSync(secretFile) : null;
    const secretKey: PartRef | null = secret
      ? { name: 'secret.key', size: secret.length, sha256: sha256(secret) }
      : null;
    const manifest: Manifest = {
      format: FORMAT,
      version: FORMAT_VERSION,
      createdAt: (o.clock ?? (() => new Date()))().toISOString(),
      sourceDialect: o.database.dialect,
      migrations,
      tables: tables.map((t) => t.entry),
      files: blobs.map((b) => b.ref),
      secretKey,
    };
    const rows = tables.reduce((n, t) => n + t.entry.rows, 0);
    const total = rows + blobs.length;
    let done = rows;
    const parts: PartSource[] = [
      ...tables.map((t) => ({ ...t.entry.part, open: () => fs.createReadStream(t.path) })),
      ...blobs.map((b) => ({ ...b.ref, open: () => fs.createReadStream(b.path) })),
      ...(secret && secretKey ? [{ ...secretKey, open: () => bufferStream(secret) }] : []),
    ];
    await writeArchive(file, manifest, parts, (name) => {
      if (name.startsWith('files/')) progress(++done, total, `正在打包上传文件 ${done - rows}/${blobs.length}`);
    });
    return {
      file,
      bytes: fs.statSync(file).size,
      tables: tables.length,
      rows,
      files: blobs.length,
      migrations,
    };
  } finally {
    await fs.promises.rm(staging, { recursive: true, force: true });
  }
}

/**
 * Runs `work` on a consistent view of the whole database. SQLite: a copy made with the online backup
 * API (it copies pages while the server keeps writing, and restarts if a write lands mid-copy), read at
 * leisure without holding the server's one connection. PostgreSQL and MariaDB: one read-only
 * REPEATABLE READ transaction, whose snapshot every query in it sees.
 */
async function withSnapshot<T>(
  o: BackupOptions,
  staging: string,
  progress: ProgressFn,
  work: (db: AnyKysely) => Promise<T>,
): Promise<T> {
  if (o.database.dialect !== 'sqlite')
    return o.database.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute((trx) => work(trx as AnyKysely));
  const copy = path.join(staging, 'snapshot.db');
  const source = new BetterSqlite3(sqlitePath(o.databaseUrl), { fileMustExist: true });
  try {
    await source.backup(copy, {
      progress: ({ totalPages, remainingPages }) => {
        progress(totalPages - remainingPages, totalPages, '正在复制数据库快照（SQLite 在线备份）');
        return 1000;
      },
    });
  } finally {
    source.close();
  }
  const db: AnyKysely = new Kysely({ dialect: new SqliteDialect({ database: new BetterSqlite3(copy) }) });
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

async function exportTables(
  db: AnyKysely,
  dialect: Database['dialect'],
  staging: string,
  fileCount: number,
  progress: ProgressFn,
): Promise<{ tables: Array<{ entry: TableEntry; path: string }>; migrations: string[] }> {
  const migrations = (await db.selectFrom('kysely_migration').select('name').orderBy('name').execute()).map((r) =>
    String(r.name),
  );
  const tables = (await tablesInLoadOrder(db, dialect)).filter((t) => !NOT_BACKED_UP.has(t.name));
  const counts: number[] = [];
  for (const t of tables) {
    const r = await db
      .selectFrom(t.name)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    counts.push(Number(r.n));
  }
  const total = counts.reduce((a, b) => a + b, 0) + fileCount;
  let done = 0;
  const out: Array<{ entry: TableEntry; path: string }> = [];
  for (const [i, t] of tables.entries()) {
    const name = `db/${String(i + 1).padStart(3, '0')}-${t.name}.jsonl`;
    const file = path.join(staging, `${String(i + 1).padStart(3, '0')}.jsonl`);
    const { rows, size, digest } = await exportTable(db, t, file, (n) => {
      done += n;
      progress(done, total, `正在导出数据表 ${t.name}`);
    });
    out.push({ entry: { name: t.name, columns: t.columns, rows, part: { name, size, sha256: digest } }, path: file });
  }
  return { tables: out, migrations };
}

/** One table to a JSON-lines file, in id order, a page at a time (a table may not fit in memory). */
async function exportTable(db: AnyKysely, t: TableInfo, file: string, onRows: (n: number) => void) {
  const out = fs.createWriteStream(file);
  const hash = crypto.createHash('sha256');
  let rows = 0;
  let size = 0;
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const bytes = Buffer.from(text, 'utf8');
      hash.update(bytes);
      size += bytes.length;
      out.write(bytes, (e) => (e ? reject(e) : resolve()));
    });
  const toLine = (row: Record<string, unknown>) => `${JSON.stringify(t.columns.map((c) => encodeValue(row[c])))}\n`;
  try {
    if (t.hasId) {
      let after: number | null = null;
      for (;;) {
        let q = db.selectFrom(t.name).select(t.columns).orderBy('id').limit(PAGE);
        if (after !== null) q = q.where('id', '>', after);
        const page = await q.execute();
        if (page.length === 0) break;
        await write(page.map(toLine).join(''));
        rows += page.length;
        onRows(page.length);
        after = Number(page.at(-1)!.id);
      }
    } else {
      const all = await db.selectFrom(t.name).select(t.columns).execute();
      if (all.length) await write(all.map(toLine).join(''));
      rows = all.length;
      onRows(all.length);
    }
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
  }
  return { rows, size, digest: hash.digest('hex') };
}

interface Blob {
  ref: PartRef;
  path: string;
}

/** The content-addressed store's files (platform/storage): <root>/<2 hex>/<64 hex>, their name their SHA-256. */
async function listBlobs(root: string): Promise<Blob[]> {
  if (!fs.existsSync(root)) return [];
  const out: Blob[] = [];
  for (const dir of (await fs.promises.readdir(root)).sort()) {
    if (!/^[0-9a-f]{2}$/.test(dir)) continue;
    for (const name of (await fs.promises.readdir(path.join(root, dir))).sort()) {
      if (!/^[0-9a-f]{64}$/.test(name)) continue; // a write in progress (.tmp) is not a stored file yet
      const p = path.join(root, dir, name);
      out.push({
        ref: { name: `files/${dir}/${name}`, size: (await fs.promises.stat(p)).size, sha256: name },
        path: p,
      });
    }
  }
  return out;
}

function sha256(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

function bufferStream(bytes: Buffer): NodeJS.ReadableStream {
  return Readable.from([bytes]);
}
