import type { Readable } from 'node:stream';
import type { HomeParts, HomePartsInput } from '../../contract/home-parts.js';
import type { AttachmentView } from '../../contract/articles.js';
import type { Logger } from 'pino';
import { type Actor, systemActor } from '../../platform/auth/actor.js';
import type { Job } from '../../platform/jobs/worker.js';
import { authorize } from '../../platform/auth/policy.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import { shanghaiDay } from '../../platform/time.js';
import type { AttachmentsService } from '../content/attachments.service.js';
import type { ColumnsService } from '../sites/columns.service.js';
import type { SitesService } from '../sites/sites.service.js';
import type { BannerRow, HomePartsRepository, PictureItem } from './home-parts.repository.js';

// A site's home-page parts (issue 16 item 4): the 图片新闻 column, the 专题专栏 banners and the 网站链接
// groups. The office edits them on one admin screen and saves them whole; the save is one audited
// event, after which the site's cached pages go (a non-article event clears the site's cache).

/** A banner's public image address: by banner, so the file is public only while a banner shows it. */
export const bannerImageUrl = (b: { id: number }) => `/banners/${b.id}/image`;

const toBanner = (b: BannerRow) => ({
  id: b.id,
  title: b.title,
  linkUrl: b.link_url,
  attachmentId: b.attachment_id,
  imageUrl: `/api/attachments/${b.attachment_id}/download`,
  startsOn: b.starts_on,
  endsOn: b.ends_on,
});

/** Shown today: no start or started, no end or not yet ended (Shanghai days, both inclusive). */
export const bannerShowsOn = (startsOn: string | null, endsOn: string | null, day: string) =>
  (!startsOn || startsOn <= day) && (!endsOn || day <= endsOn);

