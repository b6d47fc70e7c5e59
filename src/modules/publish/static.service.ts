import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { systemActor } from '../../platform/auth/actor.js';
import type { DomainEvent } from '../../platform/events.js';
import type { ProgressFn } from '../../platform/jobs/progress.js';
import type { PageDependents } from '../portal/dependents.js';
import { NEWEST, SPAN } from '../portal/list-pages.js';
import type { SiteContext } from '../portal/portal.models.js';
import type { SiteView } from '../sites/sites.repository.js';
import type { SitesService } from '../sites/sites.service.js';
import type { StaticWriteLock } from './static.lock.js';
import { relOf, relPathOf, targetOf, type Target } from './static.paths.js';
import type { RenderedFile, StaticRenderer } from './static.render.js';
import type { StaticRepository } from './static.repository.js';
import type { StaticWriter } from './static.writer.js';

// Exact regeneration. A committed change is turned into the files that show it — the tags of
// portal/dependents.ts, looked up in the record of written files (the pages that showed the item)
// and worked out anew (the pages that show it now: its page, its columns' list pages and feeds up the
// tree, its new neighbours and linked items, its files) — and only those are rendered; a file whose
// bytes did not change is not touched, and a file the portal no longer answers is removed. Changes
// the cache clears a whole site for (a move, a column, a site, a unit, a big import) regenerate the
// site, which still writes only the files that changed. Work runs after commit, queued and merged
// per site, one writer per site at a time (StaticWriteLock).

const PUBLISHER = systemActor('static-publish');
/** Sites and units show on every page of every site (hosts, names, 发布机构). */
const ALL_SITES = ['site.', 'unit.'];
/** Site events whose change shows on the site's home page alone (home-parts.service.ts). */
const HOME_ONLY = new Set(['site.home_parts_updated', 'site.home_banners_rolled']);
/** A batch of a full regeneration holds the site's lock this long at most (the guard's restores interleave). */
const BATCH = 50;
/** An import of more items than this regenerates its sites instead of item by item. */
const MANY = 200;

interface Prepared {
  rel: string;
  target: Target | null;
  file: RenderedFile | null;
}

type Applied = RegenerationSummary & { shows: number[] };

interface Pending {
  full: boolean;
  events: DomainEvent[];
}

export interface RegenerationSummary {
  rendered: number;
  written: number;
  removed: number;
}

export class StaticPublisher {
  private readonly pending = new Map<number, Pending>();
  private allPending = false;
  private draining: Promise<void> | null = null;

  constructor(
    private readonly repo: StaticRepository,
    private readonly writer: StaticWriter,
    private readonly renderer: StaticRenderer,
    private readonly sites: SitesService,
    private readonly dependents: PageDependents,
    private readonly lock: StaticWriteLock,
    private readonly log: Logger,
  ) {}

  /** The hook for one writer per site (a database lease when several processes write: static.lock.ts). */
  withStaticWriteLock<T>(siteId: number, fn: () => Promise<T>): Promise<T> {
    return this.lock(siteId, fn);
  }

  /** The after-commit listener: queue what the change needs regenerated and return at once. */
  onEvent(event: DomainEvent): void {
    if (HOME_ONLY.has(event.type) && event.siteId !== undefined) this.queue(event.siteId, event);
    else if (ALL_SITES.some((p) => event.type.startsWith(p))) this.allPending = true;
    else if (event.type.startsWith('import.')) {
      const ids = event.data?.articleIds;
      if (!Array.isArray(ids) || ids.length > MANY) this.allPending = true;
      else
        for (const id of ids)
          this.queue(undefined, { ...event, type: 'article.published', entityType: 'article', entityId: Number(id) });
    } else if (event.type.startsWith('column.')) {
      if (event.siteId === undefined) this.allPending = true;
      else this.queue(event.siteId, null);
    } else if (event.type.startsWith('article.') && event.entityType === 'article') this.queue(event.siteId, event);
    else return;
    this.kick();
  }

  /** Queue a regeneration of every site (start-up after an upgrade or a theme change). */
  requestAll(): void {
    this.allPending = true;
    this.kick();
  }

