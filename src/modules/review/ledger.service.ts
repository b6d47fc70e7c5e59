import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import type { Executor } from '../../platform/db/helpers.js';
import type { LedgerRepository, Submission } from './ledger.repository.js';
import {
  CHANNEL_LABELS,
  SUBMISSION_STATE_LABELS,
  type Channel,
  type LedgerQuery,
  type SubmissionState,
} from './review.schemas.js';

export type { Submission } from './ledger.repository.js';

/**
 * The submission ledger (报送台账): every item offered to the portal, by any channel, and what became of
 * it. The monthly report's "submitted" and "adopted" counts per unit come from here and nowhere else.
 */
export class LedgerService {
  constructor(private readonly repo: LedgerRepository) {}

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
    return this.repo.insert(db, {
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

  /** An item's submission by its channel: the one intake recorded on arrival, else a new one. */
  async receiveForFlow(db: Executor, row: Parameters<LedgerService['receive']>[1]): Promise<number> {
    if (row.articleId !== null) {
      const pending = await this.repo.pendingIntake(db, row.articleId);
      if (pending !== undefined) return pending;
    }
    return this.receive(db, row);
  }

  /** An imported historical item counts as submitted and adopted at its publish time. */
  async recordImported(
    db: Executor,
    row: { unitId: number; columnId: number; articleId: number; title: string; publishedAt: string },
  ): Promise<void> {
    await this.repo.insert(db, {
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
    });
  }

  async decide(
    db: Executor,
    id: number,
    state: SubmissionState,
    at: string,
    by: number | null,
    reason: string | null = null,
  ): Promise<void> {
    await this.repo.decide(db, id, { state, decided_at: state === 'received' ? null : at, decided_by: by, reason });
  }

  byArticle(articleId: number, db?: Executor): Promise<Submission | undefined> {
    return this.repo.byArticle(articleId, db);
  }

  async list(actor: Actor, q: LedgerQuery) {
    const { rows, total } = await this.repo.list(authorize(actor, 'submission.read'), q);
    return {
      total,
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
    const rows = await this.repo.counts(authorize(actor, 'submission.read'), from, to);
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
