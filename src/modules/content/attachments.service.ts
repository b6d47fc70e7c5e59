import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { ArchiveRefused, inspectZip } from '../../platform/archive/zip-guard.js';
import { actorAccountId, type Actor } from '../../platform/auth/actor.js';
import { authorize, type Scope } from '../../platform/auth/policy.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { Attachment } from '../../platform/db/tables.js';
import type { Emit, UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import type { BlobStore } from '../../platform/storage/storage.js';
import type { AttachmentsRepository } from './attachments.repository.js';

const SCAN_EXTS = ['pdf', 'jpg', 'png', 'gif', 'webp', 'bmp'];

/** A file checked and stored, not yet recorded (AttachmentsService.prepare). */
export interface PreparedFile {
  name: string;
  ext: string;
  mime: string;
  key: string;
  sha256: string;
  size: number;
}

import type { AttachmentVersionView, AttachmentView } from '../../contract/articles.js';
export type { AttachmentVersionView, AttachmentView };

export const toAttachmentView = (a: Attachment): AttachmentView => ({
  id: a.id,
  articleId: a.article_id,
  name: a.original_name,
  size: Number(a.size),
  mime: a.mime,
  ext: a.ext,
  sha256: a.sha256,
  createdAt: a.created_at,
  url: `/api/attachments/${a.id}/download`,
});

// What a government information item may carry. The bytes decide, not the file name: an .exe renamed
// to .pdf is refused. Old Office formats (.doc .xls .wps) share one container (OLE2/CFB), so for those
// the extension picks among the formats the container allows.
const BY_SNIFFED: Record<string, { ext: string; mime: string }> = {
  pdf: { ext: 'pdf', mime: 'application/pdf' },
  docx: { ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  jpg: { ext: 'jpg', mime: 'image/jpeg' },
  png: { ext: 'png', mime: 'image/png' },
  gif: { ext: 'gif', mime: 'image/gif' },
  webp: { ext: 'webp', mime: 'image/webp' },
  bmp: { ext: 'bmp', mime: 'image/bmp' },
};
const CFB_BY_EXT: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  wps: 'application/vnd.ms-works',
  et: 'application/vnd.ms-excel',
};

export async function sniffAttachment(bytes: Buffer, filename: string): Promise<{ ext: string; mime: string }> {
  const declared = path.extname(filename).slice(1).toLowerCase();
  const sniffed = await fileTypeFromBuffer(bytes);
  if (sniffed?.ext === 'cfb') {
    const mime = CFB_BY_EXT[declared];
    if (mime) return { ext: declared, mime };
    throw new AppError(
      'FILE_TYPE_NOT_ALLOWED',
      `文件“${filename}”是旧版 Office 文档，请使用 .doc、.xls 或 .wps 扩展名`,
    );
  }
  const known = sniffed ? BY_SNIFFED[sniffed.ext] : undefined;
  if (!known)
    throw new AppError(
      'FILE_TYPE_NOT_ALLOWED',
      `文件“${filename}”的内容不是允许的附件类型（doc、docx、pdf、xls、xlsx、wps 或图片）`,
    );
  return known;
}

/**
 * A Word or Excel file that inflates past the archive limits would only be refused later, by every
 * reader; say so at the upload. A damaged archive is left to the checks, which report it on the file.
 */
async function refuseArchiveBomb(bytes: Buffer, name: string): Promise<void> {
  try {
    await inspectZip(bytes);
  } catch (error) {
    if (!(error instanceof ArchiveRefused)) throw error;
    if (error.reason === 'format') return;
    const message = `文件“${name}”${error.message.replace(/^压缩文档/, '')}，请拆分文件后重新上传`;
    throw new AppError('PAYLOAD_TOO_LARGE', message, { issues: [{ field: 'file', message }] });
  }
}

export function safeFileName(name: string): string {
  const base = path
    .basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .trim();
  // A name that is only an extension (".png") or nothing at all becomes 附件(.png).
  const named = base === '' || /^\.[^.]*$/.test(base) ? `附件${base}` : base;
  return named.slice(0, 200);
}

export class AttachmentsService {
  constructor(
    private readonly repo: AttachmentsRepository,
    private readonly uow: UnitOfWork,
    private readonly blobs: BlobStore,
  ) {}

  /** Store an uploaded file; it joins an article when the article is saved with its id. */
  async upload(actor: Actor, filename: string, bytes: Buffer): Promise<AttachmentView> {
    authorize(actor, 'article.write');
    const file = await this.prepare(filename, bytes);
    if (actor.kind !== 'account') throw new AppError('FORBIDDEN', '系统任务不能上传附件');
    const unitId = actor.unitId;
    return this.uow.run((trx, emit) => this.insertIn(trx, emit, actor, unitId, file));
  }

  /**
   * Check a file (its bytes decide its type; archives within the limits) and put its bytes in the
   * store, outside any transaction. Intake prepares each file of a mail before recording the mail.
   */
  async prepare(filename: string, bytes: Buffer): Promise<PreparedFile> {
    if (bytes.length === 0) throw invalid('file', '上传的文件是空的');
    const given = safeFileName(filename);
    const { ext, mime } = await sniffAttachment(bytes, given);
    // A file sent without a name (or an extension) gets the one its bytes say it is.
    const name = path.extname(given) === '' ? `${given}.${ext}` : given;
    if (ext === 'docx' || ext === 'xlsx') await refuseArchiveBomb(bytes, name);
    const stored = await this.blobs.put(bytes);
    return { name, ext, mime, key: stored.key, sha256: stored.sha256, size: stored.size };
  }

  /** Record a prepared file for a unit (not yet part of an item) in the caller's transaction. */
  async insertIn(trx: Executor, emit: Emit, actor: Actor, unitId: number, file: PreparedFile): Promise<AttachmentView> {
    const id = await this.repo.insert(trx, {
      article_id: null,
      unit_id: unitId,
      original_name: file.name,
      storage_key: file.key,
      sha256: file.sha256,
      size: file.size,
      mime: file.mime,
      ext: file.ext,
      sort_order: 0,
      created_by: actorAccountId(actor),
      created_at: nowIso(),
    });
    await emit({
      type: 'attachment.uploaded',
      actor,
      entityType: 'attachment',
      entityId: id,
      summary: `上传附件“${file.name}”（${file.size} 字节）`,
      details: { sha256: file.sha256, mime: file.mime },
    });
    return toAttachmentView(await this.repo.byId(trx, id));
  }

  /**
   * Attach files to an article inside its save; files must be ones the actor may read. A file that went
   * online with the item is not let go when a correction drops it: it stays with the item, retired, as
   * the archive of what was published (returned, for the caller's audit record).
   */
  async linkIn(
    trx: Executor,
    scope: Scope,
    articleId: number,
    attachmentIds: readonly number[],
    by: number | null,
  ): Promise<Attachment[]> {
    const wanted = [...new Set(attachmentIds)];
    const rows = await this.repo.readable(trx, scope, wanted);
    const usable = rows.filter((r) => r.kind === 'file' && (r.article_id === null || r.article_id === articleId));
    if (usable.length !== wanted.length) throw invalid('attachmentIds', '部分附件不存在、无权使用或已属于其他信息');
    const now = nowIso();
    const retired: Attachment[] = [];
    for (const f of await this.repo.current(trx, articleId)) {
      if (wanted.includes(f.id)) continue;
      if (f.archived_at !== null) {
        await this.repo.update(trx, f.id, { retired_at: now, retired_by: by });
        retired.push(f);
      } else {
        await this.repo.update(trx, f.id, { article_id: null });
      }
    }
    for (const [i, id] of wanted.entries())
      await this.repo.update(trx, id, { article_id: articleId, sort_order: i, retired_at: null, retired_by: null });
    return retired;
  }

  /** The item's files as it stands: its attachments, not its 审核表 scan, not retired versions. */
  async ofArticle(articleId: number, db?: Executor): Promise<AttachmentView[]> {
    return (await this.currentRows(db ?? this.uow.db, articleId)).map(toAttachmentView);
  }

  /** The current files' rows (what a revision lists, what the checks read, what the public gets). */
  currentRows(db: Executor, articleId: number): Promise<Attachment[]> {
    return this.repo.current(db, articleId);
  }

  /** The current 审核表 scan of an item, if any. */
  async reviewFormOf(articleId: number, db?: Executor): Promise<AttachmentView | null> {
    const row = await this.repo.reviewForm(db ?? this.uow.db, articleId);
    return row ? toAttachmentView(row) : null;
  }

  /** Whether the item names a scan that is still its own and current (the publish gate's question). */
  async hasReviewFormScan(db: Executor, article: { id: number; review_form_attachment_id: number | null }) {
    if (article.review_form_attachment_id === null) return false;
    return this.repo.isCurrentReviewForm(db, article.id, article.review_form_attachment_id);
  }

  /** Every version an item has carried, current and retired, oldest first (the caller checked the scope). */
  async historyOf(articleId: number, db?: Executor): Promise<AttachmentVersionView[]> {
    const rows = await this.repo.history(db ?? this.uow.db, articleId);
    return rows.map((r) => ({
      ...toAttachmentView(r),
      kind: r.kind as 'file' | 'review_form',
      kindLabel: r.kind === 'review_form' ? '信息发布审核表扫描件' : '附件',
      current: r.retired_at === null,
      archivedAt: r.archived_at,
      retiredAt: r.retired_at,
      retiredBy: r.retired_by_name,
      replacedBy: r.replaced_by,
      uploadedBy: r.uploaded_by,
    }));
  }

  /** The item goes online: what it carries now is archived, never to be deleted (原件存档备查). */
  async archiveIn(trx: Executor, articleId: number, at: string): Promise<void> {
    await this.repo.archive(trx, articleId, at);
  }

  /** An item that never went online is deleted with its files. */
  async removeOfArticleIn(trx: Executor, articleId: number): Promise<void> {
    await this.repo.deleteOfArticle(trx, articleId);
  }

  /**
   * Make a file the item's signed 审核表 scan. The file must be one the actor may read and not another
   * item's. The previous scan, once archived, stays as a retired version replaced by this one (a
   * correction); one that never went online is let go.
   */
  async setReviewFormIn(
    trx: Executor,
    scope: Scope,
    articleId: number,
    attachmentId: number,
    by: number | null,
  ): Promise<{ file: Attachment; previous: Attachment | null }> {
    const file = await this.repo.readableOne(trx, scope, attachmentId);
    if (!file || (file.article_id !== null && !(file.article_id === articleId && file.kind === 'review_form')))
      throw invalid('attachmentId', '附件不存在或属于其他信息');
    if (!SCAN_EXTS.includes(file.ext)) throw invalid('attachmentId', '审核表扫描件须为 PDF 或图片');
    const previous = (await this.repo.reviewForm(trx, articleId, attachmentId)) ?? null;
    if (previous?.archived_at) {
      await this.repo.update(trx, previous.id, { retired_at: nowIso(), retired_by: by, replaced_by: attachmentId });
    } else if (previous) {
      await this.repo.update(trx, previous.id, { article_id: null, kind: 'file' });
    }
    await this.repo.update(trx, attachmentId, {
      article_id: articleId,
      kind: 'review_form',
      retired_at: null,
      retired_by: null,
    });
    return { file, previous };
  }

  async get(actor: Actor, id: number): Promise<AttachmentView> {
    const scope = authorize(actor, 'article.read');
    const row = await this.repo.readableOne(this.uow.db, scope, id);
    if (!row) throw notFound('附件');
    return toAttachmentView(row);
  }

  async open(actor: Actor, id: number): Promise<{ view: AttachmentView; stream: Readable }> {
    const scope = authorize(actor, 'article.read');
    const row = await this.repo.readableOne(this.uow.db, scope, id);
    if (!row) throw notFound('附件');
    return { view: toAttachmentView(row), stream: this.blobs.stream(row.storage_key) };
  }

  /** A file of a published article, for the public site. */
  async openPublic(id: number): Promise<{ view: AttachmentView; stream: Readable } | null> {
    const row = await this.repo.publicFile(id);
    return row ? { view: toAttachmentView(row), stream: this.blobs.stream(row.storage_key) } : null;
  }

  /**
   * A stored file the caller has found public by its own rule (a 专题专栏 banner's image, shown by the
   * home page while the banner is on it): no article, no actor. Null when the file is gone.
   */
  async openShown(id: number): Promise<{ view: AttachmentView; stream: Readable } | null> {
    const row = await this.repo.find(this.uow.db, id);
    return row ? { view: toAttachmentView(row), stream: this.blobs.stream(row.storage_key) } : null;
  }

  async remove(actor: Actor, id: number): Promise<void> {
    const scope = authorize(actor, 'article.write');
    await this.uow.run(async (trx, emit) => {
      const row = await this.repo.readableOne(trx, scope, id);
      if (!row) throw notFound('附件');
      if (row.archived_at !== null)
        throw new AppError('CONFLICT', '该文件随信息发布过，须原件存档备查，不能删除；如需更正请上传新版本');
      if (row.article_id !== null) throw new AppError('IN_USE', '附件仍属于一条信息，请先在信息中移除它');
      await this.repo.delete(trx, id);
      await emit({
        type: 'attachment.deleted',
        actor,
        entityType: 'attachment',
        entityId: id,
        summary: `删除附件“${row.original_name}”`,
      });
    });
  }
}
