// Contract of the site search's settings (platform/search, modules/portal/search-admin): the
// abbreviation list the office edits. Shared with the admin app as '@contract/search'.

import { z } from 'zod';

const Form = z
  .string()
  .trim()
  .min(1, '不能为空')
  .max(50, '不能超过 50 个字')
  .regex(/[\p{L}\p{N}]/u, '须含有文字或数字');

export const Abbreviation = z.object({
  term: Form,
  expansions: z.array(Form).min(1, '至少填写一个全称').max(10, '全称不能超过 10 个'),
});
export type Abbreviation = z.infer<typeof Abbreviation>;

export const AbbreviationsInput = z.object({
  items: z.array(Abbreviation).max(500, '缩略语不能超过 500 条'),
});
export type AbbreviationsInput = z.infer<typeof AbbreviationsInput>;

export const AbbreviationsReply = z.object({
  items: z.array(Abbreviation),
  /** The list the system ships with, for “恢复默认”. */
  defaults: z.array(Abbreviation),
});
export type AbbreviationsReply = z.infer<typeof AbbreviationsReply>;

export const ReindexReply = z.object({ indexed: z.number().int() });