  /** Resolves when every queued regeneration has run (tests, the CLI before it closes the database). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Regenerate every site (and drop the files of sites that are gone); unchanged files stay as they are. */
  async regenerateAll(progress?: ProgressFn): Promise<RegenerationSummary> {
    const sum: RegenerationSummary = { rendered: 0, written: 0, removed: 0 };
    const sites = await this.sites.list(PUBLISHER);
    for (const site of sites) add(sum, await this.regenerateSite(site, progress));
    const live = new Set(sites.map((s) => s.id));
    for (const siteId of await this.repo.recordedSites()) {
      if (live.has(siteId)) continue;
      for (const r of await this.repo.all(siteId)) {
        await this.lock(siteId, () => this.writer.remove(r.path));
        sum.removed++;
      }
    }
    return sum;
  }

  /** Every file of one site rendered; recorded files no longer answered are removed. */
  async regenerateSite(site: SiteView, progress?: ProgressFn): Promise<RegenerationSummary> {
    const ctx = await this.renderer.context(site);
    const targets = await this.renderer.allTargets(ctx);
    const wanted = new Set(targets.map((t) => relPathOf(site.code, t)));
    // Recorded files outside the set (an old page number, a taken-down item, a renamed site code) are
    // rendered too: the render says whether they still exist (one published meanwhile does).
    const leftovers = (await this.repo.all(site.id)).map((r) => r.path).filter((p) => !wanted.has(p));
    const sum: RegenerationSummary = { rendered: 0, written: 0, removed: 0 };
    const total = targets.length + leftovers.length;
    let done = 0;
    const items: Array<Target | string> = [...targets, ...leftovers];
    for (let k = 0; k < items.length; k += BATCH) {
      const part = items.slice(k, k + BATCH);
      await this.lock(site.id, async () => {
        // The context may have changed while the lock was elsewhere (a column event queues its own run).
        const fresh = await this.renderer.context(site);
        for (const item of part) add(sum, await this.apply(fresh, site, item));
      });
      done += part.length;
      progress?.(done, total, `正在生成“${site.name}”的静态页面：${done}/${total}`);
    }
    return sum;
  }

  /**
   * `govportal publish --all`: regenerate (one site or all), then remove files in the folder that are
   * not in the record (left by hand, by an older layout, by a crashed write).
   */
  async rebuild(site: SiteView | null, progress?: ProgressFn): Promise<RegenerationSummary & { strays: number }> {
    const sum = site ? await this.regenerateSite(site, progress) : await this.regenerateAll(progress);
    const recorded = new Set((await this.repo.all(site?.id)).map((r) => r.path));
    const top = site ? path.join(this.writer.root, site.code) : this.writer.root;
    let strays = 0;
    const entries = fs.existsSync(top) ? await fs.promises.readdir(top, { recursive: true, withFileTypes: true }) : [];
    for (const e of entries) {
      if (e.isDirectory()) continue;
      const full = path.join(e.parentPath, e.name);
      if (recorded.has(relOf(this.writer.root, full))) continue;
      await fs.promises.rm(full, { force: true });
      await this.writer.pruneEmpty(path.dirname(full));
      strays++;
    }
    return { ...sum, strays };
  }

  /** Render the file at a recorded or wanted path again and write it (the guard's restore: `force`). */
  async regeneratePath(site: SiteView, rel: string, force: boolean): Promise<'written' | 'unchanged' | 'removed'> {
    const ctx = await this.renderer.context(site);
    const r = await this.apply(ctx, site, rel, force);
    return r.written ? 'written' : r.removed ? 'removed' : 'unchanged';
  }

  /** Remove a file and its record without rendering (a file of a site that no longer exists). */
  forget(rel: string): Promise<void> {
    return this.writer.remove(rel);
  }

  private queue(siteId: number | undefined, event: DomainEvent | null): void {
    // An imported item's site is found when the queue runs (`-1`: not known yet).
    const key = siteId ?? -1;
    const p = this.pending.get(key) ?? { full: false, events: [] };
    if (event === null) p.full = true;
    else p.events.push(event);
    this.pending.set(key, p);
  }

