import type { Executor } from '../../platform/db/helpers.js';

/**
 * The columns a unit may publish in, as a subquery to put inside other queries: the columns its
 * guarantee duties name (directly, or through a group of the unit's category), the columns granted to
 * it, and all their sub-columns (the notice: a unit keeps "信息公开栏目下设所有子栏目").
 */
export function unitColumnIds(db: Executor, unitId: number) {
  return db
    .selectFrom('column_closure')
    .select('column_closure.descendant_id')
    .where('column_closure.ancestor_id', 'in', (eb) =>
      eb
        .selectFrom('duties')
        .innerJoin('duty_units', 'duty_units.duty_id', 'duties.id')
        .select('duties.column_id')
        .where((w) =>
          w.or([
            w('duty_units.unit_id', '=', unitId),
            w(
              'duty_units.group_id',
              'in',
              w
                .selectFrom('unit_group_categories')
                .innerJoin('units', 'units.category', 'unit_group_categories.category')
                .select('unit_group_categories.group_id')
                .where('units.id', '=', unitId),
            ),
          ]),
        )
        .union(
          eb.selectFrom('column_grants').select('column_grants.column_id').where('column_grants.unit_id', '=', unitId),
        ),
    );
}
