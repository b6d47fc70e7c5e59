import { z } from 'zod';
import { isDay } from '../../platform/calendar/days.js';
import { UPDATE_CLASSES } from '../sites/sites.schemas.js';

// Schemas of the guarantee status, report, 通报, calendar and settings endpoints.

const id = z.coerce.number().int().positive('编号无效');
export const Day = z.string().refine(isDay, '日期须为 YYYY-MM-DD 格式的有效日期');
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份须为 YYYY-MM 格式');
const Year = z.coerce.number().int().min(2000, '年份无效').max(2100, '年份无效');
const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const IdParams = z.object({ id });

export const StatusQuery = z.object({
  at: Day.optional().describe('检查日期，默认今天（北京时间）'),
  final: Flag.optional().describe('true：按该日日终判断；默认过去的日期按日终、今天按当前'),
  siteId: id.optional(),
  unitId: id.optional().describe('只看某单位承担的保障责任（单位账号固定为本单位）'),
  columnId: id.optional(),
  updateClass: z.enum(UPDATE_CLASSES).optional().describe('栏目更新类别'),
  status: z.enum(['met', 'due_soon', 'breached', 'not_in_force']).optional(),
  withItems: Flag.optional().describe('true：附上计入的信息和报送'),
});

export const DutyStatusQuery = z.object({ at: Day.optional(), final: Flag.optional() });

export const RangeQuery = z.object({ from: Day, to: Day, siteId: id.optional() });
export const TrendQuery = z.object({
  from: Day.optional(),
  to: Day.optional(),
  siteId: id.optional(),
  unitId: id.optional(),
});
export const OverviewQuery = z.object({ unitId: id.optional(), at: Day.optional() });
export const MonthParams = z.object({ month: Month });
export const SiteQuery = z.object({ siteId: id.optional() });
export const BulletinListQuery = z.object({ siteId: id.optional(), year: Year.optional() });
export const BulletinInput = z.object({ month: Month, siteId: z.number().int().positive().optional() });
export const DownloadParams = z.object({ id, format: z.enum(['xlsx', 'html', 'pdf']) });
export const AnnualQuery = z.object({ year: Year, siteId: id.optional() });
export const NoticeQuery = z.object({
  unitId: id.optional(),
  level: z.enum(['due_soon', 'breached', 'escalated', 'indicator']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const IndicatorHistoryQuery = z.object({ siteId: id.optional(), from: Day.optional(), to: Day.optional() });

export const CalendarQuery = z.object({ from: Day, to: Day });
export const OverrideListQuery = z.object({ year: Year.optional() });
export const OverrideInput = z.object({
  day: Day,
  workday: z.boolean().describe('true：上班；false：休息'),
  name: z.string().trim().min(1, '请填写名称，如 春节、国庆节调休上班').max(50, '名称不能超过 50 个字符'),
  note: z.string().trim().max(500).nullable().optional(),
});

const WindowSchema = z
  .object({
    days: z.number().int().min(1).max(3660).optional(),
    months: z.number().int().min(1).max(120).optional(),
    warnDays: z.number().int().min(0).max(365),
  })
  .refine((w) => (w.days === undefined) !== (w.months === undefined), {
    message: '更新期限须填写天数或月数之一',
    path: ['days'],
  });

export const DutyParamsInput = z.object({
  minCount: z.number().int().min(1, '至少为 1').max(100).optional(),
  perUnit: z.boolean().optional(),
  countStates: z.enum(['all', 'adopted']).optional(),
  workdaysOnly: z.boolean().optional(),
  window: WindowSchema.nullable().optional(),
  failuresToBreach: z.number().int().min(1).max(50).optional(),
});
export type DutyParamsInput = z.infer<typeof DutyParamsInput>;

export const ClassInput = z.object({
  updateClass: z.enum(UPDATE_CLASSES).nullable().describe('栏目更新类别；null：不分类，只检查是否空白'),
});
export const ClassConfirmInput = z.object({
  columnIds: z.array(z.number().int().positive()).min(1, '请选择栏目').max(5000),
});

const limit = (max: number) => z.number().int().min(0).max(max);
export const SettingsInput = z.object({
  windows: z.partialRecord(z.enum(UPDATE_CLASSES), WindowSchema.nullable()).optional(),
  indicators: z
    .object({
      homePage: z.object({ limitDays: limit(365), warnDays: limit(365) }).optional(),
      staleColumns: z
        .object({ limit: limit(1000), warnAbove: limit(1000), newsDays: limit(365), noticeMonths: limit(60) })
        .optional(),
      overdueColumns: z.object({ limit: limit(1000), warnAbove: limit(1000) }).optional(),
      blankColumns: z.object({ limit: limit(1000), warnAbove: limit(1000) }).optional(),
      interaction: z.object({ months: limit(60) }).optional(),
      unreachable: z
        .object({
          limitPercent: z.number().min(0.1, '不能小于 0.1').max(100, '不能超过 100'),
          warnPercent: z.number().min(0, '不能小于 0').max(100, '不能超过 100'),
          probesPerDay: z.number().int().min(20, '每天至少监测 20 次（国家检查指标）').max(288, '每天最多 288 次'),
          timeoutSeconds: z.number().int().min(15, '至少等待 15 秒（国家检查指标）').max(120, '不能超过 120 秒'),
        })
        .optional(),
    })
    .optional(),
  notices: z
    .object({ hour: z.number().int().min(0).max(23), escalateAfterWorkdays: limit(60), sendDueSoon: z.boolean() })
    .optional(),
  links: z
    .object({ timeoutMs: z.number().int().min(1000).max(120_000), failuresToBreach: z.number().int().min(1).max(50) })
    .optional(),
});
export type SettingsInput = z.infer<typeof SettingsInput>;
