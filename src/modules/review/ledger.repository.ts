import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Scope } from '../../platform/auth/policy.js';
import { insertReturningId, type Executor } from '../../platform/db/helpers.js';
import type { DB, SubmissionsTable } from '../../platform/db/tables.js';
import { shanghaiDayEnd, shanghaiDayStart } from '../../platform/time.js';
import type { LedgerQuery, SubmissionState } from './review.schemas.js';

export type Submission = Selectable<SubmissionsTable>;

/** Every query of the submission ledger (报送台账); a unit's scope is part of the WHERE clause. */
export class LedgerRepository {
  constructor(private readonly db: Kysely<DB>) {}

  insert(db: Executor, row: Insertable<SubmissionsTable>): Promise<number> {
    return insertReturningId(db, 'submissions', row);
  }

  async decide(
    db: Executor,
    id: number,
    patch: { state: SubmissionState; decided_at: string | null; decided_by: number | null; reason: string | null },
  ): Promise<void> {
    await db.updateTable('submissions').set(patch).where('id', '=', id).execute();
  }

  byArticle(articleId: number, db: Executor = this.db): Promise<Submission | undefined> {
    return db
      .selectFrom('submissions')
      .selectAll()
      .where('article_id', '=', articleId)
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }

  /**
   * The submission intake recorded for an item when its mail or paper arrived, not yet taken by a
   * review flow: the flow started for the item continues it rather than counting the item twice.
   */
  async pendingIntake(db: Executor, articleId: number): Promise<number | undefined> {
    const row = await db
      .selectFrom('submissions')
      .select('id')
      .where('article_id', '=', articleId)
      .where('state', '=', 'received')
      .where('source_ref', 'like', 'intake:%')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('review_flows').select('id').whereRef('review_flows.submission_id', '=', 'submissions.id'),
          ),
        ),
      )
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row?.id;
  }

  private filtered(scope: Scope, q: Omit<LedgerQuery, 'page' | 'pageSize'>) {
    let query = this.db.selectFrom('submissions');
    if (scope.kind === 'unit') query = query.where('submissions.unit_id', '=', scope.unitId);
    if (q.unitId) query = query.where('submissions.unit_id', '=', q.unitId);
    if (q.channel) query = query.where('submissions.channel', '=', q.channel);
    if (q.state) query = query.where('submissions.state', '=', q.state);
    if (q.from) query = query.where('submissions.received_at', '>=', shanghaiDayStart(q.from));
    if (q.to) query = query.where('submissions.received_at', '<', shanghaiDayEnd(q.to));
    return query;
  }

  async list(scope: Scope, q: LedgerQuery) {
    const [rows, total] = await Promise.all([
      this.filtered(scope, q)
        .innerJoin('units', 'units.id', 'submissions.unit_id')
        .leftJoin('columns', 'columns.id', 'submissions.column_id')
        .selectAll('submissions')
        .select(['units.short_name as unit_name', 'columns.name as column_name'])
        .orderBy('submissions.received_at', 'desc')
        .orderBy('submissions.id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      this.filtered(scope, q)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  }

  /** Submissions per unit, channel and state received in a period. */
  counts(scope: Scope, from: string, to: string) {
    return this.filtered(scope, { from, to })
      .select([
        'submissions.unit_id',
        'submissions.channel',
        'submissions.state',
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .groupBy(['submissions.unit_id', 'submissions.channel', 'submissions.state'])
      .execute();
  }
}
