import type { WordKind, WordLists } from '../../contract/review.js';
import crypto from 'node:crypto';
import type { Actor } from '../../platform/auth/actor.js';
import { actorAccountId } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { Article } from '../../platform/db/tables.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import type { Settings } from '../../platform/settings.js';
import type { BlobStore } from '../../platform/storage/storage.js';
import type { ArticlesService } from '../content/articles.service.js';
import { DEFAULT_EXPRESSIONS, DEFAULT_WORDS } from './checks/default-lists.js';
import { highlightFinding } from './checks/highlight.js';
import { blockedError, resolveInternal } from './checks-support.js';
import type { ChecksRepository } from './checks.repository.js';
import {
  ALWAYS_BLOCKS,
  CHECK_KIND_LABELS,
  CHECK_KINDS,
  DEFAULT_MODES,
  createChecker,
  type CheckKind,
  type CheckMode,
  type Finding,
} from './checks/run-checks.js';
import type { AttachmentInput, ExtractedAttachment } from './checks/extract.js';
import type { ChecksGate } from './workflow.service.js';

export const CHECK_MODES_SETTING = 'checks.modes';

/** Bumped when the detectors change what they find, so runs made by older code count as stale. */
const CHECKS_VERSION = 2;

export interface StoredFinding {
  id: number;
  check: string;
  checkLabel: string;
  severity: 'block' | 'warn';
  location: { kind: string; label: string; attachmentId: number | null };
  excerpt: string;
  context: string;
  contextHtml: string;
  message: string;
  suggestion: string | null;
  overrideReason: string | null;
  overriddenAt: string | null;
}

/**
 * Runs the pre-publish checks on an item's current revision, keeps the results with the item, and
 * holds submissions and approvals until every blocking problem is fixed and every warning carries a
 * recorded reason.
 */
export class ChecksService implements ChecksGate {
  constructor(
    private readonly repo: ChecksRepository,
    private readonly uow: UnitOfWork,
    private readonly articles: ArticlesService,
    private readonly blobs: BlobStore,
    private readonly settings: Settings,
    private readonly clock: () => Date = () => new Date(),
    /** Reads attachments in a worker with memory and time limits (checks/attachment-reader.ts). */
    private readonly readAttachment?: (a: AttachmentInput) => Promise<ExtractedAttachment>,
  ) {}

  /** A published item's correction under review is what its reviewers' checks read (revisions.service.ts). */
  proposals?: { proposalIn(trx: Executor, article: Article): Promise<Article> };

  /**
   * Results for the current revision under the settings and word lists of the moment: run once per
   * revision, and again when the office changed a mode or a list since (the reasons given for
   * warnings that are found again are kept).
   */
  async ensure(trx: Executor, article: Article): Promise<StoredFinding[]> {
    const config = await this.configHash(trx);
    const run = await this.repo.run(trx, article.id, article.revision);
    if (run?.config_hash !== config) await this.runAndStore(trx, article, config, run !== undefined);
    return (await this.stored(trx, article.id, article.revision))!;
  }

  /**
   * The blocking problems of the item as it is now, under today's settings (the publish gate's
   * question: content or settings may have changed since the review). Throws CHECKS_BLOCKED.
   */
  async assertNoBlocking(trx: Executor, article: Article): Promise<void> {
    const blocking = (await this.ensure(trx, article)).filter((f) => f.severity === 'block');
    if (blocking.length) throw blockedError(blocking);
  }

  /**
   * Run the checks of the item's current revision in a transaction of their own, so the findings
   * outlive a refused submission: the person must see them, with ids to answer warnings with.
   */
  async prepare(articleId: number): Promise<void> {
    await this.uow.run(async (trx) => {
      const article = await this.articles.rowById(articleId, trx);
      if (article) await this.ensure(trx, article);
    });
  }

