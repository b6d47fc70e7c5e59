import type { Kysely } from 'kysely';
import { chunk, insertReturningId, type Executor } from '../../platform/db/helpers.js';
import type { Column, DB } from '../../platform/db/tables.js';
import type { Column as ColumnReply, ColumnKind, ColumnNode, UpdateClass } from './sites.schemas.js';

/** A column, and one with its sub-columns, as the API shows them (src/contract/sites.ts). */
export type ColumnView = ColumnReply;
export type { ColumnNode } from './sites.schemas.js';

export function toColumnView(row: Column): ColumnView {
  return {
    id: row.id,
    siteId: row.site_id,
    parentId: row.parent_id,
    name: row.name,
    slug: row.slug,
    path: row.path,
    kind: row.kind as ColumnKind,
    sortOrder: row.sort_order,
    inNav: row.in_nav === 1,
    linkUrl: row.link_url,
    sourceColumnId: row.source_column_id,
    updateClass: row.update_class as UpdateClass | null,
    updateClassProposed: row.update_class_proposed as UpdateClass | null,
    updateClassConfirmed: row.update_class_confirmed === 1,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Build the tree of a site's columns from a flat list, siblings in their order. */
export function buildTree(columns: readonly ColumnView[]): ColumnNode[] {
  const nodes = new Map<number, ColumnNode>(columns.map((c) => [c.id, { ...c, children: [] }]));
  const roots: ColumnNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: ColumnNode[]) => {
    list.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

export type ColumnRow = Omit<Column, 'id'>;

export class ColumnsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async listBySite(siteId: number, db: Executor = this.db): Promise<ColumnView[]> {
    const rows = await db
      .selectFrom('columns')
      .selectAll()
      .where('site_id', '=', siteId)
      .orderBy('sort_order')
      .orderBy('id')
      .execute();
    return rows.map(toColumnView);
  }

  async get(id: number, db: Executor = this.db): Promise<Column | undefined> {
    return db.selectFrom('columns').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async getMany(ids: readonly number[], db: Executor = this.db): Promise<Column[]> {
    const out: Column[] = [];
    for (const part of chunk([...new Set(ids)]))
      out.push(...(await db.selectFrom('columns').selectAll().where('id', 'in', part).execute()));
    return out;
  }

  async getByPath(siteId: number, path: string, db: Executor = this.db): Promise<Column | undefined> {
    return db
      .selectFrom('columns')
      .selectAll()
      .where('site_id', '=', siteId)
      .where('path', '=', path)
      .executeTakeFirst();
  }

  async pathTaken(siteId: number, path: string, exceptId: number | null, db: Executor = this.db): Promise<boolean> {
    let q = db.selectFrom('columns').select('id').where('site_id', '=', siteId).where('path', '=', path);
    if (exceptId !== null) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  async children(parentId: number | null, siteId: number, db: Executor = this.db): Promise<Column[]> {
    let q = db.selectFrom('columns').selectAll().where('site_id', '=', siteId);
    q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
    return q.orderBy('sort_order').orderBy('id').execute();
  }

  async nextSortOrder(parentId: number | null, siteId: number, db: Executor = this.db): Promise<number> {
    let q = db
      .selectFrom('columns')
      .select((eb) => eb.fn.max('sort_order').as('m'))
      .where('site_id', '=', siteId);
    q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
    const r = await q.executeTakeFirst();
    return r?.m === null || r?.m === undefined ? 10 : Number(r.m) + 10;
  }

  /** Ancestors from the root down to (and including) the column. */
  async ancestors(id: number, db: Executor = this.db): Promise<Column[]> {
    return db
      .selectFrom('column_closure')
      .innerJoin('columns', 'columns.id', 'column_closure.ancestor_id')
      .selectAll('columns')
      .where('column_closure.descendant_id', '=', id)
      .orderBy('column_closure.depth', 'desc')
      .execute();
  }

  /** Ids of the column and all its descendants. */
  async subtreeIds(id: number, db: Executor = this.db): Promise<number[]> {
    const rows = await db.selectFrom('column_closure').select('descendant_id').where('ancestor_id', '=', id).execute();
    return rows.map((r) => r.descendant_id);
  }

  async insert(db: Executor, row: ColumnRow): Promise<number> {
    const id = await insertReturningId(db, 'columns', row);
    // Closure rows: itself at depth 0, then every ancestor of the parent one level deeper.
    await db.insertInto('column_closure').values({ ancestor_id: id, descendant_id: id, depth: 0 }).execute();
    if (row.parent_id !== null) {
      const ups = await db
        .selectFrom('column_closure')
        .select(['ancestor_id', 'depth'])
        .where('descendant_id', '=', row.parent_id)
        .execute();
      if (ups.length) {
        await db
          .insertInto('column_closure')
          .values(ups.map((u) => ({ ancestor_id: u.ancestor_id, descendant_id: id, depth: u.depth + 1 })))
          .execute();
      }
    }
    return id;
  }

  async update(db: Executor, id: number, patch: Partial<ColumnRow>): Promise<void> {
    await db.updateTable('columns').set(patch).where('id', '=', id).execute();
  }

  /**
   * Re-hang a subtree under a new parent: cut the closure links between the subtree and its old
   * ancestors, then link every node of the subtree to every ancestor of the new parent.
   */
  async relink(db: Executor, id: number, newParentId: number | null): Promise<void> {
    const subtree = await db
      .selectFrom('column_closure')
      .select(['descendant_id', 'depth'])
      .where('ancestor_id', '=', id)
      .execute();
    const oldAncestors = await db
      .selectFrom('column_closure')
      .select('ancestor_id')
      .where('descendant_id', '=', id)
      .where('depth', '>', 0)
      .execute();
    if (oldAncestors.length) {
      for (const part of chunk(subtree.map((s) => s.descendant_id))) {
        await db
          .deleteFrom('column_closure')
          .where(
            'ancestor_id',
            'in',
            oldAncestors.map((a) => a.ancestor_id),
          )
          .where('descendant_id', 'in', part)
          .execute();
      }
    }
    await db.updateTable('columns').set({ parent_id: newParentId }).where('id', '=', id).execute();
    if (newParentId === null) return;
    const ups = await db
      .selectFrom('column_closure')
      .select(['ancestor_id', 'depth'])
      .where('descendant_id', '=', newParentId)
      .execute();
    const rows = ups.flatMap((u) =>
      subtree.map((s) => ({
        ancestor_id: u.ancestor_id,
        descendant_id: s.descendant_id,
        depth: u.depth + 1 + s.depth,
      })),
    );
    for (const part of chunk(rows, 300)) await db.insertInto('column_closure').values(part).execute();
  }

  async countArticles(db: Executor, columnId: number): Promise<number> {
    const [home, extra] = await Promise.all([
      db
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('column_id', '=', columnId)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('article_columns')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('column_id', '=', columnId)
        .executeTakeFirstOrThrow(),
    ]);
    return Number(home.n) + Number(extra.n);
  }

  async mirrorsOf(db: Executor, columnId: number): Promise<number> {
    const r = await db
      .selectFrom('columns')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source_column_id', '=', columnId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async delete(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('columns').where('id', '=', id).execute();
  }
}
