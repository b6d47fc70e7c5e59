import type { Kysely } from 'kysely';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import type { DB } from '../../platform/db/tables.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { BlobStore } from '../../platform/storage/storage.js';
import type { NotifyService } from '../notify/notify.service.js';
import { LetterFilesService } from './letter-files.service.js';
import { LetterFaqsRepository } from './letter-faqs.repository.js';
import { LetterFaqsService } from './letter-faqs.service.js';
import { MailboxesService } from './mailboxes.service.js';
import { LettersNotices } from './letters-notices.js';
import { LettersPublicService } from './letters-public.service.js';
import { LettersStatsService } from './letters-stats.service.js';
import { LettersRepository } from './letters.repository.js';
import { LettersService } from './letters.service.js';

// 政民互动 (issue 12), wired once in the composition root.

export interface Interaction {
  repo: LettersRepository;
  letters: LettersService;
  lettersPublic: LettersPublicService;
  lettersStats: LettersStatsService;
  notices: LettersNotices;
  faqs: LetterFaqsService;
  files: LetterFilesService;
  mailboxes: MailboxesService;
}

export function createInteraction(deps: {
  db: Kysely<DB>;
  uow: UnitOfWork;
  calendar: CalendarService;
  blobs: BlobStore;
  notify: NotifyService;
  clock?: () => Date;
}): Interaction {
  const clock = deps.clock ?? (() => new Date());
  const repo = new LettersRepository(deps.db);
  const letters = new LettersService(repo, deps.uow, deps.calendar, clock);
  const lettersPublic = new LettersPublicService(repo, deps.uow, deps.calendar, deps.blobs, letters, undefined, clock);
  const lettersStats = new LettersStatsService(repo, deps.uow, letters, clock);
  const notices = new LettersNotices(repo, deps.uow, deps.calendar, deps.notify, letters, clock);
  const faqRepo = new LetterFaqsRepository(deps.db);
  const faqs = new LetterFaqsService(faqRepo, deps.uow, letters, clock);
  const files = new LetterFilesService(repo, deps.uow, letters, deps.blobs);
  const mailboxes = new MailboxesService(repo, faqRepo, deps.uow, letters, lettersPublic, clock);
  return { repo, letters, lettersPublic, lettersStats, notices, faqs, files, mailboxes };
}
