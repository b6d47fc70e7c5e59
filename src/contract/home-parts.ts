// Contract of a site's home-page parts (modules/portal/home-parts.*): the 图片新闻 column, the 专题专栏
// banners and the 网站链接 block, edited together on one admin screen and saved whole. Shared with the
// admin app as '@contract/home-parts'.

import { z } from 'zod';
import { Day } from './common.js';

const text = (max: number, what: string) =>
  z.string().trim().min(1, `${what}不能为空`).max(max, `${what}不能超过 ${max} 个字符`);

/** Where a banner or link leads: a full http(s) address or a path on the site (not "//host"). */
const target = (what: string) =>
  text(1000, what)
    .refine((v) => !v.includes('\\'), `${what}不能包含反斜杠“\\”`)
    .refine(
      (v) => /^https?:\/\/[^\s/]+[^\s]*$/i.test(v) || /^\/(?!\/)\S*$/.test(v),
      `${what}须以 http://、https:// 或 /（站内路径）开头`,
    );

export const HomeBannerInput = z
  .object({
    title: text(200, '专题名称'),
    linkUrl: target('专题链接'),
    /** An image uploaded through POST /api/attachments. */
    attachmentId: z.number().int().positive('请上传专题图片'),
    startsOn: Day.nullable().default(null),
    endsOn: Day.nullable().default(null),
  })
  .refine((b) => !b.startsOn || !b.endsOn || b.startsOn <= b.endsOn, {
    message: '结束日期不能早于开始日期',
    path: ['endsOn'],
  });
export type HomeBannerInput = z.infer<typeof HomeBannerInput>;

export const HomeLinkGroupInput = z.object({
  name: text(100, '分组名称'),
  links: z.array(z.object({ name: text(200, '网站名称'), url: target('网站地址') })).max(200, '每组最多 200 个链接'),
});
export type HomeLinkGroupInput = z.infer<typeof HomeLinkGroupInput>;

/** The whole set, in the order shown: banners and groups and links in array order. */
export const HomePartsInput = z.object({
  pictureColumnId: z.number().int().positive().nullable(),
  banners: z.array(HomeBannerInput).max(30, '专题专栏最多 30 个'),
  linkGroups: z.array(HomeLinkGroupInput).max(20, '网站链接最多 20 组'),
});
export type HomePartsInput = z.infer<typeof HomePartsInput>;

// Replies ----------------------------------------------------------------------------------------

export const HomeBanner = z.object({
  id: z.number().int(),
  title: z.string(),
  linkUrl: z.string(),
  attachmentId: z.number().int(),
  /** The admin address of the image (needs a session); the public site serves /banners/<id>.<ext>. */
  imageUrl: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
});
export type HomeBanner = z.infer<typeof HomeBanner>;

export const HomeParts = z.object({
  siteId: z.number().int(),
  pictureColumnId: z.number().int().nullable(),
  banners: z.array(HomeBanner),
  linkGroups: z.array(z.object({ name: z.string(), links: z.array(z.object({ name: z.string(), url: z.string() })) })),
});
export type HomeParts = z.infer<typeof HomeParts>;