  private kick(): void {
    if (this.draining) return;
    this.draining = (async () => {
      try {
        while (this.allPending || this.pending.size) await this.drainOnce();
      } finally {
        this.draining = null;
      }
    })();
  }

  private async drainOnce(): Promise<void> {
    if (this.allPending) {
      this.allPending = false;
      this.pending.clear();
      await this.guarded('全部站点', () => this.regenerateAll());
      return;
    }
    const [siteKey, work] = this.pending.entries().next().value as [number, Pending];
    this.pending.delete(siteKey);
    if (siteKey === -1) {
      // Imported items: their sites, then each site's items as ordinary changes.
      const bySite = await this.repo.sitesOf(work.events.map((e) => Number(e.entityId)));
      for (const e of work.events) {
        const siteId = bySite.get(Number(e.entityId));
        if (siteId !== undefined) this.queue(siteId, { ...e, siteId });
      }
      return;
    }
    const site = await this.sites.findById(siteKey);
    if (!site) {
      this.allPending = true; // a deleted site: its files go with the next full run
      return;
    }
    if (work.full) {
      await this.guarded(site.name, () => this.regenerateSite(site));
      return;
    }
    await this.guarded(site.name, async () => {
      const sum: RegenerationSummary = { rendered: 0, written: 0, removed: 0 };
      const touched = await this.itemsOf(site, work.events);
      if (touched === null) return this.regenerateSite(site);
      const { items, changed } = touched;
      await this.lock(site.id, async () => {
        const ctx = await this.renderer.context(site);
        const done = new Set<string>();
        const queue: Array<Target | string> = [...items];
        while (queue.length) {
          const item = queue.shift()!;
          const rel = typeof item === 'string' ? item : relPathOf(site.code, item);
          if (done.has(rel)) continue;
          done.add(rel);
          const r = await this.apply(ctx, site, item);
          add(sum, r);
          // A changed item's page names its neighbours and linked items now; their pages name it back.
          if (typeof item !== 'string' && item.kind === 'article' && changed.has(item.id))
            for (const id of r.shows) queue.push({ kind: 'article', id });
        }
      });
      return sum;
    });
  }

  /**
   * The files a batch of article changes touches, or null when only the whole site is safe. Drafts
   * and other items never published show nowhere and cost nothing.
   */
  private async itemsOf(
    site: SiteView,
    events: DomainEvent[],
  ): Promise<{ items: Array<Target | string>; changed: Set<number> } | null> {
    const ctx = await this.renderer.context(site);
    const out: Array<Target | string> = [];
    const articleIds = new Set<number>();
    const tags = new Set<string>();
    for (const event of events) {
      if (HOME_ONLY.has(event.type)) {
        out.push({ kind: 'home' });
        continue;
      }
      const id = Number(event.entityId);
      const showing = await this.repo.pathsTagged(site.id, [`a:${id}`]);
      const online = await this.repo.isPublished(id);
      if (!online && showing.length === 0) continue; // a draft: not on the public site, not before either
      const touched = await this.dependents.of(event);
      if (touched === null) return null;
      articleIds.add(id);
      // A home column's neighbour tag stands for every item page of the column: static publishing
      // follows the items a page names instead (the `a:` tags pages.ts records), far fewer files.
      for (const t of touched) if (!t.startsWith('nb:')) tags.add(t);
    }
    if (articleIds.size === 0) return { items: out, changed: articleIds };
    out.push(...(await this.repo.pathsTagged(site.id, [...tags])));
    out.push(...(await this.listPages(ctx, tags)));
    for (const id of articleIds) out.push({ kind: 'article', id });
    out.push(...(await this.renderer.fileTargets(site.id, [...articleIds])));
    return { items: out, changed: articleIds };
  }