export class HomePartsService {
  constructor(
    private readonly repo: HomePartsRepository,
    private readonly uow: UnitOfWork,
    private readonly sites: SitesService,
    private readonly columns: ColumnsService,
    private readonly attachments: AttachmentsService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(actor: Actor, siteId: number): Promise<HomeParts> {
    authorize(actor, 'site.read');
    await this.sites.get(actor, siteId);
    return this.read(siteId);
  }

  async save(actor: Actor, siteId: number, input: HomePartsInput): Promise<HomeParts> {
    authorize(actor, 'site.write');
    const site = await this.sites.get(actor, siteId);
    if (input.pictureColumnId !== null) {
      const column = await this.columns.findById(input.pictureColumnId);
      if (!column || column.site_id !== siteId)
        throw new AppError('VALIDATION_FAILED', '图片新闻栏目不属于本站点，请重新选择');
    }
    // Each banner image must be a picture the editor may read (uploaded through 上传附件).
    for (const [i, b] of input.banners.entries()) {
      const file = await this.attachments.get(actor, b.attachmentId);
      if (!file.mime.startsWith('image/'))
        throw new AppError(
          'VALIDATION_FAILED',
          `第 ${i + 1} 个专题专栏的图片“${file.name}”不是图片文件，请上传 JPG、PNG 或 GIF 图片`,
        );
    }
    const createdAt = this.now().toISOString();
    await this.uow.run(async (trx, emit) => {
      const before = await this.read(siteId, trx);
      await this.repo.replace(trx, siteId, {
        pictureColumnId: input.pictureColumnId,
        banners: input.banners.map((b, i) => ({
          title: b.title,
          link_url: b.linkUrl,
          attachment_id: b.attachmentId,
          sort_order: (i + 1) * 10,
          starts_on: b.startsOn,
          ends_on: b.endsOn,
          created_at: createdAt,
        })),
        links: input.linkGroups.flatMap((g, gi) =>
          g.links.map((l, li) => ({
            group_name: g.name,
            group_order: gi + 1,
            name: l.name,
            url: l.url,
            sort_order: li + 1,
          })),
        ),
      });
      const links = input.linkGroups.reduce((n, g) => n + g.links.length, 0);
      await emit({
        type: 'site.home_parts_updated',
        actor,
        entityType: 'site',
        entityId: siteId,
        siteId,
        summary: `修改“${site.name}”首页：专题专栏 ${input.banners.length} 个，网站链接 ${input.linkGroups.length} 组 ${links} 个${input.pictureColumnId === null ? '，不显示图片新闻' : ''}`,
        details: {
          before: { ...before, banners: before.banners.map(({ imageUrl: _, ...b }) => b) },
          after: input,
        },
      });
    });
    return this.read(siteId);
  }

  private async read(siteId: number, db?: Parameters<HomePartsRepository['links']>[1]): Promise<HomeParts> {
    const [pictureColumnId, banners, links] = await Promise.all([
      this.repo.pictureColumnId(siteId, db),
      this.repo.banners(siteId, db),
      this.repo.links(siteId, db),
    ]);
    const groups: HomeParts['linkGroups'] = [];
    for (const l of links) {
      const last = groups.at(-1);
      if (last && last.name === l.group_name) last.links.push({ name: l.name, url: l.url });
      else groups.push({ name: l.group_name, links: [{ name: l.name, url: l.url }] });
    }
    return { siteId, pictureColumnId, banners: banners.map(toBanner), linkGroups: groups };
  }

  // The public site's side: no actor, only what the home page shows today.

  /** The home page's parts as they show today. */
  async shown(siteId: number): Promise<{
    pictureColumnId: number | null;
    banners: Array<{ title: string; url: string; imageUrl: string }>;
    linkGroups: HomeParts['linkGroups'];
  }> {
    const today = shanghaiDay(this.now().toISOString());
    const all = await this.read(siteId);
    return {
      pictureColumnId: all.pictureColumnId,
      banners: all.banners
        .filter((b) => bannerShowsOn(b.startsOn, b.endsOn, today))
        .map((b) => ({ title: b.title, url: b.linkUrl, imageUrl: bannerImageUrl(b) })),
      linkGroups: all.linkGroups,
    };
  }

  pictureItems(siteId: number, columnId: number, limit: number): Promise<PictureItem[]> {
    return this.repo.pictureItems(siteId, columnId, limit);
  }

  /** A banner's image while the banner shows on its site's home page; else null (a 404). */
  async bannerImage(siteId: number, bannerId: number): Promise<{ view: AttachmentView; stream: Readable } | null> {
    const banner = await this.repo.banner(bannerId);
    const today = shanghaiDay(this.now().toISOString());
    if (!banner || banner.site_id !== siteId || !bannerShowsOn(banner.starts_on, banner.ends_on, today)) return null;
    const file = await this.attachments.openShown(banner.attachment_id);
    return file?.view.mime.startsWith('image/') ? file : null;
  }

  /**
   * The day's turn (the `home.banner-days` job): a banner whose first day is today or whose last day
   * was yesterday changes the home page though nobody saved anything. One event per such site clears
   * its cached pages and rewrites its static home page. Once a day per process; a repeat after a
   * restart rewrites nothing (the bytes are the same).
   */
  async rollDay(): Promise<number[]> {
    const now = this.now();
    const today = shanghaiDay(now);
    if (this.rolledFor === today) return [];
    const yesterday = shanghaiDay(new Date(now.getTime() - 86_400_000));
    const siteIds = await this.repo.sitesWithBannerTurning(today, yesterday);
    for (const siteId of siteIds)
      await this.uow.run((_trx, emit) =>
        emit({
          type: 'site.home_banners_rolled',
          actor: systemActor('home.banner-days'),
          entityType: 'site',
          entityId: siteId,
          siteId,
          summary: `${today}：首页专题专栏按设定的起止日期上线或下线`,
        }),
      );
    this.rolledFor = today;
    return siteIds;
  }

  private rolledFor: string | null = null;
}

/** Every 10 minutes, so a banner's day starts showing soon after midnight (Beijing time). */
export function bannerDaysJob(homeParts: HomePartsService, log: Logger): Job {
  return {
    name: 'home.banner-days',
    everyMs: 10 * 60_000,
    run: async () => {
      const sites = await homeParts.rollDay();
      if (sites.length) log.info({ sites }, 'home page banners turned with the day');
    },
  };
}
