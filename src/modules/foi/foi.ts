import type { Kysely } from 'kysely';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { DB } from '../../platform/db/tables.js';
import type { PdfRenderer } from '../../platform/pdf/pdf.js';
import type { BlobStore } from '../../platform/storage/storage.js';
import type { NotifyService } from '../notify/notify.service.js';
import { FoiDeadlines } from './foi-deadlines.js';
import { FoiPublicService } from './foi-public.service.js';
import { FoiReportsService } from './foi-reports.service.js';
import { FoiRepository } from './foi.repository.js';
import { FoiService } from './foi.service.js';

/** 依申请公开 (issue 13): applications, their statutory clock, 告知书, the annual figures and the deadline round. */
export function createFoi(deps: {
  db: Kysely<DB>;
  uow: UnitOfWork;
  calendar: CalendarService;
  blobs: BlobStore;
  pdf: PdfRenderer;
  notify: NotifyService;
  clock?: () => Date;
}) {
  const repo = new FoiRepository(deps.db);
  const foi = new FoiService(deps.uow, repo, deps.calendar, deps.blobs, deps.clock);
  return {
    foi,
    foiReports: new FoiReportsService(deps.uow, repo, foi, deps.pdf, deps.calendar),
    foiPublic: new FoiPublicService(deps.db, repo, foi, deps.calendar),
    foiDeadlines: new FoiDeadlines(repo, deps.calendar, deps.notify, foi),
  };
}
