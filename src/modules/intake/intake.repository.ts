import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import { insertReturningId, nowIso, type Executor } from '../../platform/db/helpers.js';
import type { IntakeItemsTable } from '../../platform/db/tables-intake.js';
import type { DB } from '../../platform/db/tables.js';

export type IntakeItem = Selectable<IntakeItemsTable>;

export interface IntakeListFilter {
  channel?: string;
  state?: string;
  unitId?: number;
  page: number;
  pageSize: number;
}

const lower = (s: string) => s.trim().toLowerCase();

/** Every query of e-mail and paper intake (Kysely only). */
export class IntakeRepository {
  constructor(readonly db: Kysely<DB>) {}

  insert(db: Executor, row: Insertable<IntakeItemsTable>): Promise<number> {
    return insertReturningId(db, 'intake_items', row);
  }

  async update(db: Executor, id: number, patch: Updateable<IntakeItemsTable>): Promise<void> {
    await db.updateTable('intake_items').set(patch).where('id', '=', id).execute();
  }

  byKey(keyHash: string, db: Executor = this.db): Promise<IntakeItem | undefined> {
    return db.selectFrom('intake_items').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
  }

  byId(id: number, db: Executor = this.db): Promise<IntakeItem | undefined> {
    return db.selectFrom('intake_items').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Take a 待认领 item for a claim: the guarded update locks the row until the transaction ends, so
   * two people claiming the same mail cannot both draft it. False when it is no longer waiting.
   */
  async take(db: Executor, id: number): Promise<boolean> {
    const r = await db
      .updateTable('intake_items')
      .set({ updated_at: nowIso() })
      .where('id', '=', id)
      .where('state', '=', 'unclaimed')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  private filtered(f: Omit<IntakeListFilter, 'page' | 'pageSize'>) {
    let q = this.db.selectFrom('intake_items');
    if (f.channel) q = q.where('intake_items.channel', '=', f.channel);
    if (f.state) q = q.where('intake_items.state', '=', f.state);
    if (f.unitId) q = q.where('intake_items.unit_id', '=', f.unitId);
    return q;
  }

  async list(f: IntakeListFilter) {
    const [rows, total] = await Promise.all([
      this.filtered(f)
        .leftJoin('units', 'units.id', 'intake_items.unit_id')
        .leftJoin('columns', 'columns.id', 'intake_items.column_id')
        .leftJoin('articles', 'articles.id', 'intake_items.article_id')
        .leftJoin('submissions', 'submissions.id', 'intake_items.submission_id')
        .selectAll('intake_items')
        .select([
          'units.short_name as unit_name',
          'columns.name as column_name',
          'articles.status as article_status',
          'submissions.state as ledger_state',
          'submissions.reason as ledger_reason',
        ])
        .orderBy('intake_items.received_at', 'desc')
        .orderBy('intake_items.id', 'desc')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      this.filtered(f)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  }

  /** The unit's, the column's names and the draft's status, for the item's view. */
  async names(row: IntakeItem, db: Executor = this.db) {
    const unit = row.unit_id
      ? await db.selectFrom('units').select('short_name').where('id', '=', row.unit_id).executeTakeFirst()
      : undefined;
    const column = row.column_id
      ? await db.selectFrom('columns').select('name').where('id', '=', row.column_id).executeTakeFirst()
      : undefined;
    const article = row.article_id
      ? await db.selectFrom('articles').select('status').where('id', '=', row.article_id).executeTakeFirst()
      : undefined;
    const entry = row.submission_id
      ? await db
          .selectFrom('submissions')
          .select(['state', 'reason'])
          .where('id', '=', row.submission_id)
          .executeTakeFirst()
      : undefined;
    return {
      unit_name: unit?.short_name ?? null,
      column_name: column?.name ?? null,
      article_status: article?.status ?? null,
      ledger_state: entry?.state ?? null,
      ledger_reason: entry?.reason ?? null,
    };
  }

  /**
   * Units an address belongs to: the unit's registered addresses, then its people's on the roster
   * (附件3) and its accounts'. Distinct ids; more than one means the address cannot decide.
   */
  async unitsByAddress(address: string, db: Executor = this.db): Promise<number[]> {
    const a = lower(address);
    const registered = await db
      .selectFrom('unit_emails')
      .select('unit_id')
      .where(sql<string>`lower(email)`, '=', a)
      .execute();
    if (registered.length) return [...new Set(registered.map((r) => r.unit_id))];
    const people = await db
      .selectFrom('personnel')
      .select('unit_id')
      .where(sql<string>`lower(email)`, '=', a)
      .union(
        db.selectFrom('accounts').select('unit_id').where(sql<string>`lower(email)`, '=', a).where('active', '=', 1),
      )
      .execute();
    return [...new Set(people.map((r) => r.unit_id))];
  }

  /** Units a subject tag names: full name, short name or alias. */
  async unitsByName(name: string, db: Executor = this.db): Promise<number[]> {
    const direct = await db
      .selectFrom('units')
      .select('id')
      .where('active', '=', 1)
      .where((eb) => eb.or([eb('name', '=', name), eb('short_name', '=', name)]))
      .execute();
    const alias = await db.selectFrom('unit_aliases').select('unit_id as id').where('alias', '=', name).execute();
    return [...new Set([...direct, ...alias].map((r) => r.id))];
  }

  /** Columns a subject tag names, with their site (an item goes to a listing column, not a link). */
  columnsByName(name: string, db: Executor = this.db) {
    return db
      .selectFrom('columns')
      .select(['id', 'site_id'])
      .where('name', '=', name)
      .where('kind', '!=', 'link')
      .execute();
  }

  async defaultColumn(unitId: number, db: Executor = this.db): Promise<number | undefined> {
    return (
      await db.selectFrom('intake_unit_columns').select('column_id').where('unit_id', '=', unitId).executeTakeFirst()
    )?.column_id;
  }

  async setDefaultColumn(db: Executor, unitId: number, columnId: number | null): Promise<void> {
    await db.deleteFrom('intake_unit_columns').where('unit_id', '=', unitId).execute();
    if (columnId !== null)
      await db
        .insertInto('intake_unit_columns')
        .values({ unit_id: unitId, column_id: columnId, updated_at: nowIso() })
        .execute();
  }

  async columnSite(columnId: number, db: Executor = this.db): Promise<number | undefined> {
    return (await db.selectFrom('columns').select('site_id').where('id', '=', columnId).executeTakeFirst())?.site_id;
  }

  async unitExists(unitId: number, db: Executor = this.db): Promise<boolean> {
    return !!(await db.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst());
  }

  /** Remember an address as the unit's (待认领 → 记住该地址); false when another unit has it already. */
  async rememberAddress(db: Executor, unitId: number, address: string): Promise<boolean> {
    const owner = await db
      .selectFrom('unit_emails')
      .select('unit_id')
      .where(sql<string>`lower(email)`, '=', lower(address))
      .executeTakeFirst();
    if (owner) return owner.unit_id === unitId;
    await db
      .insertInto('unit_emails')
      .values({ unit_id: unitId, email: lower(address) })
      .execute();
    return true;
  }

  /** Items whose sender has not had a receipt yet. */
  pendingReceipts(limit = 50) {
    return this.db
      .selectFrom('intake_items')
      .selectAll()
      .where('channel', '=', 'email')
      .where('sender', 'is not', null)
      .where('receipt_sent_at', 'is', null)
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** E-mailed items whose submission was decided (采用 / 退回 / 不予采用) since the sender was last told. */
  pendingDecisions(limit = 50) {
    return this.db
      .selectFrom('intake_items')
      .innerJoin('submissions', 'submissions.id', 'intake_items.submission_id')
      .selectAll('intake_items')
      .select(['submissions.state as decision', 'submissions.reason as decision_reason', 'submissions.decided_at'])
      .where('intake_items.channel', '=', 'email')
      .where('intake_items.sender', 'is not', null)
      .where('submissions.state', 'in', ['adopted', 'returned', 'not_adopted'])
      .where('submissions.decided_at', 'is not', null)
      .where((eb) =>
        eb.or([
          eb('intake_items.decision_sent_at', 'is', null),
          eb('intake_items.decision_sent_at', '<', eb.ref('submissions.decided_at')),
        ]),
      )
      .orderBy('intake_items.id')
      .limit(limit)
      .execute();
  }
}
