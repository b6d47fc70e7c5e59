import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/tables.js';

// Rows written straight into a database migrated only part of the way, for tests of a migration that
// must carry existing content across: one site, one unit, one list column, and the articles given.
// Only columns that every schema since migration 0016 has are written.

export interface RawArticle {
  id: number;
  title: string;
  status: 'published' | 'draft';
}

export async function seedRawArticles(db: Kysely<DB>, at: string, articles: RawArticle[]): Promise<void> {
  const stamp = { created_at: at, updated_at: at };
  await db
    .insertInto('sites')
    .values({ id: 1, name: '涟水县人民政府', code: 'ls', theme: 'default', is_default: 1, home_blocks: '[]', ...stamp })
    .execute();
  await db
    .insertInto('units')
    .values({ id: 1, name: '县政府办公室', short_name: '政府办', category: 'gov_dept', code: 'U1', ...stamp } as never)
    .execute();
  await db
    .insertInto('columns')
    .values({
      id: 1,
      site_id: 1,
      name: '涟水新闻',
      slug: 'news',
      path: 'news',
      kind: 'list',
      sort_order: 0,
      in_nav: 1,
      ...stamp,
    })
    .execute();
  await db.insertInto('column_closure').values({ ancestor_id: 1, descendant_id: 1, depth: 0 }).execute();
  await db
    .insertInto('articles')
    .values(
      articles.map(({ id, title, status }) => ({
        id,
        site_id: 1,
        column_id: 1,
        unit_id: 1,
        type: 'news',
        title,
        body_html: `<p>${title}正文</p>`,
        body_text: `${title}正文`,
        status,
        published_at: status === 'published' ? at : null,
        revision: 1,
        imported: 0,
        is_top: 0,
        ...stamp,
      })),
    )
    .execute();
}
