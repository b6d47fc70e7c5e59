import type { AnyDb } from '../schema-builder.js';

// Issue 16 item 4: the footer's national marks, set per site. conac_url is the site's page at the
// 党政机关网站标识 verification service (the footer shows the mark linked to it only when set: a mark
// without its verification page would claim what nobody can check); jiucuo_url is the site's entry to
// the national 我为政府网站找错 platform (null: the platform's front page).

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('sites').addColumn('conac_url', 'varchar(1000)').execute();
  await db.schema.alterTable('sites').addColumn('jiucuo_url', 'varchar(1000)').execute();
}
