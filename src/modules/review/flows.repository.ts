import type { Kysely } from 'kysely';
import type { Scope } from '../../platform/auth/policy.js';
import type { Role } from '../../platform/auth/roles.js';
import { insertReturningId, type Executor } from '../../platform/db/helpers.js';
import type { DB, ReviewActionsTable, ReviewFlowsTable } from '../../platform/db/tables.js';
import type { Selectable } from 'kysely';

export type Flow = Selectable<ReviewFlowsTable>;
export type FlowAction = Selectable<ReviewActionsTable>;

/** Review flows, their action log, and the tasks (待办) they hand out. */
export class FlowsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The flow that currently governs an article (at most one is open at a time). */
  async active(articleId: number, db: Executor = this.db): Promise<Flow | undefined> {
    return db
      .selectFrom('review_flows')
      .selectAll()
      .where('article_id', '=', articleId)
      .where('state', 'in', ['in_review', 'returned', 'approved'])
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }

  async latest(articleId: number, db: Executor = this.db): Promise<Flow | undefined> {
    return db
      .selectFrom('review_flows')
      .selectAll()
      .where('article_id', '=', articleId)
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }

  async get(id: number, db: Executor = this.db): Promise<Flow | undefined> {
    return db.selectFrom('review_flows').selectAll().where('id', '=', id).executeTakeFirst();
  }

  insert(db: Executor, row: Omit<Flow, 'id'>): Promise<number> {
    return insertReturningId(db, 'review_flows', row);
  }

  async update(db: Executor, id: number, patch: Partial<Omit<Flow, 'id'>>): Promise<void> {
    await db.updateTable('review_flows').set(patch).where('id', '=', id).execute();
  }

  async addAction(db: Executor, row: Omit<FlowAction, 'id'>): Promise<void> {
    await db.insertInto('review_actions').values(row).execute();
  }

  async actions(flowIds: readonly number[], db: Executor = this.db): Promise<FlowAction[]> {
    if (!flowIds.length) return [];
    return db
      .selectFrom('review_actions')
      .selectAll()
      .where('flow_id', 'in', [...flowIds])
      .orderBy('id')
      .execute();
  }

  async flowsOf(articleId: number, db: Executor = this.db): Promise<Flow[]> {
    return db.selectFrom('review_flows').selectAll().where('article_id', '=', articleId).orderBy('id').execute();
  }

  // Tasks -------------------------------------------------------------------------------------

  async openTask(
    db: Executor,
    row: {
      flowId: number;
      articleId: number;
      position: number;
      title: string;
      role: string | null;
      unitId: number | null;
      accountId: number | null;
      excluded: number | null;
      dueAt: string;
      now: string;
    },
  ): Promise<number> {
    return insertReturningId(db, 'tasks', {
      flow_id: row.flowId,
      article_id: row.articleId,
      position: row.position,
      title: row.title,
      assignee_role: row.role,
      assignee_unit_id: row.unitId,
      assignee_account_id: row.accountId,
      excluded_account_id: row.excluded,
      state: 'open',
      due_at: row.dueAt,
      created_at: row.now,
      done_at: null,
      done_by: null,
    });
  }

  /** Close the open tasks of a flow: 'done' by the one who acted, 'cancelled' when moved on otherwise. */
  async closeTasks(
    db: Executor,
    flowId: number,
    state: 'done' | 'cancelled',
    by: number | null,
    now: string,
  ): Promise<void> {
    await db
      .updateTable('tasks')
      .set({ state, done_at: now, done_by: by })
      .where('flow_id', '=', flowId)
      .where('state', '=', 'open')
      .execute();
  }

  async openTaskOf(flowId: number, db: Executor = this.db) {
    return db
      .selectFrom('tasks')
      .selectAll()
      .where('flow_id', '=', flowId)
      .where('state', '=', 'open')
      .executeTakeFirst();
  }

  /** Open tasks an account may act on: its roles (in its unit where the task is unit-bound), or assigned to it. */
  async inbox(account: { id: number; unitId: number; roles: readonly Role[] }, db: Executor = this.db) {
    return db
      .selectFrom('tasks')
      .innerJoin('articles', 'articles.id', 'tasks.article_id')
      .innerJoin('units', 'units.id', 'articles.unit_id')
      .innerJoin('review_flows', 'review_flows.id', 'tasks.flow_id')
      .select([
        'tasks.id',
        'tasks.flow_id',
        'tasks.article_id',
        'tasks.position',
        'tasks.title',
        'tasks.due_at',
        'tasks.created_at',
        'tasks.assignee_role',
        'tasks.assignee_account_id',
        'articles.title as article_title',
        'articles.status as article_status',
        'articles.revision',
        'units.short_name as unit_name',
        'review_flows.retrospective',
        'review_flows.correction_id',
      ])
      .where('tasks.state', '=', 'open')
      .where((eb) =>
        eb.or([
          eb('tasks.assignee_account_id', '=', account.id),
          eb.and([
            eb('tasks.assignee_account_id', 'is', null),
            account.roles.length ? eb('tasks.assignee_role', 'in', [...account.roles]) : eb.val(false),
            eb.or([eb('tasks.assignee_unit_id', 'is', null), eb('tasks.assignee_unit_id', '=', account.unitId)]),
            eb.or([eb('tasks.excluded_account_id', 'is', null), eb('tasks.excluded_account_id', '!=', account.id)]),
          ]),
        ]),
      )
      .orderBy('tasks.due_at')
      .execute();
  }

  /** Items in these states (the publisher's queue) within a scope, with when their last approval was given. */
  async awaitingPublication(scope: Scope, states: readonly string[], db: Executor = this.db) {
    let q = db
      .selectFrom('articles')
      .innerJoin('units', 'units.id', 'articles.unit_id')
      .innerJoin('columns', 'columns.id', 'articles.column_id')
      .select((eb) => [
        'articles.id',
        'articles.title',
        'articles.status',
        'articles.scheduled_publish_at',
        'units.short_name as unit_name',
        'columns.name as column_name',
        eb
          .selectFrom('review_flows')
          .select((f) => f.fn.max('review_flows.finished_at').as('at'))
          .whereRef('review_flows.article_id', '=', 'articles.id')
          .where('review_flows.state', '=', 'approved')
          .as('approved_at'),
      ])
      .where('articles.status', 'in', [...states]);
    if (scope.kind === 'unit') q = q.where('articles.unit_id', '=', scope.unitId);
    return q.orderBy('articles.updated_at').orderBy('articles.id').execute();
  }

  /** Active accounts that could take a task (for notifications and the "nobody can act" check). */
  async candidates(
    db: Executor,
    role: string | null,
    unitId: number | null,
    accountId: number | null,
    excluded: number | null,
  ): Promise<number[]> {
    if (accountId !== null) return [accountId];
    let q = db
      .selectFrom('accounts')
      .innerJoin('account_roles', 'account_roles.account_id', 'accounts.id')
      .select('accounts.id')
      .where('accounts.active', '=', 1)
      .where('account_roles.role', '=', role ?? '');
    if (unitId !== null) q = q.where('accounts.unit_id', '=', unitId);
    if (excluded !== null) q = q.where('accounts.id', '!=', excluded);
    return (await q.execute()).map((r) => r.id);
  }

  // Who and what the 审核表 names ---------------------------------------------------------------

  drafter(accountId: number, db: Executor = this.db) {
    return db
      .selectFrom('accounts')
      .select(['display_name', 'phone', 'email'])
      .where('id', '=', accountId)
      .executeTakeFirst();
  }

  /** The proposed fields (JSON) of a correction under review: the 审核表 names what is reviewed. */
  async correctionSnapshot(correctionId: number, db: Executor = this.db): Promise<string | undefined> {
    const row = await db
      .selectFrom('article_corrections')
      .select('snapshot')
      .where('id', '=', correctionId)
      .executeTakeFirst();
    return row?.snapshot;
  }

  async unitName(unitId: number, db: Executor = this.db): Promise<string> {
    return (await db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirstOrThrow()).name;
  }
}
