import { createTable, timestamp, withId, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Issue 8, items 3 to 5: duties judged per unit, update classes the office confirms, dates in force.
//  - duties.effective_from: the day a duty applies from (YYYY-MM-DD, Asia/Shanghai); rows that exist
//    keep the day they were created, which is what they were judged from before.
//  - units.assessed_from: a unit's 纳入考核日期; empty means the duty's own date decides.
//  - columns.update_class_proposed / update_class_confirmed: the class the import proposed and whether a
//    person has confirmed (or chosen) the class in force.
//  - disclosure_trees / unit_branches: the per-unit 信息公开 tree (部门和乡镇信息公开/<unit>/...) and which
//    branch belongs to which unit, so a renamed unit finds its branch whatever its column is called.

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  await db.schema
    .alterTable('duties')
    .addColumn('effective_from', 'varchar(10)', (c) => c.notNull().defaultTo(''))
    .execute();
  // The Shanghai day of each duty's creation, worked out here rather than with dialect date functions.
  const duties = (await db.selectFrom('duties').select(['id', 'created_at']).execute()) as Array<{
    id: number;
    created_at: string;
  }>;
  for (const d of duties) {
    const day = new Date(Date.parse(d.created_at) + 8 * 3600_000).toISOString().slice(0, 10);
    await db.updateTable('duties').set({ effective_from: day }).where('id', '=', d.id).execute();
  }

  await db.schema.alterTable('units').addColumn('assessed_from', 'varchar(10)').execute();

  await db.schema.alterTable('columns').addColumn('update_class_proposed', 'varchar(16)').execute();
  await db.schema
    .alterTable('columns')
    .addColumn('update_class_confirmed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Nobody has confirmed the classes set so far: they are shown to the office as proposals.
  await db
    .updateTable('columns')
    .set((eb) => ({ update_class_proposed: eb.ref('update_class') }))
    .execute();

  await withId(ctx, createTable(db, ctx, 'disclosure_trees'))
    .addColumn('site_id', 'integer', (c) => c.notNull().unique().references('sites.id').onDelete('cascade'))
    .addColumn('root_column_id', 'integer', (c) => c.notNull().references('columns.id').onDelete('cascade'))
    .addColumn('group_ids', 'text', (c) => c.notNull()) // JSON [groupId]: whose units get a branch
    .addColumn('template', 'text', (c) => c.notNull()) // JSON [{ name, updateClass, requirementText, row }]
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();

  await withId(ctx, createTable(db, ctx, 'unit_branches'))
    .addColumn('tree_id', 'integer', (c) => c.notNull().references('disclosure_trees.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addColumn('column_id', 'integer', (c) => c.notNull().references('columns.id').onDelete('cascade'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('unit_branches_tree_unit_uq', ['tree_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('unit_branches_column_idx').on('unit_branches').columns(['column_id']).execute();
}
