import { z } from 'zod';
import { isDay } from '../../platform/calendar/days.js';
import { CADENCES, CHANNELS } from './requirement.js';

const id = z.coerce.number().int().positive('编号无效');
// PostgreSQL refuses NUL in text; other control characters have no place in these fields either.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const text = (max: number) =>
  z
    .string()
    .max(max, `不能超过 ${max} 个字符`)
    .refine((v) => !CONTROL.test(v), '不能包含控制字符');

export const IdParams = z.object({ id });

export const DutyListQuery = z.object({
  siteId: id.optional().describe('站点'),
  columnId: id.optional().describe('栏目'),
  unitId: id.optional().describe('单位：含其所属类别分组承担的保障责任'),
});
export type DutyListQuery = z.infer<typeof DutyListQuery>;

export const PartyInput = z
  .object({
    unitId: z.number().int().positive().nullable().optional(),
    groupId: z.number().int().positive().nullable().optional(),
    role: z.enum(['lead', 'cooperate']).default('lead').describe('lead 牵头，cooperate 配合'),
    label: text(200).trim().optional().describe('清单原文中的写法；不填则用单位简称或分组名称'),
  })
  .refine((p) => !(p.unitId && p.groupId), { message: '一个保障方只能是单位或单位分组之一', path: ['groupId'] })
  .refine((p) => p.unitId || p.groupId || p.label, { message: '请选择单位或单位分组，或填写名称', path: ['unitId'] });
export type PartyInput = z.infer<typeof PartyInput>;

const requirementText = text(500).trim().min(1, '请填写相关要求');

const dutyFields = {
  requirementText: requirementText.describe('相关要求原文，如 工作日报送至邮箱，每周至少一篇'),
  cadence: z.enum(CADENCES).optional().describe('不填则从相关要求解析'),
  minPerWeek: z.number().int().min(1, '每周篇数至少为 1').max(50, '每周篇数不能超过 50').nullable().optional(),
  channel: z.enum(CHANNELS).optional().describe('不填则从相关要求解析'),
  note: text(2000).trim().nullable().optional(),
  effectiveFrom: z
    .string()
    .refine(isDay, '生效日期须为 YYYY-MM-DD 格式的有效日期')
    .optional()
    .describe('生效日期：此前的时段不考核（显示“未生效”）；新建时不填则为当天'),
  parties: z.array(PartyInput).max(100),
};

export const DutyInput = z.object({
  columnId: z.number().int().positive(),
  ...dutyFields,
  parties: dutyFields.parties.default([]),
});
export type DutyInput = z.infer<typeof DutyInput>;

// Built from the fields, not DutyInput.partial(): zod 4 still applies defaults inside partial(), and a
// patch without parties must keep them, not replace them with none.
export const DutyPatch = z.object(dutyFields).partial();
export type DutyPatch = z.infer<typeof DutyPatch>;

export const ParseInput = z.object({
  requirementText: text(500),
  responsibleText: text(1000).optional(),
  columnName: text(200).trim().optional(),
});
export type ParseInput = z.infer<typeof ParseInput>;

export const ImportQuery = z.object({
  siteId: id.optional().describe('目标站点；不填则为默认站点'),
  effective: z
    .string()
    .refine(isDay, '生效日期须为 YYYY-MM-DD 格式的有效日期')
    .optional()
    .describe('清单的生效日期：新建的保障责任自该日起考核；不填则为导入当天，已有责任的生效日期不变'),
  apply: z.enum(['true', 'false']).default('false').describe('false：只预览将发生的变更；true：导入'),
});
