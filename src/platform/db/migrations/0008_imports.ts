import crypto from 'node:crypto';
import { createTable, timestamp, withId, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Imports that can be repeated, the roster of 附件3 as the office keeps it, and the site's own
// availability (站点无法访问):
// - article_import_keys: one stable key per imported line (its id, its source URL, else column +
//   title + publish time), so a second run of the same file adds nothing;
// - personnel.mobile (personnel.phone is the office telephone) and personnel_requirements (how many
//   分管领导 and 信息员 the office expects of a unit, when it is not one and at least one);
// - sites.probe_url and site_probes: the public address each site probes on a schedule, every probe kept;
//   guarantee_indicator_days.value holds fractions (the unreachable share in percent).

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  await withId(ctx, createTable(db, ctx, 'article_import_keys'))
    .addColumn('key_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull()) // id | url | line | legacy
    .addColumn('source_key', 'varchar(1000)') // the id or URL as the file gave it
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('article_import_keys_article_idx')
    .on('article_import_keys')
    .columns(['article_id'])
    .execute();
  await backfillLegacyKeys(db);

  await db.schema.alterTable('personnel').addColumn('mobile', 'varchar(50)').execute();
  await createTable(db, ctx, 'personnel_requirements')
    .addColumn('unit_id', 'integer', (c) => c.primaryKey().references('units.id').onDelete('cascade'))
    .addColumn('leaders', 'integer', (c) => c.notNull())
    .addColumn('min_officers', 'integer', (c) => c.notNull())
    .addColumn('note', 'varchar(500)')
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();

  await db.schema.alterTable('sites').addColumn('probe_url', 'varchar(1000)').execute();
  await withId(ctx, createTable(db, ctx, 'site_probes'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('url', 'varchar(1000)', (c) => c.notNull())
    .addColumn('probed_at', timestamp, (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('error', 'varchar(500)')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('site_probes_site_idx').on('site_probes').columns(['site_id', 'probed_at']).execute();
  // The daily record of indicators keeps 站点无法访问 as a percentage (4.25), not only whole counts.
  // SQLite stores a fraction in an integer column as it is; the others need the type changed.
  if (ctx.dialect === 'postgres')
    await db.schema
      .alterTable('guarantee_indicator_days')
      .alterColumn('value', (c) => c.setDataType('double precision'))
      .execute();
  if (ctx.dialect === 'mysql')
    await db.schema.alterTable('guarantee_indicator_days').modifyColumn('value', 'double precision').execute();
}

/**
 * The line key of an item imported before keys existed: column + title + publish time, the key a
 * line without an id or source URL gets (article-import.ts importKey, which a test holds to this).
 * Kept as 'legacy' so a line that does carry an id still finds the item it imported then.
 */
export function legacyKeyHash(siteId: number, columnId: number, title: string, publishedAt: string): string {
  return crypto.createHash('sha256').update(`${siteId}\nline\n${columnId}\n${title}\n${publishedAt}`).digest('hex');
}

export async function backfillLegacyKeys(db: AnyDb): Promise<number> {
  let after = 0;
  let written = 0;
  const seen = new Set<string>();
  for (;;) {
    const rows = (await db
      .selectFrom('articles')
      .select(['id', 'site_id', 'column_id', 'title', 'published_at', 'created_at'])
      .where('imported', '=', 1)
      .where('published_at', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute()) as Array<{
      id: number;
      site_id: number;
      column_id: number;
      title: string;
      published_at: string;
      created_at: string;
    }>;
    if (!rows.length) return written;
    after = rows.at(-1)!.id;
    // Items doubled by an earlier repeated import share a key: the first keeps it.
    const values = rows
      .map((r) => ({
        key_hash: legacyKeyHash(r.site_id, r.column_id, r.title, r.published_at),
        site_id: r.site_id,
        article_id: r.id,
        kind: 'legacy',
        source_key: null,
        created_at: r.created_at,
      }))
      .filter((v) => !seen.has(v.key_hash) && seen.add(v.key_hash));
    if (!values.length) continue;
    const existing = new Set(
      (
        await db
          .selectFrom('article_import_keys')
          .select('key_hash')
          .where(
            'key_hash',
            'in',
            values.map((v) => v.key_hash),
          )
          .execute()
      ).map((r: { key_hash: string }) => r.key_hash),
    );
    const fresh = values.filter((v) => !existing.has(v.key_hash));
    if (fresh.length) await db.insertInto('article_import_keys').values(fresh).execute();
    written += fresh.length;
  }
}
