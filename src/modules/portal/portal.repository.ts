import type { Kysely } from 'kysely';
import { chunk, type Executor, inSnapshot } from '../../platform/db/helpers.js';
import type { Article, DB } from '../../platform/db/tables.js';
import { pageShown, rangeOf } from './list-pages.js';

// The public read model. Every query here names status = 'published' itself: the public site has no
// actor and no scope, so this file is the one place that decides what a visitor can see.

export interface PublishedItem {
  id: number;
  title: string;
  summary: string | null;
  columnId: number;
  publishedAt: string;
  isTop: boolean;
}

export interface SearchRow {
  id: number;
  title: string;
  text: string;
  columnId: number;
  publishedAt: string;
}

const ITEM_FIELDS = [
  'articles.id',
  'articles.title',
  'articles.summary',
  'articles.column_id',
  'articles.published_at',
  'articles.created_at',
  'articles.is_top',
] as const;

type ItemRow = Pick<Article, 'id' | 'title' | 'summary' | 'column_id' | 'published_at' | 'created_at' | 'is_top'>;

const toItem = (r: ItemRow): PublishedItem => ({
  id: r.id,
  title: r.title,
  summary: r.summary,
  columnId: r.column_id,
  // A published row always has its publish time; created_at only guards a hand-edited database.
  publishedAt: r.published_at ?? r.created_at,
  isTop: Number(r.is_top) === 1,
});

function published(db: Executor, siteId: number) {
  return db.selectFrom('articles').where('articles.site_id', '=', siteId).where('articles.status', '=', 'published');
}

