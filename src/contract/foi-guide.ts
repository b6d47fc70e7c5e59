import { z } from 'zod';
import { optionalText } from './foi-text.js';

/**
 * A unit's 政府信息公开指南 as its public 依申请公开 page shows it (条例第十二条: how its information is
 * arranged, how to get it, and its office's name, address, hours, phone, fax and internet contact).
 * The guide's text is plain text: paragraphs separated by empty lines, printed escaped.
 */
export const UnitGuide = z.object({
  officeName: optionalText(200, '受理机构名称'),
  address: optionalText(300, '办公地址'),
  hours: optionalText(300, '办公时间'),
  phone: optionalText(64, '咨询电话'),
  postcode: optionalText(16, '邮政编码'),
  fax: optionalText(64, '传真'),
  email: z
    .string()
    .trim()
    .max(200, '电子邮箱不能超过 200 个字')
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(v), '请填写正确的电子邮箱地址'),
  guideText: optionalText(20000, '指南正文'),
});
export type UnitGuide = z.infer<typeof UnitGuide>;
export type UnitGuideInput = z.input<typeof UnitGuide>;

/** The guide as stored, for the admin screen (empty fields null; never saved yet: updatedAt null). */
export const UnitGuideView = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  officeName: z.string().nullable(),
  address: z.string().nullable(),
  hours: z.string().nullable(),
  phone: z.string().nullable(),
  postcode: z.string().nullable(),
  fax: z.string().nullable(),
  email: z.string().nullable(),
  guideText: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type UnitGuideView = z.infer<typeof UnitGuideView>;
