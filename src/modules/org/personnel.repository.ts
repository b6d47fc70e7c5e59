import type { Insertable, Kysely } from 'kysely';
import type { Person } from '../../contract/org.js';
import type { Scope } from '../../platform/auth/policy.js';
import { insertReturningId, type Executor } from '../../platform/db/helpers.js';
import type { DB, Personnel, PersonnelTable } from '../../platform/db/tables.js';
import type { Requirement, UnitRef } from './roster-plan.js';

/** A person as the API shows it (src/contract/org.ts). */
export type PersonView = Person;

export const toPersonView = (p: Personnel): PersonView => ({
  id: p.id,
  unitId: p.unit_id,
  role: p.role as PersonView['role'],
  name: p.name,
  post: p.post,
  phone: p.phone,
  mobile: p.mobile,
  email: p.email,
  updatedAt: p.updated_at,
});

/** The 附件3 roster: each unit's 分管领导 and 信息员. */
export class PersonnelRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async list(scope: Scope, unitId?: number, db: Executor = this.db): Promise<PersonView[]> {
    let q = db.selectFrom('personnel').selectAll();
    if (scope.kind === 'unit') q = q.where('unit_id', '=', scope.unitId);
    if (unitId !== undefined) q = q.where('unit_id', '=', unitId);
    return (await q.orderBy('unit_id').orderBy('role').orderBy('id').execute()).map(toPersonView);
  }

  async get(scope: Scope, id: number, db: Executor = this.db): Promise<Personnel | undefined> {
    let q = db.selectFrom('personnel').selectAll().where('id', '=', id);
    if (scope.kind === 'unit') q = q.where('unit_id', '=', scope.unitId);
    return q.executeTakeFirst();
  }

  insert(db: Executor, row: Omit<Insertable<PersonnelTable>, 'id'>): Promise<number> {
    return insertReturningId(db, 'personnel', row);
  }

  async update(db: Executor, id: number, patch: Partial<Omit<Personnel, 'id'>>): Promise<void> {
    await db.updateTable('personnel').set(patch).where('id', '=', id).execute();
  }

  async delete(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('personnel').where('id', '=', id).execute();
  }

  /** Active units with how many leaders and officers they have named. */
  async coverage(db: Executor = this.db) {
    const units = await db
      .selectFrom('units')
      .select(['id', 'name', 'short_name', 'category'])
      .where('active', '=', 1)
      .orderBy('sort_order')
      .orderBy('id')
      .execute();
    const counts = await db
      .selectFrom('personnel')
      .select(['unit_id', 'role', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['unit_id', 'role'])
      .execute();
    const n = (unitId: number, role: string) =>
      Number(counts.find((c) => c.unit_id === unitId && c.role === role)?.n ?? 0);
    return units.map((u) => ({ unit: u, leaders: n(u.id, 'leader'), officers: n(u.id, 'officer') }));
  }

  /** Every unit as the roster refers to it (import matching, requirements). */
  async unitRefs(db: Executor = this.db): Promise<Map<number, UnitRef>> {
    const rows = await db
      .selectFrom('units')
      .select(['id', 'name', 'short_name', 'active'])
      .orderBy('sort_order')
      .orderBy('id')
      .execute();
    return new Map(
      rows.map((u) => [u.id, { id: u.id, name: u.name, shortName: u.short_name, active: u.active === 1 }]),
    );
  }

  /** What the office expects of the units it set apart; units not listed expect one and at least one. */
  async requirements(db: Executor = this.db): Promise<Map<number, Requirement>> {
    const rows = await db.selectFrom('personnel_requirements').selectAll().execute();
    return new Map(rows.map((r) => [r.unit_id, { leaders: r.leaders, minOfficers: r.min_officers, note: r.note }]));
  }

  async putRequirement(db: Executor, unitId: number, r: Requirement, by: number | null, at: string): Promise<void> {
    const row = { leaders: r.leaders, min_officers: r.minOfficers, note: r.note, updated_by: by, updated_at: at };
    const done = await db
      .updateTable('personnel_requirements')
      .set(row)
      .where('unit_id', '=', unitId)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0)
      await db
        .insertInto('personnel_requirements')
        .values({ unit_id: unitId, ...row })
        .execute();
  }

  async deleteRequirement(db: Executor, unitId: number): Promise<boolean> {
    const done = await db.deleteFrom('personnel_requirements').where('unit_id', '=', unitId).executeTakeFirst();
    return Number(done.numDeletedRows) > 0;
  }

  /** The 分管领导 of a unit, by name (a second one is warned about). */
  async leaderNames(unitId: number, db: Executor = this.db): Promise<string[]> {
    const rows = await db
      .selectFrom('personnel')
      .select('name')
      .where('unit_id', '=', unitId)
      .where('role', '=', 'leader')
      .orderBy('id')
      .execute();
    return rows.map((r) => r.name);
  }
}
