import { createTable, timestamp, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Issue 14 item 2: lists that use their index. column_listings holds one row per column whose public
// list shows a published item (its home and extra columns and every column above them), with the
// list's order keys, so a list page reads one index range in the order it shows; column_listing_counts
// keeps each column's count, so a list's page count does not scan it (content/listings.repository.ts
// keeps both in step with every change). Filled here from the items published now.

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  await createTable(db, ctx, 'column_listings')
    .addColumn('column_id', 'integer', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull())
    .addColumn('is_top', 'integer', (c) => c.notNull())
    .addColumn('published_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('column_listings_pk', ['column_id', 'article_id'])
    .execute();
  await db.schema
    .createIndex('column_listings_order_idx')
    .on('column_listings')
    .columns(['column_id', 'is_top', 'published_at', 'article_id'])
    .execute();
  await db.schema.createIndex('column_listings_article_idx').on('column_listings').column('article_id').execute();
  await createTable(db, ctx, 'column_listing_counts')
    .addColumn('column_id', 'integer', (c) => c.primaryKey())
    .addColumn('listed', 'integer', (c) => c.notNull())
    .execute();

  // Every published item with its home and extra columns, each column with every column above it on
  // the item's own site (read once into memory: the tree is small, the items are read in one pass each).
  const items = (await db
    .selectFrom('articles')
    .select(['id', 'column_id', 'site_id', 'is_top', 'published_at'])
    .where('status', '=', 'published')
    .where('published_at', 'is not', null)
    .execute()) as Array<{ id: number; column_id: number; site_id: number; is_top: number; published_at: string }>;
  const extra = (await db.selectFrom('article_columns').select(['article_id', 'column_id']).execute()) as Array<{
    article_id: number;
    column_id: number;
  }>;
  const closure = (await db.selectFrom('column_closure').select(['ancestor_id', 'descendant_id']).execute()) as Array<{
    ancestor_id: number;
    descendant_id: number;
  }>;
  const columns = (await db.selectFrom('columns').select(['id', 'site_id']).execute()) as Array<{
    id: number;
    site_id: number;
  }>;
  const siteOf = new Map(columns.map((c) => [c.id, c.site_id]));
  const above = new Map<number, number[]>();
  for (const r of closure) above.set(r.descendant_id, [...(above.get(r.descendant_id) ?? []), r.ancestor_id]);
  const extraOf = new Map<number, number[]>();
  for (const r of extra) extraOf.set(r.article_id, [...(extraOf.get(r.article_id) ?? []), r.column_id]);

  const counts = new Map<number, number>();
  let rows: Array<{ column_id: number; article_id: number; is_top: number; published_at: string }> = [];
  const flush = async () => {
    if (rows.length) await db.insertInto('column_listings').values(rows).execute();
    rows = [];
  };
  for (const a of items) {
    const listedIn = new Set<number>();
    for (const placed of [a.column_id, ...(extraOf.get(a.id) ?? [])])
      for (const c of above.get(placed) ?? []) if (siteOf.get(c) === a.site_id) listedIn.add(c);
    for (const column_id of listedIn) {
      rows.push({ column_id, article_id: a.id, is_top: Number(a.is_top) === 1 ? 1 : 0, published_at: a.published_at });
      counts.set(column_id, (counts.get(column_id) ?? 0) + 1);
    }
    if (rows.length >= 500) await flush();
  }
  await flush();
  const countRows = [...counts].map(([column_id, listed]) => ({ column_id, listed }));
  for (let k = 0; k < countRows.length; k += 500)
    await db
      .insertInto('column_listing_counts')
      .values(countRows.slice(k, k + 500))
      .execute();
}
