import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../platform/db/tables.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import { SecretBox } from '../../platform/secrets/secret-box.js';
import type { Settings } from '../../platform/settings.js';
import type { BlobStore } from '../../platform/storage/storage.js';
import type { ArticlesService } from '../content/articles.service.js';
import type { AttachmentsService } from '../content/attachments.service.js';
import type { DocxConverter } from '../content/docx.js';
import type { AttachmentReader } from '../review/checks/attachment-reader.js';
import type { LedgerService } from '../review/ledger.service.js';
import { IntakeRepository } from './intake.repository.js';
import { IntakeService } from './intake.service.js';
import { MailboxSettingsService } from './mailbox-settings.js';
import { ImapPoller } from './imap-poller.js';
import { IntakeReplies } from './intake-replies.js';

/** The intake module built once (the composition root calls this). */
export function createIntake(d: {
  db: Kysely<DB>;
  uow: UnitOfWork;
  blobs: BlobStore;
  settings: Settings;
  dataDir: string;
  articles: ArticlesService;
  attachments: AttachmentsService;
  ledger: LedgerService;
  docx: DocxConverter;
  reader: AttachmentReader;
  mailer: Mailer;
  publicBaseUrl: string;
  logger: Logger;
}) {
  const repo = new IntakeRepository(d.db);
  const mailbox = new MailboxSettingsService(d.settings, d.uow, SecretBox.forDataDir(d.dataDir));
  const service = new IntakeService(
    repo,
    d.uow,
    d.blobs,
    d.articles,
    d.attachments,
    d.ledger,
    {
      prepare: (name, bytes) => d.attachments.prepare(name, bytes),
      convertDocx: (bytes, sink) => d.docx.convert(bytes, sink),
      extractText: async (name, ext, bytes) => {
        const read = await d.reader.read({ id: name, name, ext, bytes });
        return read.pieces.map((p) => p.text).join('\n\n');
      },
    },
    () => mailbox.config(),
    (level, message, details) => d.logger[level]({ ...details, module: 'intake' }, message),
  );
  const replies = new IntakeReplies(repo, d.mailer, () => mailbox.config(), d.logger);
  const poller = new ImapPoller(service, mailbox, replies, d.logger);
  return { repo, mailbox, service, replies, poller };
}
