import crypto from 'node:crypto';
import { actorUnitId, systemActor, type Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { nowIso } from '../../platform/db/helpers.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import type { BlobStore } from '../../platform/storage/storage.js';
import { shanghaiDayStart } from '../../platform/time.js';
import type {
  ClaimInput,
  IntakeItem as IntakeItemView,
  IntakeListQuery,
  IntakeReceipt,
  OwnIntakeQuery,
  PaperInput,
} from '../../contract/intake.js';
import type { AttachmentsService } from '../content/attachments.service.js';
import type { ArticlesService } from '../content/articles.service.js';
import type { LedgerService } from '../review/ledger.service.js';
import type { IntakeItem, IntakeRepository } from './intake.repository.js';
import type { MailboxConfig } from './mailbox-settings.js';
import { prepareDraft, resolvePlaceholders, type DraftFiles } from './mail-draft.js';
import { isDangerousName, keyHashOf, readHeaders, readMail, type MailItem } from './mail-message.js';
import { attributeMail, type MailHeads, mailRow } from './mail-attribution.js';
import { toView } from './intake-view.js';

const MiB = 1024 * 1024;
const MAX_FILES = 50;

/** What a refused or recorded mail says in the server log (the poller's log line). */
export type IntakeLog = (level: 'info' | 'warn', message: string, details: Record<string, unknown>) => void;

/**
 * E-mail and paper intake: each message read from the centre's mailbox (or uploaded as .eml) becomes
 * an intake item; an item whose unit and column are known becomes a draft in that column and a
 * submission in the ledger (channel email), in one transaction. Unknown senders wait in 待认领.
 */
export class IntakeService {
  constructor(
    private readonly repo: IntakeRepository,
    private readonly uow: UnitOfWork,
    private readonly blobs: BlobStore,
    private readonly articles: ArticlesService,
    private readonly attachments: AttachmentsService,
    private readonly ledger: LedgerService,
    private readonly files: DraftFiles,
    private readonly mailbox: () => Promise<MailboxConfig>,
    private readonly log: IntakeLog = () => {},
  ) {}

  /** Reads one raw message. The same mail read again (same Message-ID) answers the first item. */
  async receive(
    raw: Buffer,
    source: 'imap' | 'upload',
    actor: Actor = systemActor('邮箱收信'),
  ): Promise<IntakeReceipt> {
    if (source === 'upload') authorize(actor, 'submission.write');
    const config = await this.mailbox();
    const receivedAt = nowIso();
    if (raw.length > config.maxMessageMb * MiB) {
      const head = await readHeaders(raw);
      const reason = `邮件大小 ${(raw.length / MiB).toFixed(1)} MB，超过 ${config.maxMessageMb} MB 的上限，未收取；请压缩或分次发送`;
      return this.refuse({ ...head, size: raw.length, source, receivedAt, reason, actor });
    }
    let mail: MailItem;
    try {
      mail = await readMail(raw);
    } catch (e) {
      const head = await readHeaders(raw).catch(() => null);
      if (!head) throw new AppError('VALIDATION_FAILED', '无法解析该邮件文件，请确认是 .eml 格式');
      return this.refuse({
        ...head,
        size: raw.length,
        source,
        receivedAt,
        reason: `邮件内容无法解析：${String((e as Error).message).slice(0, 200)}`,
        actor,
      });
    }
    const existing = await this.repo.byKey(mail.keyHash);
    if (existing) return { duplicate: true, item: await this.view(existing.id) };
    const dangerous = mail.files.find((f) => isDangerousName(f.name));
    if (dangerous)
      return this.refuse({
        ...mail,
        size: raw.length,
        source,
        receivedAt,
        reason: `附件“${dangerous.name}”是可执行文件或脚本，整封邮件拒收`,
        actor,
      });
    if (mail.files.length > MAX_FILES)
      return this.refuse({
        ...mail,
        size: raw.length,
        source,
        receivedAt,
        reason: `附件超过 ${MAX_FILES} 个，未收取`,
        actor,
      });

    const stored = await this.blobs.put(raw);
    const target = await attributeMail(this.repo, mail, config.defaultColumnId);
    if (target.unitId && target.columnId) {
      const id = await this.draft(
        actor,
        mail,
        { ...target, unitId: target.unitId, columnId: target.columnId },
        {
          source,
          size: raw.length,
          rawKey: stored.key,
          receivedAt,
        },
      );
      return { duplicate: false, item: await this.view(id) };
    }
    const id = await this.uow.run(async (trx, emit) => {
      const id = await this.repo.insert(trx, {
        ...mailRow(mail, source, raw.length, stored.key, receivedAt, actor),
        state: 'unclaimed',
        reason: target.why,
        unit_id: target.unitId,
        column_id: target.columnId,
      });
      await emit({
        type: 'intake.unclaimed',
        actor,
        entityType: 'intake_item',
        entityId: id,
        summary: `收到邮件“${mail.subject}”（${mail.sender ?? '发件人不明'}），待认领：${target.why}`,
      });
      return id;
    });
    this.log('info', 'mail waits for a unit', { id, sender: mail.sender, why: target.why });
    return { duplicate: false, item: await this.view(id) };
  }

  /** A message refused before it was read (too big for the limit, or its download failed): its envelope is recorded. */
  async refuseUnread(
    head: { messageId: string | null; sender: string | null; senderName: string | null; subject: string; size: number },
    reason: string,
    actor: Actor,
  ): Promise<IntakeReceipt> {
    const keyHash = keyHashOf(head.messageId, Buffer.from(`${head.sender}\n${head.subject}\n${head.size}`));
    return this.refuse({ ...head, keyHash, source: 'imap', receivedAt: nowIso(), reason, actor });
  }

  /** The centre names the unit (and column) of a 待认领 mail; the draft and the ledger entry follow. */
  async claim(actor: Actor, id: number, input: ClaimInput): Promise<IntakeItemView> {
    authorize(actor, 'submission.write');
    const row = await this.repo.byId(id);
    if (!row) throw notFound('报送记录');
    if (row.state !== 'unclaimed' || !row.raw_key) throw new AppError('CONFLICT', '该邮件不在待认领状态，不能认领');
    if (!(await this.repo.unitExists(input.unitId))) throw invalid('unitId', '单位不存在');
    const mail = await readMail(await this.blobs.read(row.raw_key));
    await this.draft(actor, mail, { unitId: input.unitId, columnId: input.columnId }, { claimOf: row });
    if (input.remember && row.sender) {
      await this.uow.run(async (trx, emit) => {
        const kept = await this.repo.rememberAddress(trx, input.unitId, row.sender!);
        if (kept)
          await emit({
            type: 'unit.email_remembered',
            actor,
            entityType: 'unit',
            entityId: input.unitId,
            summary: `记住发件地址 ${row.sender} 属于该单位`,
          });
      });
    }
    return this.view(id);
  }

  /** A paper submission: the signed, stamped 审核表 scan is required; the draft is flagged paper. */
  async registerPaper(actor: Actor, input: PaperInput): Promise<IntakeItemView> {
    authorize(actor, 'submission.write');
    if (!(await this.repo.unitExists(input.unitId))) throw invalid('unitId', '单位不存在');
    const receivedAt = shanghaiDayStart(input.receivedOn);
    if (receivedAt > nowIso()) throw invalid('receivedOn', '收到日期不能晚于今天');
    const id = await this.uow.run(async (trx, emit) => {
      const article = await this.articles.createIn(trx, emit, actor, {
        columnId: input.columnId,
        extraColumnIds: [],
        unitId: input.unitId,
        type: 'news',
        title: input.title,
        bodyHtml: input.bodyHtml,
        isTop: false,
        disclosure: {},
        attachmentIds: input.attachmentIds.filter((a) => a !== input.scanAttachmentId),
        interpretsPolicyIds: [],
        channel: 'paper',
      });
      await this.articles.setReviewFormIn(trx, actor, article.id, input.scanAttachmentId);
      const itemId = await this.repo.insert(trx, {
        key_hash: crypto.createHash('sha256').update(`paper\n${crypto.randomUUID()}`).digest('hex'),
        channel: 'paper',
        source: 'paper',
        message_id: null,
        sender: null,
        sender_name: null,
        subject: input.title,
        received_at: receivedAt,
        size: 0,
        raw_key: null,
        state: 'drafted',
        reason: null,
        notes: null,
        unit_id: input.unitId,
        column_id: input.columnId,
        article_id: article.id,
        submission_id: null,
        pages: input.pages,
        receipt_sent_at: null,
        decision_sent_at: null,
        created_by: actor.kind === 'account' ? actor.accountId : null,
        created_at: nowIso(),
        updated_at: nowIso(),
      });
      const submissionId = await this.ledger.receive(trx, {
        unitId: input.unitId,
        channel: 'paper',
        columnId: input.columnId,
        articleId: article.id,
        title: input.title,
        receivedAt,
        sourceRef: `intake:${itemId}`,
      });
      await this.repo.update(trx, itemId, { submission_id: submissionId });
      await emit({
        type: 'intake.paper_registered',
        actor,
        entityType: 'intake_item',
        entityId: itemId,
        summary: `登记纸质报送“${input.title}”（${input.pages} 页，${input.receivedOn} 收到）`,
      });
      return itemId;
    });
    return this.view(id);
  }

  async list(actor: Actor, q: IntakeListQuery) {
    authorize(actor, 'submission.write');
    const { rows, total } = await this.repo.list(q);
    return { total, items: rows.map((r) => toView(r, r)) };
  }

  /**
   * 我的报送: the acting unit's own mailed and paper items, whatever became of them — 待认领 (its unit
   * known, its column not yet), 已拒收 with the reason, and for a draft its ledger state (已接收, 已退回修改
   * or 未采用 with the reason, 已采用). The unit is the session's; the scope is in the query.
   */
  async own(actor: Actor, q: OwnIntakeQuery) {
    const scope = authorize(actor, 'submission.read');
    const unitId = scope.kind === 'unit' ? scope.unitId : actorUnitId(actor);
    if (!unitId) return { total: 0, items: [] };
    const { rows, total } = await this.repo.list({ ...q, unitId });
    return { total, items: rows.map((r) => toView(r, r)) };
  }

  async get(actor: Actor, id: number): Promise<IntakeItemView> {
    authorize(actor, 'submission.write');
    return this.view(id);
  }

  async setUnitColumn(actor: Actor, unitId: number, columnId: number | null): Promise<void> {
    authorize(actor, 'submission.write');
    if (!(await this.repo.unitExists(unitId))) throw notFound('单位');
    await this.uow.run(async (trx, emit) => {
      if (columnId !== null && !(await this.repo.columnSite(columnId, trx))) throw invalid('columnId', '栏目不存在');
      await this.repo.setDefaultColumn(trx, unitId, columnId);
      await emit({
        type: 'intake.unit_column',
        actor,
        entityType: 'unit',
        entityId: unitId,
        summary: columnId ? `邮件报送默认栏目设为 ${columnId}` : '取消邮件报送默认栏目',
      });
    });
  }

  async view(id: number): Promise<IntakeItemView> {
    const row = await this.repo.byId(id);
    if (!row) throw notFound('报送记录');
    const names = await this.repo.names(row);
    return toView(row, names);
  }

  private async refuse(
    m: MailHeads & { size: number; source: 'imap' | 'upload'; receivedAt: string; reason: string; actor: Actor },
  ): Promise<IntakeReceipt> {
    const existing = await this.repo.byKey(m.keyHash);
    if (existing) return { duplicate: true, item: await this.view(existing.id) };
    const id = await this.uow.run(async (trx, emit) => {
      const id = await this.repo.insert(trx, {
        ...mailRow(m, m.source, m.size, null, m.receivedAt, m.actor),
        state: 'refused',
        reason: m.reason.slice(0, 1000),
        unit_id: null,
        column_id: null,
      });
      await emit({
        type: 'intake.refused',
        actor: m.actor,
        entityType: 'intake_item',
        entityId: id,
        summary: `拒收邮件“${m.subject}”（${m.sender ?? '发件人不明'}）：${m.reason}`,
      });
      return id;
    });
    this.log('warn', 'mail refused', { id, sender: m.sender, messageId: m.messageId, reason: m.reason });
    return { duplicate: false, item: await this.view(id) };
  }

  /** The draft, its files and the ledger entry, with the intake item, in one transaction. */
  private async draft(
    actor: Actor,
    mail: MailItem,
    target: { unitId: number; columnId: number },
    how: { source: 'imap' | 'upload'; size: number; rawKey: string; receivedAt: string } | { claimOf: IntakeItem },
  ): Promise<number> {
    const prepared = await prepareDraft(mail, this.files);
    return this.uow.run(async (trx, emit) => {
      const claimed = 'claimOf' in how ? how.claimOf : null;
      if (claimed && !(await this.repo.take(trx, claimed.id))) throw new AppError('CONFLICT', '该邮件已被认领');
      const views = [];
      for (const f of prepared.files)
        views.push(await this.attachments.insertIn(trx, emit, actor, target.unitId, f.file));
      const article = await this.articles.createIn(trx, emit, actor, {
        columnId: target.columnId,
        extraColumnIds: [],
        unitId: target.unitId,
        type: 'news',
        title: mail.title.slice(0, 500),
        bodyHtml: resolvePlaceholders(
          prepared.bodyHtml,
          views.map((v) => v.url),
        ),
        isTop: false,
        disclosure: {},
        attachmentIds: views.map((v) => v.id),
        interpretsPolicyIds: [],
        channel: 'email',
      });
      const receivedAt = claimed ? claimed.received_at : (how as { receivedAt: string }).receivedAt;
      const notes = prepared.notes.length ? JSON.stringify(prepared.notes) : null;
      const itemId = claimed
        ? claimed.id
        : await this.repo.insert(trx, {
            ...mailRow(
              mail,
              (how as { source: 'imap' | 'upload' }).source,
              (how as { size: number }).size,
              (how as { rawKey: string }).rawKey,
              receivedAt,
              actor,
            ),
            state: 'drafted',
            reason: null,
            unit_id: target.unitId,
            column_id: target.columnId,
          });
      const submissionId = await this.ledger.receive(trx, {
        unitId: target.unitId,
        channel: 'email',
        columnId: target.columnId,
        articleId: article.id,
        title: article.title,
        receivedAt,
        sourceRef: `intake:${itemId}`,
      });
      await this.repo.update(trx, itemId, {
        state: 'drafted',
        reason: null,
        notes,
        unit_id: target.unitId,
        column_id: target.columnId,
        article_id: article.id,
        submission_id: submissionId,
        updated_at: nowIso(),
      });
      await emit({
        type: 'intake.drafted',
        actor,
        entityType: 'intake_item',
        entityId: itemId,
        summary: `邮件“${mail.subject}”（${mail.sender ?? '发件人不明'}）生成草稿“${article.title}”`,
      });
      return itemId;
    });
  }
}
