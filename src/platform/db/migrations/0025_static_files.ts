import { createTable, timestamp, withId, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Issue 15 item 1 and 3: the record of every file static publishing wrote (modules/publish). A file's
// hash is what the tamper guard compares the folder with; its tags say what the page shows (the tags
// of portal/dependents.ts), so a change regenerates exactly the files tagged with what it touches.
// `path` is relative to the output folder and starts with the site's code.

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  await withId(ctx, createTable(db, ctx, 'static_files'))
    .addColumn('site_id', 'integer', (c) => c.notNull())
    // Bytes on MySQL: 700 × 4 stays under InnoDB's 3072-byte index key limit.
    .addColumn('path', 'varchar(700)', (c) => c.notNull().unique())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('written_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('static_files_site_idx').on('static_files').column('site_id').execute();
  await createTable(db, ctx, 'static_file_tags')
    .addColumn('file_id', 'integer', (c) => c.notNull().references('static_files.id').onDelete('cascade'))
    .addColumn('site_id', 'integer', (c) => c.notNull())
    .addColumn('tag', 'varchar(64)', (c) => c.notNull())
    .addPrimaryKeyConstraint('static_file_tags_pk', ['file_id', 'tag'])
    .execute();
  await db.schema.createIndex('static_file_tags_tag_idx').on('static_file_tags').columns(['site_id', 'tag']).execute();
}
