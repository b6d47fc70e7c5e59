import { longText, type AnyDb, type MigrationContext } from '../schema-builder.js';

// Issue 13 item 5: a unit's 政府信息公开指南 as the 条例 (第十二条) describes it: besides the office's name,
// address, hours and phone (0012), its fax and internet contact, and the guide's own text (how the
// unit's information is arranged, how to get it, how to apply), written by the unit in plain text.
// guide_html (0012) was never written with anything but null and is replaced by the plain text, so the
// public page prints it escaped instead of trusting stored markup.

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('foi_unit_guides').addColumn('fax', 'varchar(64)').execute();
  await db.schema.alterTable('foi_unit_guides').addColumn('email', 'varchar(200)').execute();
  await db.schema.alterTable('foi_unit_guides').addColumn('guide_text', longText(ctx)).execute();
  await db.schema.alterTable('foi_unit_guides').dropColumn('guide_html').execute();
}
