import type { Kysely } from 'kysely';
import { insertReturningId, type Executor } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';
import type { Role } from '../../platform/auth/roles.js';
import type { Channel, FormField, StepScope } from './review.schemas.js';

export interface StepView {
  id: number;
  position: number;
  name: string;
  role: Role;
  scope: StepScope;
  formField: FormField | null;
  dueHours: number;
}

export interface ChainView {
  id: number;
  name: string;
  description: string | null;
  restartPosition: number;
  autoPublish: boolean;
  steps: StepView[];
  bindings: Array<{ id: number; columnId: number | null; columnName: string | null; channel: Channel | null }>;
  updatedAt: string;
}

export class ChainsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async list(db: Executor = this.db): Promise<ChainView[]> {
    const chains = await db.selectFrom('review_chains').selectAll().orderBy('id').execute();
    if (!chains.length) return [];
    const ids = chains.map((c) => c.id);
    const steps = await db
      .selectFrom('review_steps')
      .selectAll()
      .where('chain_id', 'in', ids)
      .orderBy('position')
      .execute();
    const bindings = await db
      .selectFrom('review_bindings')
      .leftJoin('columns', 'columns.id', 'review_bindings.column_id')
      .select([
        'review_bindings.id',
        'review_bindings.chain_id',
        'review_bindings.column_id',
        'review_bindings.channel',
        'columns.name as column_name',
      ])
      .where('review_bindings.chain_id', 'in', ids)
      .orderBy('review_bindings.id')
      .execute();
    return chains.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
      restartPosition: c.restart_position,
      autoPublish: c.auto_publish === 1,
      updatedAt: c.updated_at,
      steps: steps
        .filter((s) => s.chain_id === c.id)
        .map((s) => ({
          id: s.id,
          position: s.position,
          name: s.name,
          role: s.role as Role,
          scope: s.scope as StepScope,
          formField: s.form_field as FormField | null,
          dueHours: s.due_hours,
        })),
      bindings: bindings
        .filter((b) => b.chain_id === c.id)
        .map((b) => ({
          id: b.id,
          columnId: b.column_id,
          columnName: b.column_name,
          channel: b.channel as Channel | null,
        })),
    }));
  }

  async get(id: number, db: Executor = this.db): Promise<ChainView | undefined> {
    return (await this.list(db)).find((c) => c.id === id);
  }

  async byName(name: string, db: Executor = this.db): Promise<number | undefined> {
    return (await db.selectFrom('review_chains').select('id').where('name', '=', name).executeTakeFirst())?.id;
  }

  async count(db: Executor = this.db): Promise<number> {
    const r = await db
      .selectFrom('review_chains')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async insert(
    db: Executor,
    row: { name: string; description: string | null; restart_position: number; auto_publish: number; now: string },
  ): Promise<number> {
    return insertReturningId(db, 'review_chains', {
      name: row.name,
      description: row.description,
      restart_position: row.restart_position,
      auto_publish: row.auto_publish,
      created_at: row.now,
      updated_at: row.now,
    });
  }

  async update(
    db: Executor,
    id: number,
    row: { name: string; description: string | null; restart_position: number; auto_publish: number; now: string },
  ): Promise<void> {
    await db
      .updateTable('review_chains')
      .set({
        name: row.name,
        description: row.description,
        restart_position: row.restart_position,
        auto_publish: row.auto_publish,
        updated_at: row.now,
      })
      .where('id', '=', id)
      .execute();
  }

  async replaceSteps(
    db: Executor,
    chainId: number,
    steps: Array<{ name: string; role: string; scope: string; formField: string | null; dueHours: number }>,
  ): Promise<void> {
    await db.deleteFrom('review_steps').where('chain_id', '=', chainId).execute();
    await db
      .insertInto('review_steps')
      .values(
        steps.map((s, i) => ({
          chain_id: chainId,
          position: i + 1,
          name: s.name,
          role: s.role,
          scope: s.scope,
          form_field: s.formField,
          due_hours: s.dueHours,
        })),
      )
      .execute();
  }

  async inUse(db: Executor, chainId: number): Promise<boolean> {
    const r = await db
      .selectFrom('review_flows')
      .select('id')
      .where('chain_id', '=', chainId)
      .where('state', 'in', ['in_review', 'returned'])
      .executeTakeFirst();
    return r !== undefined;
  }

  /** Whether any item was ever reviewed under the chain (its record must keep it). */
  async everUsed(db: Executor, chainId: number): Promise<boolean> {
    const r = await db.selectFrom('review_flows').select('id').where('chain_id', '=', chainId).executeTakeFirst();
    return r !== undefined;
  }

  async delete(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('review_chains').where('id', '=', id).execute();
  }

  binding(db: Executor, id: number) {
    return db.selectFrom('review_bindings').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async bindings(db: Executor = this.db) {
    return db.selectFrom('review_bindings').selectAll().execute();
  }

  async bindingExists(db: Executor, columnId: number | null, channel: string | null): Promise<number | undefined> {
    let q = db.selectFrom('review_bindings').select('id');
    q = columnId === null ? q.where('column_id', 'is', null) : q.where('column_id', '=', columnId);
    q = channel === null ? q.where('channel', 'is', null) : q.where('channel', '=', channel);
    return (await q.executeTakeFirst())?.id;
  }

  async insertBinding(
    db: Executor,
    chainId: number,
    columnId: number | null,
    channel: string | null,
    now: string,
  ): Promise<number> {
    return insertReturningId(db, 'review_bindings', {
      chain_id: chainId,
      column_id: columnId,
      channel,
      created_at: now,
    });
  }

  async deleteBinding(db: Executor, id: number): Promise<boolean> {
    const r = await db.deleteFrom('review_bindings').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