export class PortalRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * A page of a column's list, in the order it shows (pinned first, newest first): the column's kept
   * count says which page a request shows and where its block lies (list-pages.ts), then the block is
   * one range of the listings' index (content/listings.repository.ts). Both reads share one snapshot:
   * a publish committed between them would shift an archive page's block by one item, and a file or
   * cached page rendered so stays wrong, since no later change names that page. The listings hold
   * published items only; the join says so again, as every query of this file does.
   */
  async listPage(
    siteId: number,
    columnId: number,
    requested: number,
  ): Promise<{ items: PublishedItem[]; total: number; page: number }> {
    return inSnapshot(this.db, async (trx) => {
      const total = await this.listedCount(columnId, trx);
      const page = pageShown(requested, total);
      const { limit, offset } = rangeOf(page, total);
      const rows = await this.pageQuery(trx, siteId, columnId, limit, offset).execute();
      return { items: rows.map(toItem), total, page };
    });
  }

  async latestInColumn(siteId: number, columnId: number, limit: number): Promise<PublishedItem[]> {
    return (await this.pageQuery(this.db, siteId, columnId, limit, 0).execute()).map(toItem);
  }

  /**
   * A deferred join: the page's listing rows are found in the listings' index alone, skipped rows
   * included, and only the page's own rows are joined to articles. Joining first would read every
   * skipped article row too, so a deep page of a large column cost a row read per item skipped
   * (bench/RESULTS.md, public pages at 100,000 and 1,000,000 articles).
   */
  private pageQuery(db: Executor, siteId: number, columnId: number, limit: number, offset: number) {
    const keys = db
      .selectFrom('column_listings')
      .select(['article_id', 'is_top', 'published_at'])
      .where('column_id', '=', columnId)
      .orderBy('is_top', 'desc')
      .orderBy('published_at', 'desc')
      .orderBy('article_id', 'desc')
      .limit(limit)
      .offset(offset);
    return db
      .selectFrom(keys.as('l'))
      .innerJoin('articles', 'articles.id', 'l.article_id')
      .select(ITEM_FIELDS)
      .where('articles.site_id', '=', siteId)
      .where('articles.status', '=', 'published')
      .orderBy('l.is_top', 'desc')
      .orderBy('l.published_at', 'desc')
      .orderBy('l.article_id', 'desc');
  }

  /** The article if it is published on this site; drafts, offline items and other sites' items are not found. */
  publishedArticle(siteId: number, id: number): Promise<Article | undefined> {
    return published(this.db, siteId).selectAll('articles').where('articles.id', '=', id).executeTakeFirst();
  }

  /**
   * The older and the newer neighbour in the article's home column, by publish time then id. Each is
   * two index lookups — a tie at the same second first, else the nearest time — rather than one query
   * with an OR, which no database answers from the index: it scanned every item newer (or older) than
   * the article, tens of milliseconds for an old article in a large column.
   */
  async neighbours(
    a: Pick<Article, 'id' | 'site_id' | 'column_id' | 'published_at'>,
  ): Promise<{ older?: PublishedItem; newer?: PublishedItem }> {
    if (!a.published_at) return {};
    const at = a.published_at;
    const base = () => published(this.db, a.site_id).select(ITEM_FIELDS).where('articles.column_id', '=', a.column_id);
    const nearest = async (direction: 'older' | 'newer') => {
      const before = direction === 'older';
      const tie = await base()
        .where('articles.published_at', '=', at)
        .where('articles.id', before ? '<' : '>', a.id)
        .orderBy('articles.id', before ? 'desc' : 'asc')
        .limit(1)
        .executeTakeFirst();
      if (tie) return tie;
      return base()
        .where('articles.published_at', before ? '<' : '>', at)
        .orderBy('articles.published_at', before ? 'desc' : 'asc')
        .orderBy('articles.id', before ? 'desc' : 'asc')
        .limit(1)
        .executeTakeFirst();
    };
    const [older, newer] = await Promise.all([nearest('older'), nearest('newer')]);
    return { older: older && toItem(older), newer: newer && toItem(newer) };
  }

  /**
   * Text of a search page's articles; only this site's published ones come back. Read by their keys
   * alone, the site and status tested here: with those in the query, PostgreSQL without fresh
   * statistics of `articles` (after a bulk import) walked the site's whole index for ten ids (80 ms at
   * 100k articles, the most of a search; bench/RESULTS.md).
   */
  async searchRows(siteId: number, ids: readonly number[]): Promise<SearchRow[]> {
    const out: SearchRow[] = [];
    for (const part of chunk(ids)) {
      const rows = await this.db
        .selectFrom('articles')
        .select([
          'articles.id',
          'articles.site_id',
          'articles.status',
          'articles.title',
          'articles.body_text',
          'articles.column_id',
          'articles.published_at',
          'articles.created_at',
        ])
        .where('articles.id', 'in', part)
        .execute();
      for (const r of rows)
        if (Number(r.site_id) === siteId && r.status === 'published')
          out.push({
            id: r.id,
            title: r.title,
            text: r.body_text,
            columnId: r.column_id,
            publishedAt: r.published_at ?? r.created_at,
          });
    }
    return out;
  }

  /** Every published article of a site for sitemap.xml, newest first (the protocol allows 50,000 URLs per file). */
  async sitemapArticles(siteId: number, limit = 50_000): Promise<Array<{ id: number; lastModified: string }>> {
    const rows = await published(this.db, siteId)
      .select(['articles.id', 'articles.published_at', 'articles.updated_at'])
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      lastModified: r.updated_at > (r.published_at ?? '') ? r.updated_at : (r.published_at ?? r.updated_at),
    }));
  }

  /**
   * What an article's public appearance hangs on: its site, home column, extra columns (一文多发) and
   * the items linked to it either way (a policy and its 解读 show each other's titles). Any status.
   */
  async articleReach(id: number): Promise<{ siteId: number; columnIds: number[]; linkedIds: number[] } | undefined> {
    const a = await this.db
      .selectFrom('articles')
      .select(['site_id', 'column_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!a) return undefined;
    const [extra, links] = await Promise.all([
      this.db.selectFrom('article_columns').select('column_id').where('article_id', '=', id).execute(),
      this.db
        .selectFrom('article_relations')
        .select(['policy_id', 'interpretation_id'])
        .where((eb) => eb.or([eb('policy_id', '=', id), eb('interpretation_id', '=', id)]))
        .execute(),
    ]);
    return {
      siteId: a.site_id,
      columnIds: [a.column_id, ...extra.map((r) => r.column_id)],
      linkedIds: links.map((r) => (r.policy_id === id ? r.interpretation_id : r.policy_id)),
    };
  }

  /**
   * How many published items each column lists (its whole subtree, as its list page counts them), for
   * the 目录 tree: the kept counts of the listings, one read per 500 columns.
   */
  async listedCounts(columnIds: readonly number[], db: Executor = this.db): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (const part of chunk(columnIds)) {
      if (!part.length) continue;
      const rows = await db
        .selectFrom('column_listing_counts')
        .select(['column_id', 'listed'])
        .where('column_id', 'in', part)
        .execute();
      for (const r of rows) out.set(r.column_id, Number(r.listed));
    }
    return out;
  }

  /** How many published items a column lists (its subtree included): its kept count. */
  async listedCount(columnId: number, db: Executor = this.db): Promise<number> {
    return (await this.listedCounts([columnId], db)).get(columnId) ?? 0;
  }

  /**
   * Where an item stands in each column's list, counted from the oldest: how many listed items come
   * before it in the list's order (is_top, published_at, id), whether it is listed or not (a taken-down
   * item keeps its publish time, so the place it left is found too). Null when it was never published.
   */
  async olderInColumns(articleId: number, columnIds: readonly number[]): Promise<Map<number, number> | null> {
    const a = await this.db
      .selectFrom('articles')
      .select(['is_top', 'published_at'])
      .where('id', '=', articleId)
      .executeTakeFirst();
    if (!a?.published_at) return null;
    const top = Number(a.is_top) === 1;
    const at = a.published_at;
    const out = new Map<number, number>();
    for (const columnId of columnIds) {
      const row = await this.db
        .selectFrom('column_listings')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('column_id', '=', columnId)
        .where((eb) =>
          eb.or([
            ...(top ? [eb('is_top', '=', 0)] : []),
            eb.and([
              eb('is_top', '=', top ? 1 : 0),
              eb.or([
                eb('published_at', '<', at),
                eb.and([eb('published_at', '=', at), eb('article_id', '<', articleId)]),
              ]),
            ]),
          ]),
        )
        .executeTakeFirst();
      out.set(columnId, Number(row?.n ?? 0));
    }
    return out;
  }

  /** The full name of a unit (发布机构); articles carry only the short name in their view. */
  async unitName(unitId: number): Promise<string | undefined> {
    return (await this.db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst())?.name;
  }
}
