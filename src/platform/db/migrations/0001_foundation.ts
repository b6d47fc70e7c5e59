import { createTable, longText, timestamp, withId, type AnyDb, type MigrationContext } from '../schema-builder.js';

// The foundation: sites and columns, units and people, accounts, duties, articles, audit, search.

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  await withId(ctx, createTable(db, ctx, 'sites'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('code', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('site_code', 'varchar(32)')
    .addColumn('icp', 'varchar(100)')
    .addColumn('psb', 'varchar(100)')
    .addColumn('sponsor', 'varchar(200)')
    .addColumn('organizer', 'varchar(200)')
    .addColumn('contact', 'varchar(300)')
    .addColumn('theme', 'varchar(64)', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('home_blocks', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();

  await withId(ctx, createTable(db, ctx, 'site_hosts'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('host', 'varchar(255)', (c) => c.notNull().unique())
    .execute();

  await withId(ctx, createTable(db, ctx, 'columns'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('columns.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('slug', 'varchar(100)', (c) => c.notNull())
    .addColumn('path', 'varchar(500)', (c) => c.notNull())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('in_nav', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('link_url', 'varchar(1000)')
    .addColumn('source_column_id', 'integer', (c) => c.references('columns.id'))
    .addColumn('update_class', 'varchar(32)')
    .addColumn('description', 'text')
    .addColumn('page_html', longText(ctx))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('columns_site_path_uq', ['site_id', 'path'])
    .execute();
  await db.schema.createIndex('columns_parent_idx').on('columns').columns(['parent_id', 'sort_order']).execute();

  await createTable(db, ctx, 'column_closure')
    .addColumn('ancestor_id', 'integer', (c) => c.notNull().references('columns.id').onDelete('cascade'))
    .addColumn('descendant_id', 'integer', (c) => c.notNull().references('columns.id').onDelete('cascade'))
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('column_closure_pk', ['ancestor_id', 'descendant_id'])
    .execute();
  await db.schema.createIndex('column_closure_desc_idx').on('column_closure').columns(['descendant_id']).execute();

  await withId(ctx, createTable(db, ctx, 'units'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('short_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('category', 'varchar(32)', (c) => c.notNull())
    .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();

  await withId(ctx, createTable(db, ctx, 'unit_aliases'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('alias', 'varchar(200)', (c) => c.notNull().unique())
    .execute();

  await withId(ctx, createTable(db, ctx, 'unit_emails'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('email', 'varchar(320)', (c) => c.notNull().unique())
    .execute();

  await withId(ctx, createTable(db, ctx, 'unit_groups'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .execute();

  await createTable(db, ctx, 'unit_group_categories')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('unit_groups.id').onDelete('cascade'))
    .addColumn('category', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_group_categories_pk', ['group_id', 'category'])
    .execute();

  await withId(ctx, createTable(db, ctx, 'personnel'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('post', 'varchar(200)')
    .addColumn('phone', 'varchar(50)')
    .addColumn('email', 'varchar(320)')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('personnel_unit_idx').on('personnel').columns(['unit_id', 'role']).execute();

  await withId(ctx, createTable(db, ctx, 'accounts'))
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('phone', 'varchar(50)')
    .addColumn('email', 'varchar(320)')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', timestamp)
    .addColumn('last_login_at', timestamp)
    .addColumn('password_changed_at', timestamp)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();

  await createTable(db, ctx, 'account_roles')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('role', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_roles_pk', ['account_id', 'role'])
    .execute();

  await createTable(db, ctx, 'sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)')
    .addColumn('user_agent', 'varchar(500)')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('last_seen_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_account_idx').on('sessions').columns(['account_id']).execute();

  await withId(ctx, createTable(db, ctx, 'column_grants'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('column_id', 'integer', (c) => c.notNull().references('columns.id').onDelete('cascade'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('column_grants_uq', ['unit_id', 'column_id'])
    .execute();

  await withId(ctx, createTable(db, ctx, 'duties'))
    .addColumn('column_id', 'integer', (c) => c.notNull().references('columns.id').onDelete('cascade'))
    .addColumn('requirement_text', 'varchar(500)', (c) => c.notNull())
    .addColumn('cadence', 'varchar(32)', (c) => c.notNull())
    .addColumn('min_per_week', 'integer')
    .addColumn('channel', 'varchar(32)', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duties_column_idx').on('duties').columns(['column_id']).execute();

  await withId(ctx, createTable(db, ctx, 'duty_units'))
    .addColumn('duty_id', 'integer', (c) => c.notNull().references('duties.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id').onDelete('cascade'))
    .addColumn('group_id', 'integer', (c) => c.references('unit_groups.id').onDelete('cascade'))
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('label', 'varchar(200)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_units_duty_idx').on('duty_units').columns(['duty_id']).execute();
  await db.schema.createIndex('duty_units_unit_idx').on('duty_units').columns(['unit_id']).execute();

  await withId(ctx, createTable(db, ctx, 'articles'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('column_id', 'integer', (c) => c.notNull().references('columns.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('title', 'varchar(500)', (c) => c.notNull())
    .addColumn('subtitle', 'varchar(500)')
    .addColumn('summary', 'text')
    .addColumn('body_html', longText(ctx), (c) => c.notNull())
    .addColumn('body_text', longText(ctx), (c) => c.notNull())
    .addColumn('source', 'varchar(200)')
    .addColumn('author', 'varchar(100)')
    .addColumn('link_url', 'varchar(1000)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('published_at', timestamp)
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_top', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('index_no', 'varchar(64)', (c) => c.unique())
    .addColumn('doc_no', 'varchar(100)')
    .addColumn('written_on', 'varchar(10)')
    .addColumn('issuer', 'varchar(200)')
    .addColumn('topic_category', 'varchar(100)')
    .addColumn('genre', 'varchar(50)')
    .addColumn('keywords', 'varchar(200)')
    .addColumn('validity', 'varchar(20)')
    .addColumn('created_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('updated_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('articles_column_pub_idx')
    .on('articles')
    .columns(['column_id', 'status', 'published_at'])
    .execute();
  await db.schema
    .createIndex('articles_unit_idx')
    .on('articles')
    .columns(['unit_id', 'status', 'published_at'])
    .execute();
  await db.schema
    .createIndex('articles_site_pub_idx')
    .on('articles')
    .columns(['site_id', 'status', 'published_at'])
    .execute();

  await createTable(db, ctx, 'article_columns')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('column_id', 'integer', (c) => c.notNull().references('columns.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('article_columns_pk', ['article_id', 'column_id'])
    .execute();
  await db.schema.createIndex('article_columns_column_idx').on('article_columns').columns(['column_id']).execute();

  await withId(ctx, createTable(db, ctx, 'article_revisions'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('snapshot', longText(ctx), (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('article_revisions_uq', ['article_id', 'revision'])
    .execute();

  await createTable(db, ctx, 'article_relations')
    .addColumn('policy_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('interpretation_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('article_relations_pk', ['policy_id', 'interpretation_id'])
    .execute();
  await db.schema
    .createIndex('article_relations_interp_idx')
    .on('article_relations')
    .columns(['interpretation_id'])
    .execute();

  await withId(ctx, createTable(db, ctx, 'attachments'))
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('original_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('storage_key', 'varchar(255)', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('ext', 'varchar(16)', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_article_idx').on('attachments').columns(['article_id']).execute();

  await createTable(db, ctx, 'index_sequences')
    .addColumn('prefix', 'varchar(64)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('index_sequences_pk', ['prefix', 'year'])
    .execute();

  await createTable(db, ctx, 'settings')
    .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();

  await withId(ctx, createTable(db, ctx, 'audit_log'))
    .addColumn('at', timestamp, (c) => c.notNull())
    .addColumn('account_id', 'integer')
    .addColumn('username', 'varchar(64)', (c) => c.notNull())
    .addColumn('unit_id', 'integer')
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('entity_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(64)')
    .addColumn('ip', 'varchar(64)')
    .addColumn('summary', 'varchar(1000)', (c) => c.notNull())
    .addColumn('details', longText(ctx))
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').columns(['at']).execute();
  await db.schema.createIndex('audit_log_account_idx').on('audit_log').columns(['account_id', 'at']).execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id']).execute();

  await createTable(db, ctx, 'search_postings')
    .addColumn('token', 'varchar(64)', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('weight', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_postings_pk', ['token', 'article_id'])
    .execute();
  await db.schema.createIndex('search_postings_article_idx').on('search_postings').columns(['article_id']).execute();
}
