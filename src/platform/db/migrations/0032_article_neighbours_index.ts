import type { AnyDb, MigrationContext } from '../schema-builder.js';

// Issue 14 item 5: an article page's older and newer neighbours (portal.repository.ts) are asked by
// site, home column, status and publish time. The indexes there were (site_id, status, published_at)
// and (column_id, status, published_at); without gathered statistics SQLite chose the site's, and
// walked the whole site's items until one of the column came by — milliseconds for a small column
// at 100,000 articles (bench/RESULTS.md). One index with every equality first and the order last
// answers each neighbour with one seek on all three databases; the id settles a tie at the same time.

export async function up(db: AnyDb, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createIndex('articles_site_column_pub_idx')
    .on('articles')
    .columns(['site_id', 'column_id', 'status', 'published_at', 'id'])
    .execute();
}
