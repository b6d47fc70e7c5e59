import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../../platform/config.js';
import type { DB } from '../../platform/db/tables.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { Job } from '../../platform/jobs/worker.js';
import type { GuardedFetcher } from '../../platform/net/guarded-fetch.js';
import type { ArticlesService } from '../content/articles.service.js';
import type { ColumnsService } from '../sites/columns.service.js';
import { CrawlRunner } from './crawl-run.js';
import { CrawlRepository } from './crawl.repository.js';
import { CrawlService } from './crawl.service.js';
import { DEFAULT_CRAWL_LIMITS, PoliteFetcher } from './polite-fetch.js';

/** The crawl module built once (composition root): the polite fetcher is shared, so intervals hold across runs. */
export function createCrawl(deps: {
  db: Kysely<DB>;
  uow: UnitOfWork;
  fetcher: GuardedFetcher;
  articles: ArticlesService;
  columns: ColumnsService;
  limits: Config['crawl'];
  clock?: () => Date;
}) {
  const repo = new CrawlRepository(deps.db);
  const pages = new PoliteFetcher(deps.fetcher, { ...DEFAULT_CRAWL_LIMITS, ...deps.limits });
  const runner = new CrawlRunner(repo, pages, deps.articles, deps.uow, deps.clock);
  const service = new CrawlService(deps.uow, repo, runner, deps.columns, deps.clock);
  return { repo, pages, runner, service };
}

/** The scheduler looks every minute for sources whose interval has passed. */
export function crawlJob(crawl: CrawlService, log: Logger): Job {
  return {
    name: 'crawl.sources',
    everyMs: 60_000,
    run: async () => {
      const results = await crawl.runDue();
      const failed = results.filter((r) => !r.ok);
      if (failed.length)
        log.warn({ failed: failed.map((f) => ({ id: f.id, message: f.message })) }, 'crawl sources failed');
    },
  };
}