  async pass(
    trx: Executor,
    actor: Actor,
    article: Article,
    overrides: Array<{ checkId: number; reason: string }>,
  ): Promise<void> {
    let findings = await this.ensure(trx, article);
    for (const o of overrides) {
      const f = findings.find((x) => x.id === o.checkId);
      if (!f) throw invalid('overrides', `检查结果 ${o.checkId} 不属于该信息的当前版本，请刷新后重试`);
      if (f.severity === 'block')
        throw invalid('overrides', `“${f.checkLabel}”问题必须修改，不能以说明理由通过：${f.excerpt}`);
      if (!f.overrideReason) await this.repo.answer(trx, f.id, o.reason, actorAccountId(actor), nowIso(this.clock));
    }
    if (overrides.length) findings = (await this.stored(trx, article.id, article.revision))!;
    const blocking = findings.filter((f) => f.severity === 'block');
    if (blocking.length) throw blockedError(blocking);
    const open = findings.filter((f) => f.severity === 'warn' && !f.overrideReason);
    if (open.length) {
      throw new AppError(
        'CHECKS_NEED_REASON',
        `内容检查有 ${open.length} 条提醒需要说明理由，例如：${open[0]!.location.label}“${open[0]!.excerpt}”——${open[0]!.message}`,
        {
          issues: open.map((f) => ({
            field: f.location.label,
            message: `${f.checkLabel}：“${f.excerpt}” ${f.message}`,
          })),
          findings: open,
        },
      );
    }
  }

  /**
   * A correction's proposal (the item with the proposal laid over it, numbered as the next revision):
   * run again when its text changed (warnings found again keep their reasons), and forget the results
   * when it ended without being written, so the revision number carries no findings of other text.
   */
  async refreshIn(trx: Executor, proposal: Article, changed: boolean): Promise<StoredFinding[]> {
    if (!changed) return this.ensure(trx, proposal);
    const run = await this.repo.run(trx, proposal.id, proposal.revision);
    await this.runAndStore(trx, proposal, await this.configHash(trx), run !== undefined);
    return (await this.stored(trx, proposal.id, proposal.revision))!;
  }

  async forgetIn(trx: Executor, articleId: number, revision: number): Promise<void> {
    if (await this.repo.run(trx, articleId, revision)) await this.repo.deleteRun(trx, articleId, revision);
  }

  async list(actor: Actor, articleId: number): Promise<{ revision: number; findings: StoredFinding[] }> {
    const row = await this.articles.rowFor(actor, 'article.read', articleId);
    return this.uow.run(async (trx) => {
      const article = this.proposals ? await this.proposals.proposalIn(trx, row) : row;
      return { revision: article.revision, findings: await this.ensure(trx, article) };
    });
  }

  async rerun(actor: Actor, articleId: number): Promise<{ revision: number; findings: StoredFinding[] }> {
    const article = await this.articles.rowFor(actor, 'article.write', articleId);
    await this.uow.run(async (trx) => {
      await this.repo.deleteResults(trx, articleId, article.revision);
      const run = await this.repo.run(trx, articleId, article.revision);
      await this.runAndStore(trx, article, await this.configHash(trx), run !== undefined);
    });
    return this.list(actor, articleId);
  }

  async modes(
    actor: Actor,
  ): Promise<Array<{ check: CheckKind; label: string; mode: CheckMode; always: string | null }>> {
    authorize(actor, 'article.read');
    const saved = await this.settings.get<Partial<Record<CheckKind, CheckMode>>>(CHECK_MODES_SETTING, {});
    return CHECK_KINDS.map((k) => ({
      check: k,
      label: CHECK_KIND_LABELS[k],
      mode: saved[k] ?? DEFAULT_MODES[k],
      always: ALWAYS_BLOCKS[k] ?? null,
    }));
  }

