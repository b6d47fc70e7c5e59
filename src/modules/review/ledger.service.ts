import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize, type Scope } from '../../platform/auth/policy.js';
import { insertReturningId, type Executor } from '../../platform/db/helpers.js';
import type { DB, SubmissionsTable } from '../../platform/db/tables.js';
import { shanghaiDayEnd, shanghaiDayStart } from '../../platform/time.js';
import {
  CHANNEL_LABELS,
  SUBMISSION_STATE_LABELS,
  type Channel,
  type LedgerQuery,
  type SubmissionState,
} from './review.schemas.js';

export type Submission = Selectable<SubmissionsTable>;

/**
 * The submission ledger (报送台账): every item offered to the portal, by any channel, and what became of
 * it. The monthly report's "submitted" and "adopted" counts per unit come from here and nowhere else.
 */
export class LedgerService {
  constructor(private readonly db: Kysely<DB>) {}

  async receive(
    db: Executor,
    row: {
      unitId: number;
      channel: Channel;
      columnId: number | null;
      articleId: number | null;
      title: string;
      receivedAt: string;
      sourceRef?: string | null;
    },
  ): Promise<number> {
    return insertReturningId(db, 'submissions', {
      unit_id: row.unitId,
      channel: row.channel,
      column_id: row.columnId,
      article_id: row.articleId,
      title: row.title.slice(0, 500),
      state: 'received',
      reason: null,
      source_ref: row.sourceRef ?? null,
      received_at: row.receivedAt,
      decided_at: null,
      decided_by: null,
      created_at: row.receivedAt,
    });
  }

  /** An imported historical item counts as submitted and adopted at its publish time. */
  async recordImported(
    db: Executor,
    row: { unitId: number; columnId: number; articleId: number; title: string; publishedAt: string },
  ): Promise<void> {
    await db
      .insertInto('submissions')
      .values({
        unit_id: row.unitId,
        channel: 'import',
        column_id: row.columnId,
        article_id: row.articleId,
        title: row.title.slice(0, 500),
        state: 'adopted',
        reason: null,
        source_ref: null,
        received_at: row.publishedAt,
        decided_at: row.publishedAt,
        decided_by: null,
        created_at: row.publishedAt,
      })
      .execute();
  }

  async decide(
    db: Executor,
    id: number,
    state: SubmissionState,
    at: string,
    by: number | null,
    reason: string | null = null,
  ): Promise<void> {
    await db
      .updateTable('submissions')
      .set({ state, decided_at: state === 'received' ? null : at, decided_by: by, reason })
      .where('id', '=', id)
      .execute();
  }

  async byArticle(articleId: number, db: Executor = this.db): Promise<Submission | undefined> {
    return db
      .selectFrom('submissions')
      .selectAll()
      .where('article_id', '=', articleId)
      .orderBy('id', 'desc')
      .executeTakeFirst();
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

  async list(actor: Actor, q: LedgerQuery) {
    const scope = authorize(actor, 'submission.read');
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
    return {
      total: Number(total.n),
      items: rows.map((r) => ({
        id: r.id,
        unitId: r.unit_id,
        unitName: r.unit_name,
        channel: r.channel,
        channelLabel: CHANNEL_LABELS[r.channel as Channel] ?? r.channel,
        columnId: r.column_id,
        columnName: r.column_name,
        articleId: r.article_id,
        title: r.title,
        state: r.state,
        stateLabel: SUBMISSION_STATE_LABELS[r.state as SubmissionState] ?? r.state,
        reason: r.reason,
        sourceRef: r.source_ref,
        receivedAt: r.received_at,
        decidedAt: r.decided_at,
      })),
    };
  }

  /** Submitted and adopted counts per unit and channel for a period (days in Asia/Shanghai). */
  async counts(actor: Actor, from: string, to: string) {
    const scope = authorize(actor, 'submission.read');
    const rows = await this.filtered(scope, { from, to })
      .select([
        'submissions.unit_id',
        'submissions.channel',
        'submissions.state',
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .groupBy(['submissions.unit_id', 'submissions.channel', 'submissions.state'])
      .execute();
    const byUnit = new Map<
      number,
      { unitId: number; submitted: number; adopted: number; byChannel: Record<string, number> }
    >();
    for (const r of rows) {
      const u = byUnit.get(r.unit_id) ?? { unitId: r.unit_id, submitted: 0, adopted: 0, byChannel: {} };
      const n = Number(r.n);
      u.submitted += n;
      if (r.state === 'adopted') u.adopted += n;
      u.byChannel[r.channel] = (u.byChannel[r.channel] ?? 0) + n;
      byUnit.set(r.unit_id, u);
    }
    return [...byUnit.values()].sort((a, b) => b.submitted - a.submitted || a.unitId - b.unitId);
  }
}
