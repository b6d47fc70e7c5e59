import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../../platform/config.js';
import type { DB } from '../../platform/db/tables.js';
import type { EventBus } from '../../platform/events.js';
import type { SearchService } from '../../platform/search/search.js';
import type { ArticlesService } from '../content/articles.service.js';
import type { ColumnsService } from '../sites/columns.service.js';
import type { SitesService } from '../sites/sites.service.js';
import { PageDependents } from './dependents.js';
import { PageCache } from './page-cache.js';
import { PortalPages } from './pages.js';
import { PortalRepository } from './portal.repository.js';
import { PortalService } from './portal.service.js';
import { ThemeRenderer } from './render.js';

export interface Portal {
  cache: PageCache;
  service: PortalService;
  renderer: ThemeRenderer;
  pages: PortalPages;
}

export interface PortalDeps {
  events: EventBus;
  sites: SitesService;
  columns: ColumnsService;
  articles: ArticlesService;
  search: SearchService;
}

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
  deps.events.onCommitted(async (event) => cache.onEvent(event, cache.enabled ? await dependents.of(event) : null));
  const renderer = new ThemeRenderer(config.themesDir, (message) => logger.warn(message));
  return { cache, service, renderer, pages: new PortalPages(service, renderer, cache) };
}
