import path from 'node:path';
import type { Logger } from 'pino';
import { AuditRepository, registerAuditListener } from './platform/audit/audit.js';
import { SessionStore } from './platform/auth/sessions.js';
import type { Config } from './platform/config.js';
import type { Database } from './platform/db/database.js';
import { UnitOfWork } from './platform/db/unit-of-work.js';
import { EventBus } from './platform/events.js';
import { SearchService } from './platform/search/search.js';
import { SearchAdminService } from './modules/portal/search-admin.service.js';
import { DiskBlobStore } from './platform/storage/storage.js';
import { Settings } from './platform/settings.js';
import { AuditService } from './modules/audit/audit.service.js';
import { ArticleImportService } from './modules/content/article-import.js';
import { ImportKeysRepository } from './modules/content/import-keys.repository.js';
import { JobTracker } from './platform/jobs/progress.js';
import { ArticlesRepository } from './modules/content/articles.repository.js';
import { ArticlesService } from './modules/content/articles.service.js';
import { IndexNumbersService } from './modules/content/index-numbers.service.js';
import { AttachmentsRepository } from './modules/content/attachments.repository.js';
import { AttachmentsService } from './modules/content/attachments.service.js';
import { DocxConverter } from './modules/content/docx.js';
import { AccountsRepository } from './modules/org/accounts.repository.js';
import { AccountsService } from './modules/org/accounts.service.js';
import { AuthService } from './modules/org/auth.service.js';
import { LoginThrottle } from './modules/org/login-throttle.js';
import { TwoFactorRepository } from './modules/org/two-factor.repository.js';
import { TwoFactorService } from './modules/org/two-factor.service.js';
import { SecretBox } from './platform/secrets/secret-box.js';
import { GrantsService } from './modules/org/grants.service.js';
import { PersonnelRepository } from './modules/org/personnel.repository.js';
import { PersonnelService } from './modules/org/personnel.service.js';
import { RosterImportService } from './modules/org/roster-import.service.js';
import { UnitsRepository } from './modules/org/units.repository.js';
import { UnitsService } from './modules/org/units.service.js';
import { ColumnsRepository } from './modules/sites/columns.repository.js';
import { ColumnsService } from './modules/sites/columns.service.js';
import { SitesRepository } from './modules/sites/sites.repository.js';
import { SitesService } from './modules/sites/sites.service.js';
import { DutiesRepository } from './modules/guarantee/duties.repository.js';
import { DutiesService } from './modules/guarantee/duties.service.js';
import { ListImportService } from './modules/guarantee/list-import.service.js';
import { DisclosureTreeRepository } from './modules/guarantee/disclosure-tree.repository.js';
import { DisclosureTreeService } from './modules/guarantee/disclosure-tree.service.js';
import { UnitCatalogue } from './modules/guarantee/unit-catalogue.js';
import { createPortal } from './modules/portal/portal.js';
import { keepListingsOnMoves } from './modules/content/listings.js';
import { NotifyRepository } from './modules/notify/notify.repository.js';
import { NotifyService } from './modules/notify/notify.service.js';
import { mailJob } from './modules/notify/notify.jobs.js';
import { ChainsRepository } from './modules/review/chains.repository.js';
import { ChainsService } from './modules/review/chains.service.js';
import { ChecksRepository } from './modules/review/checks.repository.js';
import { ChecksService } from './modules/review/checks.service.js';
import { FlowsRepository } from './modules/review/flows.repository.js';
import { FlowSteps } from './modules/review/flow-steps.js';
import { LedgerRepository } from './modules/review/ledger.repository.js';
import { LedgerService } from './modules/review/ledger.service.js';
import { PublishGate } from './modules/review/publish-gate.js';
import { PublishingService } from './modules/review/publishing.service.js';
import { ReviewFormService } from './modules/review/review-form.js';
import { ReviewGuard } from './modules/review/review-guard.js';
import { ReviewQueryService } from './modules/review/review-query.service.js';
import { publishingJob } from './modules/review/review.jobs.js';
import { WorkflowService } from './modules/review/workflow.service.js';
import { AttachmentReader } from './modules/review/checks/attachment-reader.js';
import { setArchiveLimits } from './platform/archive/zip-guard.js';
import { AllowList } from './platform/net/address-policy.js';
import { GuardedFetcher } from './platform/net/guarded-fetch.js';
import { NoMailer, SmtpMailer } from './platform/mail/mailer.js';
import { PdfRenderer } from './platform/pdf/pdf.js';
import { Worker } from './platform/jobs/worker.js';
import { DEMO_PASSWORD, DemoService } from './modules/demo/demo.service.js';
import { CalendarService } from './platform/calendar/calendar.service.js';
import { createInteraction } from './modules/interaction/interaction.js';
import { lettersJob } from './modules/interaction/letters-notices.js';
import { createGuarantee } from './modules/guarantee/guarantee.module.js';
import { guaranteeJob } from './modules/guarantee/daily.service.js';
import { uptimeJob } from './modules/guarantee/uptime.service.js';
import { shanghaiDay } from './platform/time.js';
import { FoiRepository } from './modules/foi/foi.repository.js';
import { FoiService } from './modules/foi/foi.service.js';
import { FoiReportsService } from './modules/foi/foi-reports.service.js';
import { FoiPublicService } from './modules/foi/foi-public.service.js';
import { FoiDeadlines, foiDeadlineJob } from './modules/foi/foi-deadlines.js';
import { createIntake } from './modules/intake/intake.module.js';
import { crawlJob, createCrawl } from './modules/crawl/crawl.module.js';
import { createConsult } from './modules/consult/consult.module.js';
import { BackupRepository } from './modules/backup/backup.repository.js';
import { BackupService, backupJob } from './modules/backup/backup.service.js';