  /**
   * The list pages the tags of a change name, as they are now: each listing column's newest page and
   * feed, the archive pages named (`cp:`) or all of them (`ca:`), and recorded archive pages past the
   * last one (a take-down closed them; several may in one batch).
   */
  private async listPages(ctx: SiteContext, tags: ReadonlySet<string>): Promise<Array<Target | string>> {
    const named = new Map<number, Set<number> | 'all'>();
    for (const t of tags) {
      const m = /^(c|ca|cp):(\d+)(?::(\d+))?$/.exec(t);
      if (!m) continue;
      const id = Number(m[2]);
      const pages = named.get(id) ?? new Set<number>();
      if (m[1] === 'ca') named.set(id, 'all');
      else if (pages !== 'all') {
        if (m[3]) pages.add(Number(m[3]));
        named.set(id, pages);
      }
    }
    const out: Array<Target | string> = [];
    for (const [id, pages] of named) {
      const columns = ctx.columns.filter((c) => (c.sourceColumnId ?? c.id) === id);
      if (!columns.length) continue;
      const last = await this.renderer.archiveCount(ctx, columns[0]!.path);
      const recorded = new Map<string, number>();
      for (const rel of await this.repo.pathsTagged(ctx.site.id, [`ca:${id}`])) {
        const t = targetOf(rel)?.target;
        if (t?.kind === 'column') recorded.set(rel, t.page);
      }
      // The recorded pages tell how many archive pages there were: when a batch of changes opened or
      // closed some, the pagers of the pages before the old and new ends change too.
      const was = Math.max(0, ...recorded.values());
      const edge = was === last ? [] : [Math.min(was, last) - SPAN, Math.max(was, last)];
      const wanted = (n: number) =>
        pages === 'all' || pages.has(n) || (edge.length > 0 && n >= edge[0]! && n <= edge[1]!);
      for (const c of columns) {
        out.push({ kind: 'column', path: c.path, page: NEWEST });
        if (c.kind === 'link' || c.kind === 'page') continue;
        out.push({ kind: 'rss', path: c.path });
        for (let n = 1; n <= last; n++) if (wanted(n)) out.push({ kind: 'column', path: c.path, page: n });
      }
      for (const [rel, n] of recorded) if (n > last) out.push(rel);
    }
    return out;
  }

  /** Render one file and write or remove it; `shows`: the other items a rendered article page names. */
  private async apply(ctx: SiteContext, site: SiteView, item: Target | string, force = false): Promise<Applied> {
    return this.write(site, await this.prepare(ctx, site, item), force);
  }

  /** The rendering half (reads only). */
  private async prepare(ctx: SiteContext, site: SiteView, item: Target | string): Promise<Prepared> {
    const rel = typeof item === 'string' ? item : relPathOf(site.code, item);
    const parsed = typeof item === 'string' ? targetOf(item) : { siteCode: site.code, target: item };
    const target = parsed && parsed.siteCode === site.code ? parsed.target : null;
    return { rel, target, file: target ? await this.renderer.render(ctx, target) : null };
  }

  /** The writing half, one file after another (the record is written in order). */
  private async write(site: SiteView, p: Prepared, force = false): Promise<Applied> {
    if (!p.file) {
      const recorded = await this.repo.find(p.rel);
      if (recorded) await this.writer.remove(p.rel);
      return { rendered: 1, written: 0, removed: recorded ? 1 : 0, shows: [] };
    }
    const result = await this.writer.put(site.id, p.rel, p.file.body, p.file.tags, force);
    const self = p.target?.kind === 'article' ? `a:${p.target.id}` : null;
    const shows = self
      ? p.file.tags.filter((t) => t.startsWith('a:') && t !== self).map((t) => Number(t.slice(2)))
      : [];
    return { rendered: 1, written: result === 'written' ? 1 : 0, removed: 0, shows };
  }

  private async guarded(what: string, work: () => Promise<RegenerationSummary>): Promise<void> {
    try {
      const sum = await work();
      this.log.debug({ what, ...sum }, 'static files regenerated');
    } catch (error) {
      // The change is committed; the files catch up with the next change, the guard's scan or a rebuild.
      this.log.error({ err: error, what }, '静态页面生成失败');
    }
  }
}

function add(sum: RegenerationSummary, r: RegenerationSummary): void {
  sum.rendered += r.rendered;
  sum.written += r.written;
  sum.removed += r.removed;
}
