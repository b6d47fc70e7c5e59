import crypto from 'node:crypto';
import type { DomainEvent } from '../../platform/events.js';

/** A finished public response, ready to be sent again as is. */
export interface CachedPage {
  status: number;
  type: string;
  body: Buffer;
  etag: string;
  location?: string;
}

export interface PageCacheOptions {
  /** Entries older than this are rebuilt; 0 turns the cache off. */
  ttlSeconds: number;
  maxEntries?: number;
  maxBytes?: number;
  now?: () => number;
}

interface Entry {
  siteId: number;
  page: CachedPage;
  storedAt: number;
  /** What the page shows (see dependents.ts); a page without tags goes with any change of its site. */
  tags: readonly string[];
}

/** A render's result: the page, whether it may be kept, and what it shows. */
export interface RenderedPage {
  page: CachedPage;
  cacheable: boolean;
  tags?: readonly string[];
}

interface Memo {
  siteId: number | null;
  value: unknown;
  storedAt: number;
}

// Events that change what public pages show. An article's change clears the pages that show it (the
// tags dependents.ts works out); other changes carrying a siteId clear that site; a unit rename or an
// import carries none and may touch any site, so it clears everything. Site changes clear everything
// too: hosts and the default site decide which site every other host resolves to.
const SITE_SCOPED = ['article.', 'column.'];
const GLOBAL = ['site.', 'unit.', 'import.'];

const MAX_MEMOS = 1000;

/** What to clear after a change, as plain data (other processes are sent it: portal.ts). */
export type PageInvalidation =
  | { kind: 'all' }
  | { kind: 'site'; siteId: number }
  | { kind: 'tags'; siteId: number; tags: readonly string[] };

export function invalidationOf(event: DomainEvent, tags?: readonly string[] | null): PageInvalidation | null {
  if (GLOBAL.some((p) => event.type.startsWith(p))) return { kind: 'all' };
  if (!SITE_SCOPED.some((p) => event.type.startsWith(p))) return null;
  if (event.siteId === undefined) return { kind: 'all' };
  return tags ? { kind: 'tags', siteId: event.siteId, tags } : { kind: 'site', siteId: event.siteId };
}

export const etagOf = (body: Buffer) => `"${crypto.createHash('sha1').update(body).digest('base64url')}"`;

/**
 * Rendered public pages per site, in memory. Invalidation is exact within this process: an article's
 * change clears the pages tagged with what it touches (its page, its columns' lists up the tree, the
 * home blocks and feeds of those columns, its neighbours' and linked items' pages), a column's or a
 * site's change clears the site. With several processes the same clearing is sent to the others
 * through the cluster bus (portal.ts, platform/cluster/bus.ts); the TTL bounds staleness only if that
 * fails, the same window that `Cache-Control` already grants to browsers and proxies.
 *
 * A render that started before an invalidation must not store its (possibly stale) result: each
 * render takes a stamp first, and `set` refuses results stamped before the last invalidation.
 */
export class PageCache {
  private readonly pages = new Map<string, Entry>();
  private readonly memos = new Map<string, Memo>();
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly invalidatedAt = new Map<number, number>();
  private epoch = 0;
  private allInvalidatedAt = 0;
  private bytes = 0;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly now: () => number;

