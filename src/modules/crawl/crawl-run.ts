import crypto from 'node:crypto';
import { systemActor } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/db/helpers.js';
import { htmlToText } from '../../platform/html/sanitize.js';
import { shanghaiDay } from '../../platform/time.js';
import { FetchError } from '../../platform/net/guarded-fetch.js';
import type { RunResult } from '../../contract/crawl.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { ArticlesService } from '../content/articles.service.js';
import { ArticleInput } from '../content/content.schemas.js';
import type { CrawlRepository } from './crawl.repository.js';
import { extractBody, looksLikeFeed, parseFeed, parseList, type Entry, type Parsed } from './parse.js';
import { CrawlRefusal, type PoliteFetcher } from './polite-fetch.js';

// One run of one source: read the list page or feed, keep what is new (by URL and by content), make
// each new entry an item of the column, and record the source's health and a line in its log.
// Every new item is saved on its own, so a failure later in a run loses nothing already received; a
// failure of the whole run is a line in the log and a count of consecutive failures, never an exception
// that stops the poller.

export interface SourceSettings {
  url: string;
  kind: string;
  mode: string;
  link_selector: string | null;
  title_selector: string | null;
  date_selector: string | null;
  body_selector: string | null;
}

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
export const urlHash = (url: string) => sha(url);
/** Same title and same text (or, for a link, same day) is the same item, whatever address it moved to. */
export function contentHash(e: Entry, bodyHtml: string | null): string {
  const body = bodyHtml ? htmlToText(bodyHtml).replace(/\s+/g, '') : (e.publishedAt?.slice(0, 10) ?? '');
  return sha(`${e.title.replace(/\s+/g, '')}\n${body}`);
}

const crawler = systemActor('crawler');

export class CrawlRunner {
  private readonly running = new Set<number>();

