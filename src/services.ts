import path from 'node:path';
import type { Logger } from 'pino';
import { AuditRepository, registerAuditListener } from './platform/audit/audit.js';
import { SessionStore } from './platform/auth/sessions.js';
import { housekeepingJob } from './platform/jobs/housekeeping.js';
import type { Config } from './platform/config.js';
import type { Database } from './platform/db/database.js';
import { UnitOfWork } from './platform/db/unit-of-work.js';
import { EventBus } from './platform/events.js';
import { SearchService } from './platform/search/search.js';
import { SearchAdminService } from './modules/portal/search-admin.service.js';
import { HomePartsRepository } from './modules/portal/home-parts.repository.js';
import { HomePartsService, bannerDaysJob } from './modules/portal/home-parts.service.js';
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
import { createDuties } from './modules/guarantee/duties.module.js';
import { createPortal } from './modules/portal/portal.js';
import { createStaticPublishing } from './modules/publish/static.module.js';
import { inProcessStaticLock } from './modules/publish/static.lock.js';
import { keepListingsOnMoves } from './modules/content/listings.js';
import { NotifyRepository } from './modules/notify/notify.repository.js';
import { NotifyService } from './modules/notify/notify.service.js';
import { mailJob } from './modules/notify/notify.jobs.js';
import { publishingJob } from './modules/review/review.jobs.js';
import { createReview } from './modules/review/review.module.js';
import { AttachmentReader } from './modules/review/checks/attachment-reader.js';
import { setArchiveLimits } from './platform/archive/zip-guard.js';
import { AllowList } from './platform/net/address-policy.js';
import { GuardedFetcher } from './platform/net/guarded-fetch.js';
import { NoMailer, SmtpMailer } from './platform/mail/mailer.js';
import { PdfRenderer } from './platform/pdf/pdf.js';
import { Worker } from './platform/jobs/worker.js';
import { createCluster } from './platform/cluster/cluster.js';
import { createDemo } from './modules/demo/demo.module.js';
import { DEMO_PASSWORD } from './modules/demo/demo.service.js';
import { systemActor } from './platform/auth/actor.js';
import { CalendarService } from './platform/calendar/calendar.service.js';
import { createInteraction } from './modules/interaction/interaction.js';
import { lettersJob } from './modules/interaction/letters-notices.js';
import { createGuarantee } from './modules/guarantee/guarantee.module.js';
import { guaranteeJob } from './modules/guarantee/daily.service.js';
import { uptimeJob } from './modules/guarantee/uptime.service.js';
import { createFoi } from './modules/foi/foi.js';
import { foiDeadlineJob } from './modules/foi/foi-deadlines.js';
import { createIntake } from './modules/intake/intake.module.js';
import { crawlJob, createCrawl } from './modules/crawl/crawl.module.js';
import { createConsult } from './modules/consult/consult.module.js';
import type { LiveMessage } from './modules/consult/interview-live.js';
import { BackupRepository } from './modules/backup/backup.repository.js';
import { BackupService, backupJob } from './modules/backup/backup.service.js';
import { IntegrityRepository } from './modules/content/integrity.repository.js';
import { IntegrityService, integrityJob } from './modules/content/integrity.service.js';

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
  // Several processes on one database (issue 15 item 4): job leases, and the bus that clears the others' caches.
  const cluster = createCluster(config, database, logger);
  search.follow(events, cluster.bus);
  const attachments = new AttachmentsService(new AttachmentsRepository(db), uow, blobs);
  const articlesRepo = new ArticlesRepository(db);
  const indexNumbers = new IndexNumbersService(uow, articlesRepo, settings);
  const articles = new ArticlesService(uow, articlesRepo, columns, attachments, search, indexNumbers);
  keepListingsOnMoves(events);
  const {
    unitCatalogue,
    duties,
    tree: guaranteeTree,
    listImport: guaranteeImport,
  } = createDuties({ db, uow, events, sites, columns, units, seedDir: config.seedDir, clock: options.guaranteeClock });
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
  // Review (issue 4): review.module.ts.
  const mailer = config.mail.smtpUrl ? new SmtpMailer(config.mail.smtpUrl, config.mail.from) : new NoMailer();
  const notify = new NotifyService(new NotifyRepository(db), mailer, config.publicBaseUrl);
  const pdf = new PdfRenderer(undefined, (message) => logger.warn(message));
  // Uploaded files are read under limits (issue 9 item 2): archives checked first, text in a worker.
  setArchiveLimits(config.reading.archive);
  const attachmentReader = new AttachmentReader(config.reading);
  const docx = new DocxConverter(config.reading);
  const { chains, ledger, checks, publishing, workflow, reviewQuery, reviewForm, corrections, revisions } =
    createReview({
      db,
      uow,
      events,
      articles,
      columns,
      blobs,
      settings,
      notify,
      pdf,
      readAttachment: (a) => attachmentReader.read(a),
    });
  const calendar = new CalendarService(db, uow);
  // One guarded fetcher for every address someone entered (link checks, crawling): issue 9 item 5.
  const fetcher = new GuardedFetcher({ allow: AllowList.parse(config.fetch.allow), maxBytes: config.fetch.maxBytes });
  // 依申请公开 (issue 13): foi.ts.
  const { foi, foiReports, foiPublic, foiDeadlines } = createFoi({
    db,
    uow,
    calendar,
    blobs,
    pdf,
    notify,
    clock: options.foiClock,
  });
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
  const homeParts = new HomePartsService(new HomePartsRepository(db), uow, sites, columns, attachments);
  const portal = createPortal(config, db, logger, {
    events,
    sites,
    columns,
    articles,
    search,
    bus: cluster.bus,
    homeParts,
  });
  // Issue 15: the public pages as files for nginx, regenerated exactly after each change, guarded.
  // One writer per site: in this process by a promise chain, across processes by a database lease.
  const inProcess = inProcessStaticLock();
  const staticPublishing = createStaticPublishing(config, {
    db,
    uow,
    events,
    settings,
    sites,
    attachments,
    portal,
    notify,
    logger,
    lock: (siteId, fn) => inProcess(siteId, () => cluster.withLease(`static:${siteId}`, cluster.leaseMs, () => fn())),
  });
  // 网页防篡改, the database half (issue 15 item 3): published items checked against their approved revision.
  const integrity = new IntegrityService(new IntegrityRepository(db, articlesRepo), uow, articles, search, notify);
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
      ...(staticPublishing.enabled ? [staticPublishing.scanJob()] : []),
      integrityJob(integrity, logger),
      housekeepingJob(sessions, db, logger),
      bannerDaysJob(homeParts, logger),
    ],
    logger,
    { leases: cluster.leases, ttlMs: cluster.leaseMs },
  );

  const demo = createDemo({
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
    duties,
    calendar,
    board: async (day) => (await guarantee.status.check(systemActor('demo'), { at: day })).duties,
  });

  const consult = createConsult({ db, uow, articles, blobs });
  // 在线访谈's live entries reach the streams open on the other processes too.
  consult.interviewLive.relay = (interviewId, message) =>
    void cluster.bus
      .publish('live', { interviewId, message })
      .catch((error: unknown) => logger.warn({ err: error }, 'live entry not relayed'));
  cluster.bus.on('live', (p) => {
    const { interviewId, message } = p as { interviewId: number; message: LiveMessage };
    consult.interviewLive.deliver(interviewId, message);
  });
  // The annual report's 征集调查 and 在线访谈 rows come from the consult module (guarantee does not import it).
  guarantee.annual.consultRows = (year, siteId) => consult.consultFigures.figures(year, siteId);

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
    homeParts,
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
    staticPublishing,
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
    corrections,
    revisions,
    worker,
    cluster,
    integrity,
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
