import type { Insertable } from 'kysely';
import type { Executor } from '../../platform/db/helpers.js';
import type { LinkChecksTable } from '../../platform/db/tables-guarantee.js';

// The demo's own writes that no service offers for the past: the 解读 links between the imported demo
// items, and the link probes the worker would have recorded on the days before the demo's start.

export class DemoRepository {
  /** Published items of the given columns, by title: what the story links or points at. */
  async titles(
    db: Executor,
    columnIds: readonly number[],
  ): Promise<Array<{ id: number; title: string; column_id: number }>> {
    if (!columnIds.length) return [];
    return db
      .selectFrom('articles')
      .select(['id', 'title', 'column_id'])
      .where('column_id', 'in', [...columnIds])
      .where('status', '=', 'published')
      .orderBy('id')
      .execute();
  }

  async linkInterpretations(db: Executor, pairs: ReadonlyArray<{ policyId: number; interpretationId: number }>) {
    if (!pairs.length) return;
    await db
      .insertInto('article_relations')
      .values(pairs.map((p) => ({ policy_id: p.policyId, interpretation_id: p.interpretationId })))
      .execute();
  }

  async recordProbes(db: Executor, rows: ReadonlyArray<Insertable<LinkChecksTable>>): Promise<void> {
    if (rows.length)
      await db
        .insertInto('link_checks')
        .values([...rows])
        .execute();
  }
}
