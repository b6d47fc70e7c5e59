import type { Insertable, Kysely } from 'kysely';
import type { Scope } from '../../platform/auth/policy.js';
import { insertReturningId, nowIso, type Executor } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';
import type { FoiApplicationsTable, FoiFilesTable } from '../../platform/db/tables-foi.js';
import type { UnitGuide } from '../../contract/foi-guide.js';

// Kysely queries of the 依申请公开 module. A unit's scope is part of every query that reads or changes
// an application (`scoped`), so an application of another unit is simply not found.

export type ApplicationRow = Awaited<ReturnType<FoiRepository['get']>> & object;

export class FoiRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private scoped(db: Executor, scope: Scope) {
    let q = db
      .selectFrom('foi_applications')
      .innerJoin('units', 'units.id', 'foi_applications.unit_id')
      .selectAll('foi_applications')
      .select('units.name as unit_name');
    if (scope.kind === 'unit') q = q.where('foi_applications.unit_id', '=', scope.unitId);
    return q;
  }

  insert(trx: Executor, row: Insertable<FoiApplicationsTable>): Promise<number> {
    return insertReturningId(trx, 'foi_applications', row);
  }

  async numberTaken(db: Executor, number: string): Promise<boolean> {
    return Boolean(
      await db.selectFrom('foi_applications').select('id').where('number', '=', number).executeTakeFirst(),
    );
  }

  get(db: Executor, id: number, scope: Scope) {
    return this.scoped(db, scope).where('foi_applications.id', '=', id).executeTakeFirst();
  }

  list(scope: Scope, filter: { unitId?: number; states?: readonly string[] }, db: Executor = this.db) {
    let q = this.scoped(db, scope);
    if (filter.unitId) q = q.where('foi_applications.unit_id', '=', filter.unitId);
    if (filter.states?.length) q = q.where('foi_applications.state', 'in', filter.states);
    return q
      .orderBy('foi_applications.received_day', 'desc')
      .orderBy('foi_applications.id', 'desc')
      .limit(500)
      .execute();
  }

  /** The application a number and a phone name together (the applicant's own lookup). */
  byNumberAndPhone(number: string, phone: string, db: Executor = this.db) {
    return this.scoped(db, { kind: 'all' })
      .where('foi_applications.number', '=', number)
      .where('foi_applications.phone', '=', phone)
      .executeTakeFirst();
  }

  async update(trx: Executor, id: number, patch: Record<string, string | number | null>): Promise<void> {
    await trx
      .updateTable('foi_applications')
      .set({ ...patch, updated_at: nowIso() } as never)
      .where('id', '=', id)
      .execute();
  }

  async addEvent(
    trx: Executor,
    e: { applicationId: number; action: string; from: string | null; to: string; day: string; note: string | null },
    who: { accountId: number | null; username: string },
  ): Promise<void> {
    await trx
      .insertInto('foi_events')
      .values({
        application_id: e.applicationId,
        action: e.action,
        from_state: e.from,
        to_state: e.to,
        day: e.day,
        note: e.note,
        account_id: who.accountId,
        username: who.username,
        at: nowIso(),
      })
      .execute();
  }

  events(db: Executor, applicationId: number) {
    return db.selectFrom('foi_events').selectAll().where('application_id', '=', applicationId).orderBy('id').execute();
  }

  addFile(trx: Executor, row: Insertable<FoiFilesTable>): Promise<number> {
    return insertReturningId(trx, 'foi_files', row);
  }

  files(db: Executor, applicationId: number) {
    return db.selectFrom('foi_files').selectAll().where('application_id', '=', applicationId).orderBy('id').execute();
  }

  file(db: Executor, applicationId: number, fileId: number) {
    return db
      .selectFrom('foi_files')
      .selectAll()
      .where('application_id', '=', applicationId)
      .where('id', '=', fileId)
      .executeTakeFirst();
  }

  /**
   * Units that take applications: those with a branch in the per-unit 信息公开 tree (each has its
   * 依申请公开 column) and those whose 依申请公开 office has been described.
   */
  async handlingUnits(db: Executor = this.db): Promise<Array<{ id: number; name: string }>> {
    const branch = db.selectFrom('unit_branches').select('unit_id');
    const guide = db.selectFrom('foi_unit_guides').select('unit_id');
    return db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('active', '=', 1)
      .where((eb) => eb.or([eb('id', 'in', branch), eb('id', 'in', guide)]))
      .orderBy('sort_order')
      .orderBy('id')
      .execute();
  }

  async unitExists(db: Executor, unitId: number): Promise<boolean> {
    return Boolean(await db.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst());
  }

  async unitName(unitId: number, db: Executor = this.db): Promise<string | null> {
    const u = await db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst();
    return u?.name ?? null;
  }

  /** Every application that matters to a year's report: received by its end, not concluded before it. */
  forYear(year: number, unitId: number | null, db: Executor = this.db) {
    let q = db
      .selectFrom('foi_applications')
      .select(['id', 'unit_id', 'applicant_category', 'received_day', 'concluded_day', 'answer_type', 'answer_ground'])
      .where('received_day', '<=', `${year}-12-31`)
      .where((eb) => eb.or([eb('concluded_day', 'is', null), eb('concluded_day', '>=', `${year}-01-01`)]));
    if (unitId) q = q.where('unit_id', '=', unitId);
    return q.execute();
  }

  appeals(year: number, unitId: number | null, db: Executor = this.db) {
    let q = db.selectFrom('foi_appeals').select(['kind', 'outcome', 'count']).where('year', '=', year);
    if (unitId) q = q.where('unit_id', '=', unitId);
    return q.execute();
  }

  async putAppeal(
    trx: Executor,
    v: { unitId: number; year: number; kind: string; outcome: string; count: number; by: number | null },
  ): Promise<void> {
    const base = trx
      .selectFrom('foi_appeals')
      .select('id')
      .where('unit_id', '=', v.unitId)
      .where('year', '=', v.year)
      .where('kind', '=', v.kind)
      .where('outcome', '=', v.outcome);
    const found = await base.executeTakeFirst();
    if (found)
      await trx
        .updateTable('foi_appeals')
        .set({ count: v.count, updated_by: v.by, updated_at: nowIso() })
        .where('id', '=', found.id)
        .execute();
    else
      await trx
        .insertInto('foi_appeals')
        .values({
          unit_id: v.unitId,
          year: v.year,
          kind: v.kind,
          outcome: v.outcome,
          count: v.count,
          updated_by: v.by,
          updated_at: nowIso(),
        })
        .execute();
  }

  guide(unitId: number, db: Executor = this.db) {
    return db.selectFrom('foi_unit_guides').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
  }

  async putGuide(trx: Executor, unitId: number, v: UnitGuide, by: number | null): Promise<void> {
    const values = {
      office_name: v.officeName,
      address: v.address,
      hours: v.hours,
      phone: v.phone,
      postcode: v.postcode,
      fax: v.fax,
      email: v.email,
      guide_text: v.guideText,
      updated_by: by,
      updated_at: nowIso(),
    };
    if (await this.guide(unitId, trx))
      await trx.updateTable('foi_unit_guides').set(values).where('unit_id', '=', unitId).execute();
    else
      await trx
        .insertInto('foi_unit_guides')
        .values({ unit_id: unitId, ...values })
        .execute();
  }

  /** Open applications of every unit (the deadline job and the guarantee board). */
  open(db: Executor = this.db) {
    return this.scoped(db, { kind: 'all' })
      .where('foi_applications.state', 'in', ['registered', 'correction', 'consulting'])
      .execute();
  }

  inTransaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  /** Accounts of a unit that handle its applications (to be warned of deadlines). */
  handlers(unitId: number, db: Executor = this.db) {
    return db
      .selectFrom('accounts')
      .innerJoin('account_roles', 'account_roles.account_id', 'accounts.id')
      .select('accounts.id')
      .distinct()
      .where('accounts.unit_id', '=', unitId)
      .where('accounts.active', '=', 1)
      .where('account_roles.role', 'in', ['unit_officer', 'unit_leader', 'unit_head'])
      .execute();
  }
}