  constructor(options: PageCacheOptions) {
    this.ttlMs = options.ttlSeconds * 1000;
    this.maxEntries = options.maxEntries ?? 5000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.pages.size, bytes: this.bytes };
  }

  /** Taken before rendering; hand it back to `set`. */
  stamp(): number {
    return this.epoch;
  }

  get(siteId: number, key: string): CachedPage | undefined {
    if (!this.enabled) return undefined;
    const k = `${siteId}\u0000${key}`;
    const entry = this.pages.get(k);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt >= this.ttlMs) {
      this.drop(k, entry);
      return undefined;
    }
    // Map order is insertion order: re-inserting makes it the most recently used.
    this.pages.delete(k);
    this.pages.set(k, entry);
    return entry.page;
  }

  set(siteId: number, key: string, page: CachedPage, stamp: number, tags: readonly string[] = []): void {
    if (!this.enabled || this.staleStamp(siteId, stamp)) return;
    const k = `${siteId}\u0000${key}`;
    const old = this.pages.get(k);
    if (old) this.drop(k, old);
    if (page.body.length > this.maxBytes / 8) return; // one huge page must not evict everything else
    this.pages.set(k, { siteId, page, storedAt: this.now(), tags });
    this.bytes += page.body.length;
    for (const [oldest, entry] of this.pages) {
      if (this.pages.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.drop(oldest, entry);
    }
  }

  /** Cached page, or the result of `render` (stored when it returns a page marked cacheable). */
  async page(siteId: number, key: string, render: () => Promise<RenderedPage>): Promise<CachedPage> {
    const hit = this.get(siteId, key);
    if (hit) return hit;
    if (!this.enabled) return (await render()).page;
    const flightKey = `p${siteId}\u0000${key}`;
    const running = this.inflight.get(flightKey) as Promise<CachedPage> | undefined;
    if (running) return running;
    const stamp = this.stamp();
    const work = render().then(({ page, cacheable, tags }) => {
      if (cacheable) this.set(siteId, key, page, stamp, tags);
      return page;
    });
    this.inflight.set(flightKey, work);
    try {
      return await work;
    } finally {
      this.inflight.delete(flightKey);
    }
  }

  /**
   * A value derived from the database (a site's column tree, the site of a host), kept under the
   * same invalidation rules as pages. `siteId` null: depends on all sites.
   */
  async remember<T>(siteId: number | null, key: string, load: () => Promise<T>): Promise<T> {
    if (!this.enabled) return load();
    const memo = this.memos.get(key);
    if (memo && this.now() - memo.storedAt < this.ttlMs) return memo.value as T;
    const flightKey = `m${key}`;
    const running = this.inflight.get(flightKey) as Promise<T> | undefined;
    if (running) return running;
    const stamp = this.stamp();
    const work = load().then((value) => {
      if (!this.staleStamp(siteId, stamp)) {
        // Host keys come from request headers: bounded, and a flood of made-up hosts only drops
        // other host entries, not the site contexts every page needs.
        if (this.memos.size >= MAX_MEMOS) {
          for (const [k, m] of this.memos) if (m.siteId === null) this.memos.delete(k);
          if (this.memos.size >= MAX_MEMOS) this.memos.clear();
        }
        this.memos.set(key, { siteId, value, storedAt: this.now() });
      }
      return value;
    });
    this.inflight.set(flightKey, work);
    try {
      return await work;
    } finally {
      this.inflight.delete(flightKey);
    }
  }

  invalidateSite(siteId: number): void {
    this.invalidatedAt.set(siteId, ++this.epoch);
    for (const [k, entry] of this.pages) if (entry.siteId === siteId) this.drop(k, entry);
    for (const [k, memo] of this.memos) if (memo.siteId === siteId) this.memos.delete(k);
  }

  /**
   * Clear the site's pages tagged with any of `tags`, and its untagged pages. Renders of the site in
   * flight are not stored (they may have read the state before the change), as after invalidateSite.
   */
  invalidateTags(siteId: number, tags: readonly string[]): void {
    this.invalidatedAt.set(siteId, ++this.epoch);
    const hit = new Set(tags);
    for (const [k, entry] of this.pages) {
      if (entry.siteId !== siteId) continue;
      if (entry.tags.length === 0 || entry.tags.some((t) => hit.has(t))) this.drop(k, entry);
    }
  }

  invalidateAll(): void {
    this.allInvalidatedAt = ++this.epoch;
    this.pages.clear();
    this.memos.clear();
    this.bytes = 0;
  }

  /**
   * The after-commit listener (wired in portal.ts). `tags`: what the change touches, when it is an
   * article's change whose reach is known; otherwise the whole site (or every site) is cleared.
   */
  onEvent(event: DomainEvent, tags?: readonly string[] | null): PageInvalidation | null {
    const what = invalidationOf(event, tags);
    if (what) this.apply(what);
    return what;
  }

  /** Clear what a change touched: here, or in another process that heard of it (platform/cluster). */
  apply(what: PageInvalidation): void {
    if (what.kind === 'all') this.invalidateAll();
    else if (what.kind === 'site') this.invalidateSite(what.siteId);
    else this.invalidateTags(what.siteId, what.tags);
  }

  private staleStamp(siteId: number | null, stamp: number): boolean {
    if (stamp < this.allInvalidatedAt) return true;
    if (siteId === null) {
      // Depends on every site: any site's invalidation since the stamp makes it stale.
      for (const at of this.invalidatedAt.values()) if (stamp < at) return true;
      return false;
    }
    return stamp < (this.invalidatedAt.get(siteId) ?? 0);
  }

  private drop(k: string, entry: Entry): void {
    this.pages.delete(k);
    this.bytes -= entry.page.body.length;
  }
}
