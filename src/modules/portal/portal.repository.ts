import type { Kysely } from 'kysely';
import { chunk, type Executor } from '../../platform/db/helpers.js';
import type { Article, DB } from '../../platform/db/tables.js';

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
   * A page of a column's list, in the order it shows (pinned first, newest first): one range of the
   * listings' index (content/listings.repository.ts), and the column's kept count. The listings hold
   * published items only; the join says so again, as every query of this file does.
   */
  async listInColumn(
    siteId: number,
    columnId: number,
    page: { limit: number; offset: number },
  ): Promise<{ items: PublishedItem[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.latestQuery(siteId, columnId).limit(page.limit).offset(page.offset).execute(),
      this.db.selectFrom('column_listing_counts').select('listed').where('column_id', '=', columnId).executeTakeFirst(),
    ]);
    return { items: rows.map(toItem), total: Number(total?.listed ?? 0) };
  }

  async latestInColumn(siteId: number, columnId: number, limit: number): Promise<PublishedItem[]> {
    return (await this.latestQuery(siteId, columnId).limit(limit).execute()).map(toItem);
  }

  private latestQuery(siteId: number, columnId: number) {
    return this.db
      .selectFrom('column_listings')
      .innerJoin('articles', 'articles.id', 'column_listings.article_id')
      .select(ITEM_FIELDS)
      .where('column_listings.column_id', '=', columnId)
      .where('articles.site_id', '=', siteId)
      .where('articles.status', '=', 'published')
      .orderBy('column_listings.is_top', 'desc')
      .orderBy('column_listings.published_at', 'desc')
      .orderBy('column_listings.article_id', 'desc');
  }

  /** The article if it is published on this site; drafts, offline items and other sites' items are not found. */
  publishedArticle(siteId: number, id: number): Promise<Article | undefined> {
    return published(this.db, siteId).selectAll('articles').where('articles.id', '=', id).executeTakeFirst();
  }

  /** The older and the newer neighbour in the article's home column, by publish time. */
  async neighbours(
    a: Pick<Article, 'id' | 'site_id' | 'column_id' | 'published_at'>,
  ): Promise<{ older?: PublishedItem; newer?: PublishedItem }> {
    if (!a.published_at) return {};
    const at = a.published_at;
    const base = () => published(this.db, a.site_id).select(ITEM_FIELDS).where('articles.column_id', '=', a.column_id);
    const [older, newer] = await Promise.all([
      base()
        .where((eb) =>
          eb.or([
            eb('articles.published_at', '<', at),
            eb.and([eb('articles.published_at', '=', at), eb('articles.id', '<', a.id)]),
          ]),
        )
        .orderBy('articles.published_at', 'desc')
        .orderBy('articles.id', 'desc')
        .limit(1)
        .executeTakeFirst(),
      base()
        .where((eb) =>
          eb.or([
            eb('articles.published_at', '>', at),
            eb.and([eb('articles.published_at', '=', at), eb('articles.id', '>', a.id)]),
          ]),
        )
        .orderBy('articles.published_at', 'asc')
        .orderBy('articles.id', 'asc')
        .limit(1)
        .executeTakeFirst(),
    ]);
    return { older: older && toItem(older), newer: newer && toItem(newer) };
  }

  /** Text of candidate articles, for confirming search hits; only this site's published ones come back. */
  async searchRows(siteId: number, ids: readonly number[]): Promise<SearchRow[]> {
    const out: SearchRow[] = [];
    for (const part of chunk(ids)) {
      const rows = await published(this.db, siteId)
        .select([
          'articles.id',
          'articles.title',
          'articles.body_text',
          'articles.column_id',
          'articles.published_at',
          'articles.created_at',
        ])
        .where('articles.id', 'in', part)
        .execute();
      for (const r of rows)
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

  /** The full name of a unit (发布机构); articles carry only the short name in their view. */
  async unitName(unitId: number): Promise<string | undefined> {
    return (await this.db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst())?.name;
  }
}