/**
 * The composition root: every service built once, with its dependencies passed in explicitly, so a
 * reader sees what each one uses.
 */
export function createServices(
  config: Config,
  database: Database,
  logger: Logger,
  options: { guaranteeClock?: () => Date; foiClock?: () => Date; interactionClock?: () => Date } = {},
) {
  const { db } = database;
  const events = new EventBus();
  registerAuditListener(events, database.dialect);
  const uow = new UnitOfWork(db, events, (error) => logger.error({ err: error }, 'event listener failed after commit'));
  const sessions = new SessionStore(db, config.session.idleMinutes * 60_000, config.session.maxHours * 3600_000);
  const loginThrottle = new LoginThrottle(db, config.login);
  const blobs = new DiskBlobStore(path.join(config.dataDir, 'files'));

  const sitesRepo = new SitesRepository(db);
  const columnsRepo = new ColumnsRepository(db);
  const unitsRepo = new UnitsRepository(db);
  const accountsRepo = new AccountsRepository(db);

  const sites = new SitesService(uow, sitesRepo);
  const columns = new ColumnsService(uow, columnsRepo, sitesRepo);
  const units = new UnitsService(uow, unitsRepo);
  const personnelRepo = new PersonnelRepository(db);
  const personnel = new PersonnelService(uow, personnelRepo);
  const rosterImport = new RosterImportService(uow, personnelRepo, units);
  const accounts = new AccountsService(uow, accountsRepo, sessions, loginThrottle);
  const settings = new Settings(db);
  const twoFactor = new TwoFactorService(
    uow,
    new TwoFactorRepository(db),
    settings,
    SecretBox.forDataDir(config.dataDir),
    sessions,
    loginThrottle,
    config.twoFactorDefaultRoles,
  );
  // The demo accounts' password is printed in the README: beyond loopback it only signs in by replacing it.
  const beyondLoopback = !['127.0.0.1', '::1', 'localhost'].includes(config.host);
  const auth = new AuthService(
    uow,
    accountsRepo,
    sessions,
    loginThrottle,
    twoFactor,
    undefined,
    (password) => beyondLoopback && password === DEMO_PASSWORD,
  );
  const grants = new GrantsService(uow);
  const audit = new AuditRepository(db);
  const auditLog = new AuditService(audit, uow, config.auditRetentionDays);
  const search = new SearchService(db, database.dialect, settings);
  events.onCommitted((event) => {
    if (event.entityType === 'article' || event.type.startsWith('import')) search.forget();
  });
  const attachments = new AttachmentsService(new AttachmentsRepository(db), uow, blobs);
  const articlesRepo = new ArticlesRepository(db);
  const indexNumbers = new IndexNumbersService(uow, articlesRepo, settings);
  const articles = new ArticlesService(uow, articlesRepo, columns, attachments, search, indexNumbers);
  keepListingsOnMoves(events);
  const unitCatalogue = UnitCatalogue.lazy(path.join(config.seedDir, 'units.json'));
  // The guarantee's today (a test may fix it): the default date in force of duties made now.
  const guaranteeToday = () => shanghaiDay((options.guaranteeClock ?? (() => new Date()))());
  const duties = new DutiesService(uow, new DutiesRepository(db), columns, units, unitCatalogue, guaranteeToday);
  // The per-unit 信息公开 tree follows the unit list inside the transaction that changes a unit.
  const guaranteeTree = new DisclosureTreeService(
    new DisclosureTreeRepository(),
    columns,
    units,
    duties,
    guaranteeToday,
  );
  guaranteeTree.listen(events);
  const guaranteeImport = new ListImportService(
    uow,
    sites,
    columns,
    units,
    duties,
    unitCatalogue,
    guaranteeToday,
    guaranteeTree,
  );
  const articleImport = new ArticleImportService(
    uow,
    articlesRepo,
    articles,
    indexNumbers,
    sites,
    columns,
    units,
    search,
    new ImportKeysRepository(db),
  );
  const jobs = new JobTracker();
  // Review (issue 4): chains, workflow, ledger, checks, publishing. Review depends on content, never the
  // other way: its rules on edits and imports are listeners on content's events (ReviewGuard.register).
  const mailer = config.mail.smtpUrl ? new SmtpMailer(config.mail.smtpUrl, config.mail.from) : new NoMailer();
  const notify = new NotifyService(new NotifyRepository(db), mailer, config.publicBaseUrl);
  const pdf = new PdfRenderer(undefined, (message) => logger.warn(message));
  const flows = new FlowsRepository(db);
  const chains = new ChainsService(uow, new ChainsRepository(db), columns);
  const ledger = new LedgerService(new LedgerRepository(db));
  // Uploaded files are read under limits (issue 9 item 2): archives checked first, text in a worker.
  setArchiveLimits(config.reading.archive);
  const attachmentReader = new AttachmentReader(config.reading);
  const docx = new DocxConverter(config.reading);
  const checks = new ChecksService(new ChecksRepository(db), uow, articles, blobs, settings, undefined, (a) =>
    attachmentReader.read(a),
  );
  const steps = new FlowSteps(flows, ledger, notify);
  const gate = new PublishGate(flows, checks, articles);
  const publishing = new PublishingService(uow, articles, flows, chains, steps, ledger, gate, checks);
  const workflow = new WorkflowService(uow, flows, chains, ledger, articles, steps, publishing, checks);
  new ReviewGuard(flows, chains, ledger, steps, articles).register(events);
  const reviewQuery = new ReviewQueryService(flows, chains, articles);
  const reviewForm = new ReviewFormService(articles, flows, chains, pdf);
  const calendar = new CalendarService(db, uow);
  // One guarded fetcher for every address someone entered (link checks, crawling): issue 9 item 5.
  const fetcher = new GuardedFetcher({ allow: AllowList.parse(config.fetch.allow), maxBytes: config.fetch.maxBytes });
  // 依申请公开 (issue 13): applications, their statutory clock, 告知书 and the annual figures.
  const foiRepo = new FoiRepository(db);
  const foi = new FoiService(uow, foiRepo, calendar, blobs, options.foiClock);
  const foiReports = new FoiReportsService(uow, foiRepo, foi, pdf, calendar);
  const foiPublic = new FoiPublicService(db, foiRepo, foi, calendar);
  const foiDeadlines = new FoiDeadlines(foiRepo, calendar, notify, foi);
  const interaction = createInteraction({ db, uow, calendar, blobs, notify, clock: options.interactionClock });
  // Department sites crawled into columns (issue 11 item 3): through the same guarded fetcher; a failing
  // or stale source counts against its unit on the guarantee board.
  const crawl = createCrawl({
    db,
    uow,
    fetcher,
    articles,
    columns,
    limits: config.crawl,
    clock: options.guaranteeClock,
  });
  const guarantee = createGuarantee({
    db,
    uow,
    calendar,
    settings,
    notify,
    blobs,
    pdf,
    personnel,
    fetcher,
    sites,
    columns,
    duties,
    sourceProblems: (siteId) => crawl.service.problems(siteId),
    clock: options.guaranteeClock,
    foiOverdue: (asOf) => foiDeadlines.overdueByUnit(asOf),
    // 政民互动 feeds the 互动回应差 veto indicator and the annual 留言办理 figures (issue 12).
    interaction: interaction.lettersStats,
    interactionYear: (year) => interaction.lettersStats.annual(year),
  });
  // Issue 11: items sent in by e-mail (the centre's mailbox) and on paper, counted in the same ledger.
  const intake = createIntake({
    db,
    uow,
    blobs,
    settings,
    dataDir: config.dataDir,
    articles,
    attachments,
    ledger,
    docx,
    reader: attachmentReader,
    mailer,
    publicBaseUrl: config.publicBaseUrl,
    logger,
  });
  // Backups (issue 9 item 9): made by `govportal backup` and, when scheduled in settings, by the worker.
  const backup = new BackupService({
    database,
    databaseUrl: config.database.url,
    dataDir: config.dataDir,
    uow,
    settings,
    notify,
    repo: new BackupRepository(db),
  });
  const worker = new Worker(
    [
      intake.poller.job(),
      publishingJob(publishing, logger),
      mailJob(notify),
      guaranteeJob(guarantee.daily, logger),
      uptimeJob(guarantee.uptime, logger),
      foiDeadlineJob(foiDeadlines),
      lettersJob(interaction.notices, logger),
      crawlJob(crawl.service, logger),
      backupJob(backup, logger),
    ],
    logger,
  );

  const demo = new DemoService({
    database,
    uow,
    sites,
    units,
    accounts,
    chains,
    columns,
    guaranteeImport,
    guaranteeTree,
    articleImport,
    settings,
    config,
  });

  const consult = createConsult({ db, uow, articles, blobs });
  // The annual report's 征集调查 and 在线访谈 rows come from the consult module (guarantee does not import it).
  guarantee.annual.consultRows = (year, siteId) => consult.consultFigures.figures(year, siteId);

  const portal = createPortal(config, db, logger, { events, sites, columns, articles, search });
  const searchAdmin = new SearchAdminService(uow, search);

  return {
    config,
    database,
    events,
    uow,
    sessions,
    loginThrottle,
    blobs,
    search,
    searchAdmin,
    settings,
    sites,
    columns,
    units,
    personnel,
    rosterImport,
    accounts,
    auth,
    twoFactor,
    grants,
    audit,
    auditLog,
    attachments,
    articles,
    indexNumbers,
    articleImport,
    jobs,
    portal,
    duties,
    guaranteeImport,
    guaranteeTree,
    notify,
    pdf,
    chains,
    ledger,
    checks,
    attachmentReader,
    docx,
    workflow,
    publishing,
    reviewQuery,
    reviewForm,
    worker,
    demo,
    unitCatalogue,
    calendar,
    fetcher,
    intake,
    guarantee,
    foi,
    foiReports,
    foiPublic,
    foiDeadlines,
    interaction,
    crawl: crawl.service,
    backup,
    ...consult,
  };
}

export type Services = ReturnType<typeof createServices>;
