import { createTable, timestamp, withId, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Issue 16 item 4, the home page of a county portal, managed from the admin app:
// - sites.picture_column_id: the column whose items with a picture make the 图片新闻 carousel;
// - home_banners: 专题专栏 banners (an uploaded image, a title, where it leads, an order and the days
//   it shows, both optional and inclusive, Shanghai calendar days);
// - home_links: the 网站链接 block, links in named groups (部门网站, 乡镇网站, 上级网站), each group
//   and each link in its order.

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('sites').addColumn('picture_column_id', 'integer').execute();
  await withId(ctx, createTable(db, ctx, 'home_banners'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('link_url', 'varchar(1000)', (c) => c.notNull())
    .addColumn('attachment_id', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('starts_on', 'varchar(10)')
    .addColumn('ends_on', 'varchar(10)')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('home_banners_site_idx').on('home_banners').columns(['site_id', 'sort_order']).execute();
  await withId(ctx, createTable(db, ctx, 'home_links'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('group_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('group_order', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('url', 'varchar(1000)', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('home_links_site_idx')
    .on('home_links')
    .columns(['site_id', 'group_order', 'sort_order'])
    .execute();
}
