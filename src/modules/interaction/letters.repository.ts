import type { Kysely } from 'kysely';
import { type Executor, insertReturningId } from '../../platform/db/helpers.js';
import type { DB, LettersTable } from '../../platform/db/tables.js';
import type { Insertable, Selectable, Updateable } from 'kysely';

// Kysely-only queries of the 政民互动 module. A unit's scope is part of the query (lead or helper unit).

export type Letter = Selectable<LettersTable>;

/** The states in which a reply clock runs (the office or a unit holds the letter). */
export const RUNNING = ['accepted', 'assigned', 'unit_returned', 'drafted', 'signed'] as const;
export type Mailbox = Selectable<DB['mailboxes']>;

export interface LetterFilter {
  status?: string;
  unitId?: number; // scope: letters this unit leads or helps with
  mailboxId?: number;
  leadUnitId?: number;
  /** Only letters whose running deadline is at or before this instant (the list's 只看超期). */
  overdueAt?: string;
  limit: number;
  offset: number;
}

export class LettersRepository {
  constructor(readonly db: Kysely<DB>) {}

  mailboxes(db: Executor = this.db): Promise<Mailbox[]> {
    return db.selectFrom('mailboxes').selectAll().orderBy('id').execute();
  }

  mailboxBySlug(slug: string, db: Executor = this.db): Promise<Mailbox | undefined> {
    return db.selectFrom('mailboxes').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  mailbox(id: number, db: Executor = this.db): Promise<Mailbox | undefined> {
    return db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
  }

  insertMailbox(row: Insertable<DB['mailboxes']>, db: Executor = this.db): Promise<number> {
    return insertReturningId(db, 'mailboxes', row);
  }

  async updateMailbox(id: number, patch: Updateable<DB['mailboxes']>, db: Executor = this.db): Promise<void> {
    await db.updateTable('mailboxes').set(patch).where('id', '=', id).execute();
  }

  insertLetter(row: Insertable<LettersTable>, db: Executor): Promise<number> {
    return insertReturningId(db, 'letters', row);
  }

  insertAttachment(row: Insertable<DB['letter_attachments']>, db: Executor): Promise<number> {
    return insertReturningId(db, 'letter_attachments', row);
  }

  attachments(letterId: number, db: Executor = this.db) {
    return db.selectFrom('letter_attachments').selectAll().where('letter_id', '=', letterId).orderBy('id').execute();
  }

  attachment(id: number, db: Executor = this.db) {
    return db.selectFrom('letter_attachments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  letter(id: number, db: Executor = this.db): Promise<Letter | undefined> {
    return db.selectFrom('letters').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byQueryCode(code: string, db: Executor = this.db): Promise<Letter | undefined> {
    return db.selectFrom('letters').selectAll().where('query_code', '=', code).executeTakeFirst();
  }

  /** Writes a change only if nobody changed the letter since it was read (optimistic lock). */
  async update(id: number, version: number, patch: Updateable<LettersTable>, db: Executor): Promise<boolean> {
    const r = await db
      .updateTable('letters')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  insertEvent(row: Insertable<DB['letter_events']>, db: Executor): Promise<number> {
    return insertReturningId(db, 'letter_events', row);
  }

  events(letterId: number, db: Executor = this.db) {
    return db.selectFrom('letter_events').selectAll().where('letter_id', '=', letterId).orderBy('id').execute();
  }

  private scoped(f: Omit<LetterFilter, 'limit' | 'offset'>, db: Executor) {
    let q = db.selectFrom('letters');
    if (f.status) q = q.where('status', '=', f.status);
    if (f.mailboxId !== undefined) q = q.where('mailbox_id', '=', f.mailboxId);
    if (f.leadUnitId !== undefined) q = q.where('lead_unit_id', '=', f.leadUnitId);
    if (f.overdueAt !== undefined) {
      // The same rule as LettersService.summary's `overdue`: 受理 while waiting, the reply deadline after.
      const at = f.overdueAt;
      q = q.where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'received'), eb('accept_due', '<=', at)]),
          eb.and([eb('status', 'in', RUNNING), eb('reply_due', 'is not', null), eb('reply_due', '<=', at)]),
        ]),
      );
    }
    if (f.unitId !== undefined) {
      const u = f.unitId;
      q = q.where((eb) =>
        eb.or([
          eb('lead_unit_id', '=', u),
          eb('helper_unit_ids', 'like', `[${u}]`),
          eb('helper_unit_ids', 'like', `[${u},%`),
          eb('helper_unit_ids', 'like', `%,${u},%`),
          eb('helper_unit_ids', 'like', `%,${u}]`),
        ]),
      );
    }
    return q;
  }

  async list(f: LetterFilter, db: Executor = this.db): Promise<{ rows: Letter[]; total: number }> {
    const rows = await this.scoped(f, db)
      .selectAll()
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    const { n } = await this.scoped(f, db)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { rows, total: Number(n) };
  }

  /** Letters whose clock is running (for 催办/超期 and the board). */
  open(db: Executor = this.db): Promise<Letter[]> {
    return db
      .selectFrom('letters')
      .selectAll()
      .where('status', 'in', ['received', ...RUNNING])
      .execute();
  }

  /** Valid letters with no reply yet that arrived before `beforeInstant` (the 3-month indicator). */
  unansweredSince(beforeInstant: string, db: Executor = this.db): Promise<Letter[]> {
    return db
      .selectFrom('letters')
      .selectAll()
      .where('accepted_at', 'is not', null)
      .where('first_answered_at', 'is', null)
      .where('status', '!=', 'rejected')
      .where('received_at', '<', beforeInstant)
      .orderBy('received_at')
      .execute();
  }

  /** Valid letters received before `cutoff` and not answered by then, oldest first. */
  unansweredAt(cutoff: string, db: Executor = this.db): Promise<Letter[]> {
    return db
      .selectFrom('letters')
      .selectAll()
      .where('accepted_at', 'is not', null)
      .where('accepted_at', '<', cutoff)
      .where('status', '!=', 'rejected')
      .where((eb) => eb.or([eb('first_answered_at', 'is', null), eb('first_answered_at', '>', cutoff)]))
      .orderBy('received_at')
      .limit(1)
      .execute();
  }

  /** Letters received in [from, to) (instants), for statistics and the annual figures. */
  receivedBetween(from: string, to: string, db: Executor = this.db): Promise<Letter[]> {
    return db
      .selectFrom('letters')
      .selectAll()
      .where('received_at', '>=', from)
      .where('received_at', '<', to)
      .execute();
  }

  published(limit: number, offset: number, db: Executor = this.db) {
    return db
      .selectFrom('letters')
      .selectAll()
      .where('published_at', 'is not', null)
      .orderBy('published_at', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  async publishedCount(db: Executor = this.db): Promise<number> {
    const { n } = await db
      .selectFrom('letters')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('published_at', 'is not', null)
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  /**
   * What 政民互动 published in [from, cutoff) in columns that stand for it: replies (their mailbox's
   * column) and 共性问题 (their own column). One row per item; a check's window holds few of them.
   */
  async publishedColumnItems(from: string, cutoff: string, db: Executor = this.db) {
    const letters = await db
      .selectFrom('letters')
      .innerJoin('mailboxes', 'mailboxes.id', 'letters.mailbox_id')
      .select(['mailboxes.column_id as columnId', 'letters.published_at as publishedAt'])
      .where('mailboxes.column_id', 'is not', null)
      .where('letters.published_at', '>=', from)
      .where('letters.published_at', '<', cutoff)
      .execute();
    const faqs = await db
      .selectFrom('letter_faqs')
      .select(['column_id as columnId', 'published_at as publishedAt'])
      .where('column_id', 'is not', null)
      .where('published_at', '>=', from)
      .where('published_at', '<', cutoff)
      .execute();
    return [...letters, ...faqs].map((r) => ({ columnId: r.columnId!, publishedAt: r.publishedAt! }));
  }

  /** Per such column, the newest and the first item published before the cutoff. */
  async publishedColumnSpan(cutoff: string, db: Executor = this.db) {
    const letters = await db
      .selectFrom('letters')
      .innerJoin('mailboxes', 'mailboxes.id', 'letters.mailbox_id')
      .select([
        'mailboxes.column_id as columnId',
        (eb) => eb.fn.max('letters.published_at').as('lastAt'),
        (eb) => eb.fn.min('letters.published_at').as('firstAt'),
      ])
      .where('mailboxes.column_id', 'is not', null)
      .where('letters.published_at', '<', cutoff)
      .groupBy('mailboxes.column_id')
      .execute();
    const faqs = await db
      .selectFrom('letter_faqs')
      .select([
        'column_id as columnId',
        (eb) => eb.fn.max('published_at').as('lastAt'),
        (eb) => eb.fn.min('published_at').as('firstAt'),
      ])
      .where('column_id', 'is not', null)
      .where('published_at', '<', cutoff)
      .groupBy('column_id')
      .execute();
    return [...letters, ...faqs]
      .filter((r) => r.lastAt !== null && r.firstAt !== null)
      .map((r) => ({ columnId: Number(r.columnId), lastAt: String(r.lastAt), firstAt: String(r.firstAt) }));
  }

  unitNames(db: Executor = this.db) {
    return db.selectFrom('units').select(['id', 'name', 'short_name']).execute();
  }

  /** The unit of the 12345 office: the one whose name says 12345. */
  async officeUnitId(db: Executor = this.db): Promise<number | null> {
    const row = await db
      .selectFrom('units')
      .select('id')
      .where((eb) => eb.or([eb('name', 'like', '%12345%'), eb('short_name', 'like', '%12345%')]))
      .orderBy('id')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /** Active accounts holding one of the roles, whatever their unit (the 12345 operators). */
  roleAccounts(roles: readonly string[], db: Executor = this.db) {
    return db
      .selectFrom('accounts')
      .innerJoin('account_roles', 'account_roles.account_id', 'accounts.id')
      .select(['accounts.id'])
      .where('account_roles.role', 'in', [...roles])
      .where('accounts.active', '=', 1)
      .execute();
  }

  /** The accounts that should hear about a unit's letter: its 信息员 and leaders (for notices). */
  unitAccounts(unitId: number, roles: readonly string[], db: Executor = this.db) {
    return db
      .selectFrom('accounts')
      .innerJoin('account_roles', 'account_roles.account_id', 'accounts.id')
      .select(['accounts.id', 'accounts.unit_id'])
      .where('accounts.unit_id', '=', unitId)
      .where('account_roles.role', 'in', [...roles])
      .execute();
  }
}
