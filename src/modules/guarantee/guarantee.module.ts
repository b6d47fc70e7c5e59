import type { Kysely } from 'kysely';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import type { DB } from '../../platform/db/tables.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { GuardedFetcher } from '../../platform/net/guarded-fetch.js';
import type { PdfRenderer } from '../../platform/pdf/pdf.js';
import type { Settings } from '../../platform/settings.js';
import type { BlobStore } from '../../platform/storage/storage.js';
import type { NotifyService } from '../notify/notify.service.js';
import type { PersonnelService } from '../org/personnel.service.js';
import type { ColumnsService } from '../sites/columns.service.js';
import type { SitesService } from '../sites/sites.service.js';
import { ClassesService } from './classes.service.js';
import type { DutiesService } from './duties.service.js';
import { AnnualService, type InteractionAnnualSource } from './annual.service.js';
import { BulletinService } from './bulletin.service.js';
import type { FoiOverdueRow } from './bulletin.documents.js';
import { CoverageService } from './coverage.service.js';
import { OverviewService } from './overview.service.js';
import { GuaranteeSettingsService } from './settings.service.js';
import { DailyService } from './daily.service.js';
import { LinksService } from './links.service.js';
import { NoticesService } from './notices.service.js';
import { EvaluationRepository } from './evaluation.repository.js';
import { SharedItemsRepository } from './evaluation-units.repository.js';
import { GuaranteeEvaluator, type InteractionSource } from './evaluation.service.js';
import { ReportService } from './report.service.js';
import { StatusService, type SourceProblems } from './status.service.js';
import { SharesRepository } from './shares.repository.js';
import { SharesService } from './shares.service.js';
import { UptimeRepository } from './uptime.repository.js';
import { UptimeService } from './uptime.service.js';

export interface GuaranteeDeps {
  db: Kysely<DB>;
  uow: UnitOfWork;
  calendar: CalendarService;
  settings: Settings;
  notify: NotifyService;
  blobs: BlobStore;
  pdf: PdfRenderer;
  personnel: PersonnelService;
  /** Every server-side fetch of an address someone entered (platform/net). */
  fetcher: GuardedFetcher;
  sites: SitesService;
  columns: ColumnsService;
  duties: DutiesService;
  interaction?: InteractionSource | null;
  /** 政民互动's 留言办理 figures of a year for the annual report (issue 12 item 8). */
  interactionYear?: InteractionAnnualSource | null;
  /** Crawl sources failing or stale (modules/crawl), shown on the board against their units. */
  sourceProblems?: SourceProblems | null;
  clock?: () => Date;
  /** Overdue 依申请公开 applications per unit, shown in the monthly 通报 (modules/foi). */
  foiOverdue?: (asOf: string) => Promise<FoiOverdueRow[]>;
}

/** The content-guarantee checks, built once in the composition root (services.ts). */
export function createGuarantee(d: GuaranteeDeps) {
  const repo = new EvaluationRepository(d.db);
  const evaluator = new GuaranteeEvaluator(
    repo,
    d.calendar,
    d.settings,
    new SharedItemsRepository(d.db),
    d.interaction ?? null,
  );
  const uptime = new UptimeService(d.uow, new UptimeRepository(d.db), () => evaluator.settings(), d.clock);
  const shares = new SharesService(d.uow, new SharesRepository(d.db));
  const status = new StatusService(d.db, evaluator, repo, d.clock, uptime, d.sourceProblems ?? null, shares);
  const report = new ReportService(evaluator, repo, d.clock);
  const links = new LinksService(
    d.db,
    d.uow,
    async () => (await evaluator.settings()).links.timeoutMs,
    d.fetcher,
    d.clock,
  );
  const notices = new NoticesService(d.db, d.uow, d.notify, d.clock);
  const bulletins = new BulletinService(d.db, d.uow, report, d.blobs, d.pdf, d.clock, d.foiOverdue, {
    shares,
    sourceProblems: d.sourceProblems,
  });
  const daily = new DailyService(d.db, d.settings, d.calendar, evaluator, status, notices, links, bulletins, d.clock);
  const annual = new AnnualService(d.db, repo, d.interactionYear ?? null);
  const coverage = new CoverageService(d.db, evaluator, d.personnel, () => status.today());
  const overview = new OverviewService(d.db, status, report, notices);
  const settings = new GuaranteeSettingsService(d.db, d.uow, d.settings, evaluator);
  const classes = new ClassesService(d.uow, d.sites, d.columns, d.duties, () => evaluator.settings());
  return {
    repo,
    evaluator,
    status,
    report,
    links,
    notices,
    bulletins,
    daily,
    annual,
    coverage,
    overview,
    settings,
    uptime,
    classes,
    shares,
  };
}

export type Guarantee = ReturnType<typeof createGuarantee>;
