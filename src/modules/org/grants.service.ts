import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { nowIso } from '../../platform/db/helpers.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { unitColumnIds } from './column-scope.js';

/** Columns granted to a unit beyond its duties (a department asked to feed a topic column). */
export class GrantsService {
  constructor(private readonly uow: UnitOfWork) {}

  async list(actor: Actor, unitId?: number) {
    authorize(actor, 'unit.read');
    let q = this.uow.db
      .selectFrom('column_grants')
      .innerJoin('columns', 'columns.id', 'column_grants.column_id')
      .innerJoin('units', 'units.id', 'column_grants.unit_id')
      .select([
        'column_grants.id',
        'column_grants.unit_id',
        'units.short_name as unit_name',
        'column_grants.column_id',
        'columns.name as column_name',
        'columns.path',
        'column_grants.created_at',
      ]);
    if (unitId) q = q.where('column_grants.unit_id', '=', unitId);
    const rows = await q.orderBy('column_grants.id').execute();
    return rows.map((r) => ({
      id: r.id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      columnId: r.column_id,
      columnName: r.column_name,
      columnPath: r.path,
      createdAt: r.created_at,
    }));
  }

  /** Every column id the unit may write in (its duties, its groups' duties, grants, sub-columns). */
  async columnsOfUnit(actor: Actor, unitId: number): Promise<number[]> {
    const scope = authorize(actor, 'column.read');
    if (scope.kind === 'unit' && scope.unitId !== unitId) throw new AppError('FORBIDDEN');
    const rows = await unitColumnIds(this.uow.db, unitId).execute();
    return [...new Set(rows.map((r) => r.descendant_id))].sort((a, b) => a - b);
  }

  async grant(actor: Actor, unitId: number, columnId: number) {
    authorize(actor, 'unit.write');
    return this.uow.run(async (trx, emit) => {
      const unit = await trx
        .selectFrom('units')
        .select(['id', 'short_name'])
        .where('id', '=', unitId)
        .executeTakeFirst();
      if (!unit) throw invalid('unitId', '单位不存在');
      const col = await trx.selectFrom('columns').select(['id', 'name']).where('id', '=', columnId).executeTakeFirst();
      if (!col) throw invalid('columnId', '栏目不存在');
      const exists = await trx
        .selectFrom('column_grants')
        .select('id')
        .where('unit_id', '=', unitId)
        .where('column_id', '=', columnId)
        .executeTakeFirst();
      if (exists) throw new AppError('DUPLICATE', `${unit.short_name}已获授权维护“${col.name}”`);
      await trx
        .insertInto('column_grants')
        .values({ unit_id: unitId, column_id: columnId, created_at: nowIso() })
        .execute();
      await emit({
        type: 'grant.created',
        actor,
        entityType: 'column_grant',
        entityId: `${unitId}:${columnId}`,
        summary: `授权${unit.short_name}维护栏目“${col.name}”`,
      });
    });
  }

  async revoke(actor: Actor, id: number) {
    authorize(actor, 'unit.write');
    await this.uow.run(async (trx, emit) => {
      const g = await trx.selectFrom('column_grants').selectAll().where('id', '=', id).executeTakeFirst();
      if (!g) throw notFound('栏目授权');
      await trx.deleteFrom('column_grants').where('id', '=', id).execute();
      await emit({
        type: 'grant.deleted',
        actor,
        entityType: 'column_grant',
        entityId: `${g.unit_id}:${g.column_id}`,
        summary: `撤销单位 ${g.unit_id} 对栏目 ${g.column_id} 的授权`,
      });
    });
  }
}