  async setModes(actor: Actor, modes: Partial<Record<CheckKind, CheckMode>>) {
    authorize(actor, 'checks.write');
    await this.uow.run(async (trx, emit) => {
      const before = await this.settings.get(CHECK_MODES_SETTING, {}, trx);
      await this.settings.set(trx, CHECK_MODES_SETTING, { ...before, ...modes });
      await emit({
        type: 'settings.check_modes',
        actor,
        entityType: 'settings',
        entityId: CHECK_MODES_SETTING,
        summary: `修改内容检查设置：${Object.entries(modes)
          .map(([k, m]) => `${CHECK_KIND_LABELS[k as CheckKind] ?? k}=${m}`)
          .join('，')}`,
        details: { before, modes },
      });
    });
    return this.modes(actor);
  }

  // Word lists ----------------------------------------------------------------------------------

  async words(actor: Actor): Promise<WordLists> {
    authorize(actor, 'article.read');
    const rows = await this.repo.words();
    return {
      custom: rows.map((r) => ({
        id: r.id,
        kind: r.kind as WordKind, // stored only through the word-list form's enumeration
        word: r.word,
        correct: r.correct,
        note: r.note,
        createdAt: r.created_at,
      })),
      defaults: { words: [...DEFAULT_WORDS], expressions: [...DEFAULT_EXPRESSIONS] },
    };
  }

  async addWord(
    actor: Actor,
    entry: {
      kind: 'sensitive' | 'prohibited' | 'wrong_expression';
      word: string;
      correct?: string | null;
      note?: string | null;
    },
  ) {
    authorize(actor, 'checks.write');
    if (entry.kind === 'wrong_expression' && !entry.correct) throw invalid('correct', '错误表述须填写正确写法');
    return this.uow.run(async (trx, emit) => {
      if (await this.repo.wordExists(trx, entry.kind, entry.word))
        throw new AppError('DUPLICATE', `词表中已有“${entry.word}”`);
      await this.repo.insertWord(trx, {
        kind: entry.kind,
        word: entry.word,
        correct: entry.correct ?? null,
        note: entry.note ?? null,
        created_at: nowIso(this.clock),
      });
      await emit({
        type: 'checks.word_added',
        actor,
        entityType: 'word_list',
        entityId: entry.word,
        summary: `词表新增（${entry.kind}）“${entry.word}”${entry.correct ? ` → “${entry.correct}”` : ''}`,
      });
    });
  }

  async removeWord(actor: Actor, id: number) {
    authorize(actor, 'checks.write');
    await this.uow.run(async (trx, emit) => {
      const row = await this.repo.word(trx, id);
      if (!row) throw notFound('词条');
      await this.repo.deleteWord(trx, id);
      await emit({
        type: 'checks.word_removed',
        actor,
        entityType: 'word_list',
        entityId: row.word,
        summary: `词表删除（${row.kind}）“${row.word}”`,
      });
    });
  }

  // ------------------------------------------------------------------------------------------

  /** What a run depends on besides the item: the modes, the word lists and the detectors' version. */
  private async configHash(db: Executor): Promise<string> {
    const saved = await this.settings.get<Partial<Record<CheckKind, CheckMode>>>(CHECK_MODES_SETTING, {}, db);
    const modes = CHECK_KINDS.map((k) => saved[k] ?? DEFAULT_MODES[k]);
    const words = await this.repo.words(db);
    return crypto
      .createHash('sha256')
      .update(JSON.stringify({ v: CHECKS_VERSION, modes, words: words.map((w) => [w.kind, w.word, w.correct]) }))
      .digest('hex');
  }

