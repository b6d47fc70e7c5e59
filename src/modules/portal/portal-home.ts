import type { HomePartsService } from './home-parts.service.js';
import { articleUrl, dayOf, isExternalUrl, type SiteContext } from './portal.models.js';

// The home page's parts beyond the column blocks (issue 16 item 4): 图片新闻 (the newest items with a
// picture in the site's chosen column, shown as a carousel that works without JavaScript), 专题专栏
// banners and the 网站链接 block, all managed from the admin app (home-parts.service.ts).

export const PICTURE_NEWS_LIMIT = 5;

export interface HomeExtrasModel {
  pictures: {
    title: string;
    url: string;
    slides: Array<{ n: number; title: string; url: string; date: string; imageUrl: string }>;
  } | null;
  banners: Array<{ title: string; url: string; imageUrl: string; external: boolean }>;
  linkGroups: Array<{ name: string; links: Array<{ name: string; url: string; external: boolean }> }>;
  /** The column whose items the carousel shows (a cache tag of the home page). */
  pictureColumnId: number | null;
}

export async function homeExtras(ctx: SiteContext, parts: HomePartsService | undefined): Promise<HomeExtrasModel> {
  const none = { pictures: null, banners: [], linkGroups: [], pictureColumnId: null };
  if (!parts) return none;
  const shown = await parts.shown(ctx.site.id);
  const column = shown.pictureColumnId === null ? undefined : ctx.byId.get(shown.pictureColumnId);
  const items = column ? await parts.pictureItems(ctx.site.id, column.id, PICTURE_NEWS_LIMIT) : [];
  return {
    pictures:
      column && items.length
        ? {
            title: column.name,
            url: `/c/${column.path}/`,
            slides: items.map((i, k) => ({
              n: k + 1,
              title: i.title,
              url: articleUrl(i.id),
              date: dayOf(i.publishedAt),
              imageUrl: `/files/${i.imageId}/${encodeURIComponent(i.imageName)}`,
            })),
          }
        : null,
    banners: shown.banners.map((b) => ({ ...b, external: isExternalUrl(b.url) })),
    linkGroups: shown.linkGroups.map((g) => ({
      name: g.name,
      links: g.links.map((l) => ({ ...l, external: isExternalUrl(l.url) })),
    })),
    pictureColumnId: column?.id ?? null,
  };
}
