import type { Kysely } from 'kysely';
import type { Executor } from '../../platform/db/helpers.js';
import type { DB, HomeBannersTable, HomeLinksTable } from '../../platform/db/tables.js';
import type { Selectable } from 'kysely';

// A site's home-page parts: the 图片新闻 column (a site column), the 专题专栏 banners and the 网站链接
// groups. Saved whole (the admin screen edits them together), so a save replaces the site's rows.

export type BannerRow = Selectable<HomeBannersTable>;
export type LinkRow = Selectable<HomeLinksTable>;

export interface PictureItem {
  id: number;
  title: string;
  publishedAt: string;
  imageId: number;
  imageName: string;
}

export class HomePartsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async pictureColumnId(siteId: number, db: Executor = this.db): Promise<number | null> {
    const row = await db.selectFrom('sites').select('picture_column_id').where('id', '=', siteId).executeTakeFirst();
    return row?.picture_column_id ?? null;
  }

  banners(siteId: number, db: Executor = this.db): Promise<BannerRow[]> {
    return db.selectFrom('home_banners').selectAll().where('site_id', '=', siteId).orderBy('sort_order').execute();
  }

  links(siteId: number, db: Executor = this.db): Promise<LinkRow[]> {
    return db
      .selectFrom('home_links')
      .selectAll()
      .where('site_id', '=', siteId)
      .orderBy('group_order')
      .orderBy('sort_order')
      .execute();
  }

  /** Sites with a banner that starts showing on `today` or stopped after `yesterday` (Shanghai days). */
  async sitesWithBannerTurning(today: string, yesterday: string, db: Executor = this.db): Promise<number[]> {
    const rows = await db
      .selectFrom('home_banners')
      .select('site_id')
      .distinct()
      .where((eb) => eb.or([eb('starts_on', '=', today), eb('ends_on', '=', yesterday)]))
      .execute();
    return rows.map((r) => r.site_id);
  }

  async banner(id: number, db: Executor = this.db): Promise<BannerRow | undefined> {
    return db.selectFrom('home_banners').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async replace(
    trx: Executor,
    siteId: number,
    parts: {
      pictureColumnId: number | null;
      banners: Array<Omit<BannerRow, 'id' | 'site_id'>>;
      links: Array<Omit<LinkRow, 'id' | 'site_id'>>;
    },
  ): Promise<void> {
    await trx.updateTable('sites').set({ picture_column_id: parts.pictureColumnId }).where('id', '=', siteId).execute();
    await trx.deleteFrom('home_banners').where('site_id', '=', siteId).execute();
    await trx.deleteFrom('home_links').where('site_id', '=', siteId).execute();
    // One row at a time: a handful of rows, and MySQL's multi-row insert gives no ids back anyway.
    for (const b of parts.banners)
      await trx
        .insertInto('home_banners')
        .values({ ...b, site_id: siteId })
        .execute();
    for (const l of parts.links)
      await trx
        .insertInto('home_links')
        .values({ ...l, site_id: siteId })
        .execute();
  }

  /**
   * The newest published items of a column (its subtree, through the listings) that carry a picture:
   * a current image file of the item. One picture per item, the first in the item's order.
   */
  async pictureItems(siteId: number, columnId: number, limit: number): Promise<PictureItem[]> {
    const rows = await this.db
      .selectFrom('column_listings')
      .innerJoin('articles', 'articles.id', 'column_listings.article_id')
      .select(['articles.id', 'articles.title', 'articles.published_at', 'articles.created_at'])
      .where('column_listings.column_id', '=', columnId)
      .where('articles.site_id', '=', siteId)
      .where('articles.status', '=', 'published')
      .where('articles.link_url', 'is', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('attachments')
            .select('attachments.id')
            .whereRef('attachments.article_id', '=', 'articles.id')
            .where('attachments.kind', '=', 'file')
            .where('attachments.retired_at', 'is', null)
            .where('attachments.mime', 'like', 'image/%'),
        ),
      )
      .orderBy('column_listings.published_at', 'desc')
      .orderBy('column_listings.article_id', 'desc')
      .limit(limit)
      .execute();
    if (!rows.length) return [];
    const images = await this.db
      .selectFrom('attachments')
      .select(['id', 'article_id', 'original_name', 'sort_order'])
      .where(
        'article_id',
        'in',
        rows.map((r) => r.id),
      )
      .where('kind', '=', 'file')
      .where('retired_at', 'is', null)
      .where('mime', 'like', 'image/%')
      .orderBy('sort_order')
      .orderBy('id')
      .execute();
    const first = new Map<number, { id: number; name: string }>();
    for (const i of images)
      if (i.article_id !== null && !first.has(i.article_id))
        first.set(i.article_id, { id: i.id, name: i.original_name });
    return rows.flatMap((r) => {
      const img = first.get(r.id);
      return img
        ? [
            {
              id: r.id,
              title: r.title,
              publishedAt: r.published_at ?? r.created_at,
              imageId: img.id,
              imageName: img.name,
            },
          ]
        : [];
    });
  }
}