  private async runAndStore(trx: Executor, article: Article, configHash: string, runExists: boolean): Promise<void> {
    const findings = await this.run(trx, article);
    const now = nowIso(this.clock);
    // A run under new settings replaces the old one; a warning found again keeps the reason given for it.
    const before = await this.repo.results(trx, article.id, article.revision);
    // Only delete rows that are there (a gap lock on MariaDB otherwise; see ChecksRepository.saveRun).
    if (before.length > 0) await this.repo.deleteResults(trx, article.id, article.revision);
    for (const f of findings) {
      const answered =
        f.severity === 'warn'
          ? before.find(
              (b) =>
                b.override_reason !== null &&
                b.check_kind === f.check &&
                b.location_label === f.location.label.slice(0, 300) &&
                b.start_offset === f.start &&
                b.excerpt === f.excerpt.slice(0, 500),
            )
          : undefined;
      await this.repo.insertResult(trx, {
        article_id: article.id,
        revision: article.revision,
        check_kind: f.check,
        severity: f.severity,
        location_kind: f.location.kind,
        location_label: f.location.label.slice(0, 300),
        attachment_id: typeof f.location.attachmentId === 'number' ? f.location.attachmentId : null,
        start_offset: f.start,
        end_offset: f.end,
        excerpt: f.excerpt.slice(0, 500),
        context: f.context,
        context_offset: f.contextOffset,
        message: f.message.slice(0, 500),
        suggestion: f.suggestion?.slice(0, 500) ?? null,
        override_reason: answered?.override_reason ?? null,
        overridden_by: answered?.overridden_by ?? null,
        overridden_at: answered?.overridden_at ?? null,
        created_at: now,
      });
    }
    await this.repo.saveRun(
      trx,
      {
        article_id: article.id,
        revision: article.revision,
        findings: findings.length,
        ran_at: now,
        config_hash: configHash,
      },
      runExists,
    );
  }

  private async run(trx: Executor, article: Article): Promise<Finding[]> {
    const saved = await this.settings.get<Partial<Record<CheckKind, CheckMode>>>(CHECK_MODES_SETTING, {}, trx);
    const custom = await this.repo.words(trx);
    const checker = createChecker({
      readAttachment: this.readAttachment,
      modes: saved,
      words: [
        ...DEFAULT_WORDS,
        ...custom
          .filter((w) => w.kind !== 'wrong_expression')
          .map((w) => ({ word: w.word, kind: w.kind as 'sensitive' | 'prohibited' })),
      ],
      expressions: [
        ...DEFAULT_EXPRESSIONS,
        ...custom
          .filter((w) => w.kind === 'wrong_expression')
          .map((w) => ({ wrong: w.word, correct: w.correct ?? '', note: w.note ?? undefined })),
      ],
    });
    // The item's current files: not its 审核表 scan (never published), not versions retired by a correction.
    const files = await this.articles.currentFiles(trx, article.id);
    const hosts = await this.repo.siteHosts(trx, article.site_id);
    return checker.run({
      title: article.title,
      bodyHtml: article.body_html,
      attachments: await Promise.all(
        files.map(async (f) => ({
          id: f.id,
          name: f.original_name,
          ext: f.ext,
          bytes: await this.blobs.read(f.storage_key),
        })),
      ),
      isDisclosure: await this.articles.isDisclosureColumn(article.column_id, trx),
      type: article.type,
      disclosure: {
        docNo: article.doc_no,
        writtenOn: article.written_on,
        issuer: article.issuer,
        topicCategory: article.topic_category,
        genre: article.genre,
        keywords: article.keywords,
        validity: article.validity,
      },
      siteHosts: hosts,
      resolveLink: (url) => resolveInternal(this.repo, trx, article, url),
      publishAt: article.scheduled_publish_at ?? undefined,
    });
  }

  private async stored(db: Executor, articleId: number, revision: number): Promise<StoredFinding[] | null> {
    if (!(await this.repo.run(db, articleId, revision))) return null;
    const rows = await this.repo.results(db, articleId, revision);
    return rows.map((r) => ({
      id: r.id,
      check: r.check_kind,
      checkLabel: CHECK_KIND_LABELS[r.check_kind as CheckKind] ?? r.check_kind,
      severity: r.severity as 'block' | 'warn',
      location: { kind: r.location_kind, label: r.location_label, attachmentId: r.attachment_id },
      excerpt: r.excerpt,
      context: r.context,
      contextHtml: highlightFinding({ context: r.context, contextOffset: r.context_offset, excerpt: r.excerpt }),
      message: r.message,
      suggestion: r.suggestion,
      overrideReason: r.override_reason,
      overriddenAt: r.overridden_at,
    }));
  }
}
