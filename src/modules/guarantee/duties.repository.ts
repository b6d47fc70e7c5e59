import type { Kysely } from 'kysely';
import { chunk, insertReturningId, type Executor } from '../../platform/db/helpers.js';
import type { DB, DutiesTable, Duty } from '../../platform/db/tables.js';

export interface DutyRow extends Duty {
  site_id: number;
  column_name: string;
  column_path: string;
}

export interface PartyRow {
  id: number;
  duty_id: number;
  unit_id: number | null;
  unit_name: string | null;
  group_id: number | null;
  group_name: string | null;
  role: string;
  label: string;
}

export interface PartyValues {
  unitId: number | null;
  groupId: number | null;
  role: 'lead' | 'cooperate';
  label: string;
}

export type DutyValues = Omit<DutiesTable, 'id' | 'created_at'>;

/** Groups whose categories include the unit's category: a unit answers for its groups' duties too. */
function groupsOfUnit(db: Executor, unitId: number) {
  return db
    .selectFrom('unit_group_categories')
    .innerJoin('units', 'units.category', 'unit_group_categories.category')
    .select('unit_group_categories.group_id')
    .where('units.id', '=', unitId);
}

export class DutiesRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private base(db: Executor) {
    return db
      .selectFrom('duties')
      .innerJoin('columns', 'columns.id', 'duties.column_id')
      .selectAll('duties')
      .select(['columns.site_id', 'columns.name as column_name', 'columns.path as column_path']);
  }

  async list(
    filter: { siteId?: number; columnId?: number; unitId?: number },
    db: Executor = this.db,
  ): Promise<DutyRow[]> {
    let q = this.base(db);
    if (filter.siteId) q = q.where('columns.site_id', '=', filter.siteId);
    if (filter.columnId) q = q.where('duties.column_id', '=', filter.columnId);
    if (filter.unitId) {
      const unitId = filter.unitId;
      q = q.where('duties.id', 'in', (eb) =>
        eb
          .selectFrom('duty_units')
          .select('duty_units.duty_id')
          .where((w) =>
            w.or([w('duty_units.unit_id', '=', unitId), w('duty_units.group_id', 'in', groupsOfUnit(db, unitId))]),
          ),
      );
    }
    return q.orderBy('columns.site_id').orderBy('columns.path').orderBy('duties.id').execute();
  }

  async get(id: number, db: Executor = this.db): Promise<DutyRow | undefined> {
    return this.base(db).where('duties.id', '=', id).executeTakeFirst();
  }

  async byColumn(columnId: number, db: Executor = this.db): Promise<DutyRow | undefined> {
    return this.base(db).where('duties.column_id', '=', columnId).orderBy('duties.id').executeTakeFirst();
  }

  async parties(dutyIds: readonly number[], db: Executor = this.db): Promise<PartyRow[]> {
    const out: PartyRow[] = [];
    for (const ids of chunk([...new Set(dutyIds)])) {
      out.push(
        ...(await db
          .selectFrom('duty_units')
          .leftJoin('units', 'units.id', 'duty_units.unit_id')
          .leftJoin('unit_groups', 'unit_groups.id', 'duty_units.group_id')
          .select([
            'duty_units.id',
            'duty_units.duty_id',
            'duty_units.unit_id',
            'units.short_name as unit_name',
            'duty_units.group_id',
            'unit_groups.name as group_name',
            'duty_units.role',
            'duty_units.label',
          ])
          .where('duty_units.duty_id', 'in', ids)
          .orderBy('duty_units.id')
          .execute()),
      );
    }
    return out;
  }

  /** "政务公开/管理公开/财政预决算" for each column: the names people see, not the slug path. */
  async namePaths(columnIds: readonly number[], db: Executor = this.db): Promise<Map<number, string>> {
    const rows: Array<{ descendant_id: number; name: string; depth: number }> = [];
    for (const ids of chunk([...new Set(columnIds)])) {
      rows.push(
        ...(await db
          .selectFrom('column_closure')
          .innerJoin('columns', 'columns.id', 'column_closure.ancestor_id')
          .select(['column_closure.descendant_id', 'columns.name', 'column_closure.depth'])
          .where('column_closure.descendant_id', 'in', ids)
          .execute()),
      );
    }
    const paths = new Map<number, Array<{ name: string; depth: number }>>();
    for (const r of rows)
      paths.set(r.descendant_id, [...(paths.get(r.descendant_id) ?? []), { name: r.name, depth: r.depth }]);
    return new Map(
      [...paths].map(([id, parts]) => [
        id,
        parts
          .sort((a, b) => b.depth - a.depth)
          .map((p) => p.name)
          .join('/'),
      ]),
    );
  }

  /** A duty with its column's update class: what its check plan depends on. */
  async withClass(id: number, db: Executor = this.db) {
    return this.base(db).select('columns.update_class').where('duties.id', '=', id).executeTakeFirst();
  }

  async insert(db: Executor, values: DutyValues & { created_at: string }): Promise<number> {
    return insertReturningId(db, 'duties', values);
  }

  async update(db: Executor, id: number, values: Partial<DutyValues>): Promise<void> {
    await db.updateTable('duties').set(values).where('id', '=', id).execute();
  }

  async replaceParties(db: Executor, dutyId: number, parties: readonly PartyValues[]): Promise<void> {
    await db.deleteFrom('duty_units').where('duty_id', '=', dutyId).execute();
    if (!parties.length) return;
    await db
      .insertInto('duty_units')
      .values(
        parties.map((p) => ({ duty_id: dutyId, unit_id: p.unitId, group_id: p.groupId, role: p.role, label: p.label })),
      )
      .execute();
  }

  async delete(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('duties').where('id', '=', id).execute();
  }
}
