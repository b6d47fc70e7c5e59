import type { Executor } from '../../platform/db/helpers.js';

// Where a published item is listed (issue 14 item 2): one row per column whose list shows it — its home
// column, its extra columns (一文多发) and every column above them, since a column lists its subtree —
// with the order keys of the public lists, so a list page is one range of one index in the order it
// shows (is_top, published_at, article_id, all descending), and a count per column kept beside it so a
// list's page count never scans the column. Written in the same transaction as the item's change.

/** Column id → its listed count before and after a change (columns whose count moved). */
export type ListedCounts = Record<number, [number, number]>;

export class ListingsRepository {
  /**
   * Bring an item's listings in line with its current state: none unless published, else one per
   * column its home and extra columns sit under (on its own site). Counts move by the difference; what
   * they were and are now is returned for each column whose count moved (the event of the change
   * carries it: which archive pages a change opened or closed depends on the count at its commit).
   */
  async put(db: Executor, articleId: number): Promise<ListedCounts> {
    const before = await db
      .selectFrom('column_listings')
      .select('column_id')
      .where('article_id', '=', articleId)
      .execute();
    await db.deleteFrom('column_listings').where('article_id', '=', articleId).execute();
    const a = await db
      .selectFrom('articles')
      .select(['id', 'site_id', 'column_id', 'status', 'is_top', 'published_at'])
      .where('id', '=', articleId)
      .executeTakeFirst();
    let after: number[] = [];
    if (a && a.status === 'published' && a.published_at) {
      const extra = await db
        .selectFrom('article_columns')
        .select('column_id')
        .where('article_id', '=', articleId)
        .execute();
      const rows = await db
        .selectFrom('column_closure')
        .innerJoin('columns', 'columns.id', 'column_closure.ancestor_id')
        .select('column_closure.ancestor_id')
        .distinct()
        .where('column_closure.descendant_id', 'in', [a.column_id, ...extra.map((r) => r.column_id)])
        .where('columns.site_id', '=', a.site_id)
        .execute();
      after = rows.map((r) => r.ancestor_id);
      if (after.length)
        await db
          .insertInto('column_listings')
          .values(
            after.map((column_id) => ({
              column_id,
              article_id: a.id,
              is_top: Number(a.is_top) === 1 ? 1 : 0,
              published_at: a.published_at as string,
            })),
          )
          .execute();
    }
    const was = new Set(before.map((r) => r.column_id));
    const now = new Set(after);
    const moved: ListedCounts = {};
    for (const c of was) if (!now.has(c)) moved[c] = await this.bump(db, c, -1);
    for (const c of now) if (!was.has(c)) moved[c] = await this.bump(db, c, 1);
    return moved;
  }

  /** Re-list the items placed in a column or below it, after the column moved in the tree. */
  async putUnder(db: Executor, columnId: number): Promise<void> {
    const subtree = await db
      .selectFrom('column_closure')
      .select('descendant_id')
      .where('ancestor_id', '=', columnId)
      .execute();
    await this.putInColumns(
      db,
      subtree.map((r) => r.descendant_id),
    );
  }

  /** Re-list the items placed in these columns. */
  async putInColumns(db: Executor, columnIds: readonly number[]): Promise<void> {
    if (!columnIds.length) return;
    const home = await db.selectFrom('articles').select('id').where('column_id', 'in', columnIds).execute();
    const extra = await db
      .selectFrom('article_columns')
      .select('article_id as id')
      .where('column_id', 'in', columnIds)
      .execute();
    for (const id of new Set([...home, ...extra].map((r) => r.id))) await this.put(db, id);
  }

  /** Move a column's count by one; returns it before and after (the update holds the row until commit). */
  private async bump(db: Executor, columnId: number, by: 1 | -1): Promise<[number, number]> {
    const r = await db
      .updateTable('column_listing_counts')
      .set((eb) => ({ listed: eb('listed', '+', by) }))
      .where('column_id', '=', columnId)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) {
      await db
        .insertInto('column_listing_counts')
        .values({ column_id: columnId, listed: Math.max(0, by) })
        .execute();
      return [0, Math.max(0, by)];
    }
    const row = await db
      .selectFrom('column_listing_counts')
      .select('listed')
      .where('column_id', '=', columnId)
      .executeTakeFirstOrThrow();
    return [Number(row.listed) - by, Number(row.listed)];
  }
}
