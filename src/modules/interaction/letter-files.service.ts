import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { notFound } from '../../platform/errors.js';
import type { BlobStore } from '../../platform/storage/storage.js';
import type { LettersRepository } from './letters.repository.js';
import type { LettersService } from './letters.service.js';

// A letter's attachments, for the people who handle it: the 12345 office and the units it was given
// to (lead or 会办). They are the writer's personal papers, so a reader with a county-wide `letter.read`
// (site editors, leaders) does not get them, the public never, and every download is audited.

export interface LetterFile {
  name: string;
  mime: string;
  bytes: Buffer;
}

export class LetterFilesService {
  constructor(
    private readonly repo: LettersRepository,
    private readonly uow: UnitOfWork,
    private readonly letters: LettersService,
    private readonly blobs: BlobStore,
  ) {}

  async download(actor: Actor, letterId: number, fileId: number): Promise<LetterFile> {
    authorize(actor, 'letter.read');
    const letter = await this.repo.letter(letterId);
    const file = letter ? await this.repo.attachment(fileId) : undefined;
    // One answer for "no such file" and "not yours": the ids tell nothing about other units' letters.
    if (!letter || !file || file.letter_id !== letterId) throw notFound('附件');
    const handles =
      (await this.letters.isOffice(actor)) ||
      (actor.kind === 'account' && actor.unitId !== null && this.letters.involves(letter, actor.unitId));
    if (!handles) throw notFound('附件');
    const bytes = await this.blobs.read(file.blob_key);
    await this.uow.run(async (_trx, emit) => {
      await emit({
        type: 'letter.attachment_downloaded',
        actor,
        entityType: 'letter',
        entityId: letterId,
        summary: `下载来信“${letter.title.slice(0, 50)}”的附件“${file.name.slice(0, 80)}”`,
        details: { attachmentId: fileId, sha256: file.sha256 },
      });
    });
    return { name: file.name, mime: file.mime, bytes };
  }
}
