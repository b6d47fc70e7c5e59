import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../../platform/config.js';
import type { DB } from '../../platform/db/tables.js';
import type { ClusterBus } from '../../platform/cluster/bus.js';
import type { EventBus } from '../../platform/events.js';
import type { SearchService } from '../../platform/search/search.js';
import type { ArticlesService } from '../content/articles.service.js';
import type { ColumnsService } from '../sites/columns.service.js';
import type { SitesService } from '../sites/sites.service.js';
import { PageDependents } from './dependents.js';
import { PageCache, type PageInvalidation } from './page-cache.js';
import { PortalPages } from './pages.js';
import { CatalogueReader } from './portal-catalogue.js';
import type { HomePartsService } from './home-parts.service.js';
import { PortalRepository } from './portal.repository.js';
import { PortalService } from './portal.service.js';
import { ThemeRenderer } from './render.js';

export interface Portal {
  cache: PageCache;
  service: PortalService;
  renderer: ThemeRenderer;
  pages: PortalPages;
  /** The same pages rendered through another cache (static publishing records each render's tags). */
  pagesWith(cache: PageCache): PortalPages;
  /** What an article's change touches (static publishing regenerates the same set, modules/publish). */
  dependents: PageDependents;
}

export interface PortalDeps {
  events: EventBus;
  sites: SitesService;
  columns: ColumnsService;
  articles: ArticlesService;
  search: SearchService;
  /** Other processes on the same database: told what this one cleared, and heard in turn. */
  bus?: ClusterBus;
  /** The home page's banners, picture news and links (absent: the home page shows the column blocks only). */
  homeParts?: HomePartsService;
}

/** The cluster bus channel of public page invalidations. */
const PAGES_CHANNEL = 'pages';

/** The public site's parts, wired once in the composition root. */
export function createPortal(config: Config, db: Kysely<DB>, logger: Logger, deps: PortalDeps): Portal {
  const cache = new PageCache({ ttlSeconds: config.publicCacheSeconds });
  const repo = new PortalRepository(db);
  const service = new PortalService(repo, deps.sites, deps.columns, deps.articles, deps.search, cache);
  const dependents = new PageDependents(repo, async (siteId) => {
    const site = await deps.sites.findById(siteId);
    return site && service.contextOf(site);
  });
  // After commit, never inside the transaction: a rolled-back change must not empty the cache, and a
  // reader must not refill it with the old content before the new one is visible.
  deps.events.onCommitted(async (event) => {
    const cleared = cache.onEvent(event, cache.enabled ? await dependents.of(event) : null);
    if (cleared) await deps.bus?.publish(PAGES_CHANNEL, cleared);
  });
  deps.bus?.on(PAGES_CHANNEL, (payload) => cache.apply(payload as PageInvalidation));
  const renderer = new ThemeRenderer(config.themesDir, (message) => logger.warn(message));
  const catalogue = new CatalogueReader(repo);
  const pagesWith = (through: PageCache) => new PortalPages(service, renderer, through, catalogue, deps.homeParts);
  return { cache, service, renderer, pages: pagesWith(cache), pagesWith, dependents };
}
