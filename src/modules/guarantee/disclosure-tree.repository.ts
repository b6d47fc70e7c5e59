import { insertReturningId, nowIso, type Executor } from '../../platform/db/helpers.js';
import type { UpdateClass } from '../sites/sites.schemas.js';
import type { Rule } from './requirement.js';

// The per-unit 信息公开 tree of each site and which branch column belongs to which unit (migration 0006).

export interface TreeTemplateColumn {
  name: string;
  updateClass: UpdateClass;
  requirementText: string;
  rule: Rule;
  /** The list row it came from (null: the tree row's own requirement). */
  row: number | null;
}

export interface TreeRecord {
  id: number;
  siteId: number;
  rootColumnId: number;
  groupIds: number[];
  template: TreeTemplateColumn[];
}

export class DisclosureTreeRepository {
  async trees(db: Executor, siteId?: number): Promise<TreeRecord[]> {
    let q = db.selectFrom('disclosure_trees').selectAll();
    if (siteId !== undefined) q = q.where('site_id', '=', siteId);
    return (await q.orderBy('id').execute()).map((r) => ({
      id: r.id,
      siteId: r.site_id,
      rootColumnId: r.root_column_id,
      groupIds: JSON.parse(r.group_ids) as number[],
      template: JSON.parse(r.template) as TreeTemplateColumn[],
    }));
  }

  /** The site's tree, made or replaced (one per site). */
  async put(
    db: Executor,
    t: { siteId: number; rootColumnId: number; groupIds: number[]; template: TreeTemplateColumn[] },
  ): Promise<{ id: number; created: boolean }> {
    const values = {
      root_column_id: t.rootColumnId,
      group_ids: JSON.stringify(t.groupIds),
      template: JSON.stringify(t.template),
      updated_at: nowIso(),
    };
    const found = await db
      .selectFrom('disclosure_trees')
      .select('id')
      .where('site_id', '=', t.siteId)
      .executeTakeFirst();
    if (found) {
      await db.updateTable('disclosure_trees').set(values).where('id', '=', found.id).execute();
      return { id: found.id, created: false };
    }
    const id = await insertReturningId(db, 'disclosure_trees', { site_id: t.siteId, ...values, created_at: nowIso() });
    return { id, created: true };
  }

  /** unit id → its branch column, for one tree. */
  async branches(db: Executor, treeId: number): Promise<Map<number, number>> {
    const rows = await db
      .selectFrom('unit_branches')
      .select(['unit_id', 'column_id'])
      .where('tree_id', '=', treeId)
      .execute();
    return new Map(rows.map((r) => [r.unit_id, r.column_id]));
  }

  async addBranch(db: Executor, treeId: number, unitId: number, columnId: number): Promise<void> {
    await db
      .insertInto('unit_branches')
      .values({ tree_id: treeId, unit_id: unitId, column_id: columnId, created_at: nowIso() })
      .execute();
  }
}