  constructor(
    private readonly repo: CrawlRepository,
    private readonly pages: PoliteFetcher,
    private readonly articles: ArticlesService,
    private readonly uow: UnitOfWork,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The list page or feed as entries (used by a run and by 试抓取). */
  async read(s: SourceSettings): Promise<Parsed & { charset: string; finalUrl: string }> {
    const page = await this.pages.page(s.url);
    const max = this.pages.limits.maxEntries;
    const asFeed = s.kind === 'feed';
    if (asFeed && !looksLikeFeed(page.text)) throw new CrawlRefusal('不是 RSS 或 Atom 订阅源（没有 rss、feed 根元素）');
    const parsed = asFeed
      ? parseFeed(page.text, page.finalUrl, max)
      : parseList(
          page.text,
          page.finalUrl,
          { link: s.link_selector ?? 'a', title: s.title_selector, date: s.date_selector },
          max,
        );
    if (!parsed.entries.length)
      throw new CrawlRefusal(
        asFeed
          ? '订阅源中没有可用的条目（缺少标题或链接）'
          : parsed.total
            ? `选择器“${s.link_selector}”匹配到 ${parsed.total} 个元素，但其中没有带标题的链接`
            : `页面中没有与选择器“${s.link_selector}”匹配的链接（页面可能已改版或不是有效的 HTML）`,
      );
    return { ...parsed, charset: page.charset, finalUrl: page.finalUrl };
  }

  async run(sourceId: number): Promise<RunResult> {
    const source = await this.repo.get({ kind: 'all' }, sourceId);
    if (!source) return { ok: false, found: 0, added: 0, message: '抓取源不存在' };
    if (this.running.has(sourceId)) return { ok: false, found: 0, added: 0, message: '该抓取源正在抓取中' };
    this.running.add(sourceId);
    const started = Date.now();
    const at = nowIso(this.clock);
    let result: RunResult;
    try {
      result = await this.collect(source, at);
      await this.repo.update(this.repo.db, sourceId, {
        last_run_at: at,
        last_success_at: at,
        consecutive_failures: 0,
        last_error: null,
      });
    } catch (error) {
      const message = reason(error);
      result = { ok: false, found: 0, added: 0, message };
      await this.repo.update(this.repo.db, sourceId, {
        last_run_at: at,
        consecutive_failures: source.consecutive_failures + 1,
        last_error: message.slice(0, 1000),
      });
    } finally {
      this.running.delete(sourceId);
    }
    await this.repo.log(this.repo.db, {
      source_id: sourceId,
      at,
      ok: result.ok ? 1 : 0,
      found: result.found,
      added: result.added,
      message: result.message,
      duration_ms: Date.now() - started,
    });
    return result;
  }

  private async collect(
    source: NonNullable<Awaited<ReturnType<CrawlRepository['get']>>>,
    at: string,
  ): Promise<RunResult> {
    const parsed = await this.read(source);
    const notes: string[] = [];
    if (parsed.total > parsed.entries.length)
      notes.push(
        `页面共有 ${parsed.total} 条，超过每次 ${this.pages.limits.maxEntries} 条的上限，只处理了前 ${parsed.entries.length} 条`,
      );
    const known = await this.repo.known(
      source.id,
      parsed.entries.map((e) => urlHash(e.url)),
      [],
    );
    // Oldest first, so items enter the column in the order the department published them.
    const fresh = parsed.entries.filter((e) => !known.urls.has(urlHash(e.url))).reverse();
    let added = 0;
    let duplicates = 0;
    for (const entry of fresh) {
      try {
        const body = source.mode === 'full' ? await this.bodyOf(source, entry) : null;
        const hash = contentHash(entry, body);
        const seen = await this.repo.known(source.id, [], [hash]);
        if (seen.contents.has(hash)) {
          duplicates++;
          continue;
        }
        // The draft and its crawl_items row in one transaction: a crash between the two would otherwise
        // leave a draft the next run does not know about, and it would be taken again.
        await this.uow.run(async (trx, emit) => {
          const article = await this.articles.createIn(
            trx,
            emit,
            crawler,
            ArticleInput.parse({
              columnId: source.column_id,
              unitId: source.unit_id,
              title: entry.title,
              bodyHtml: body ?? '',
              linkUrl: source.mode === 'link' ? entry.url : null,
              source: source.unit_name.slice(0, 200),
              channel: 'crawl',
              // What the department's page says; the rest of the metadata is the unit's to fill before review.
              disclosure: {
                issuer: source.unit_name.slice(0, 200),
                writtenOn: entry.publishedAt ? shanghaiDay(entry.publishedAt) : null,
              },
            }),
          );
          await this.repo.insertItem(trx, {
            source_id: source.id,
            url: entry.url.slice(0, 1000),
            url_hash: urlHash(entry.url),
            content_hash: hash,
            title: entry.title,
            published_at: entry.publishedAt,
            article_id: article.id,
            created_at: at,
          });
        });
        added++;
      } catch (error) {
        notes.push(`“${entry.title.slice(0, 60)}”未能收录：${reason(error)}`);
      }
    }
    const dates = parsed.entries.map((e) => e.publishedAt).filter((d): d is string => !!d);
    const newest = [source.newest_item_at, ...dates, ...(added && !dates.length ? [at] : [])]
      .filter((d): d is string => !!d)
      .sort()
      .at(-1);
    if (newest && newest !== source.newest_item_at)
      await this.repo.update(this.repo.db, source.id, { newest_item_at: newest > at ? at : newest });
    if (duplicates) notes.push(`${duplicates} 条内容与已收录的相同（地址不同），未重复收录`);
    const message = [`读取 ${parsed.entries.length} 条（${parsed.charset}），新增 ${added} 条`, ...notes].join('；');
    return { ok: true, found: parsed.entries.length, added, message: message.slice(0, 4000) };
  }

  /** Full mode: the feed's own content, or the item's page read with the body selector. */
  private async bodyOf(source: SourceSettings, entry: Entry): Promise<string> {
    if (source.kind === 'feed' && entry.bodyHtml) return entry.bodyHtml;
    if (!source.body_selector) throw new CrawlRefusal('订阅源条目没有正文，且未设置正文选择器');
    const page = await this.pages.page(entry.url);
    const body = extractBody(page.text, source.body_selector);
    if (!body?.trim()) throw new CrawlRefusal(`页面中没有与正文选择器“${source.body_selector}”匹配的内容`);
    return body;
  }
}

export function reason(error: unknown): string {
  if (error instanceof CrawlRefusal || error instanceof FetchError) return error.message;
  const e = error as { message?: string };
  return `处理失败（${String(e?.message ?? error).slice(0, 300)}）`;
}
