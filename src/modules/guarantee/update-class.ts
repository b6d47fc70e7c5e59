import type { ColumnKind, UpdateClass } from '../sites/sites.schemas.js';

// The national update class a column most likely falls in, from its name and where it sits (普查 and
// 2019 检查指标, national-rules §1.2): 动态/要闻 within 2 weeks; 通知公告, 政策文件 within 6 months; 人事,
// 规划计划 within a year, and 财政预决算 and 年报 (published once a year) likewise; 机构职能, 领导信息,
// 概况 and the like only must not be blank. Pure, so the table can be read and tested on its own. What
// it cannot tell it leaves null: the import lists those columns and the office decides.

const INTERACTION_ROOT = '政民互动';
/** Sections whose columns describe rather than report (走进涟水, 领导之窗): no window. */
const BASIC_PLACE = /^(?:走进|概况|领导之窗|领导信息)/;

// Order matters: a 服务清单及指南 is a service, not a 指南; a 政府信息公开年报 is yearly, not basic.
const RULES: ReadonlyArray<[RegExp, UpdateClass]> = [
  [/公共服务|行政审批|服务清单|办事/, 'service'],
  [/动态|新闻|头条|要闻|传递|工作进展/, 'news'],
  [/公告|公示|通知|文件|规章|规范性|政策|解读/, 'notice'],
  [/预决算|财政|年报|年度报告|工作报告|代表建议|委员提案/, 'annual'],
  [/人事|任免|规划|计划/, 'personnel'],
  [/概况|区划|沿革|领导|机构|职能|指南|制度|依申请/, 'basic'],
];

export function proposeUpdateClass(names: readonly string[], kind: ColumnKind): UpdateClass | null {
  const name = names.at(-1)!;
  if (names[0] === INTERACTION_ROOT && names.length > 1) return 'interaction';
  if (kind === 'topic') return 'topic';
  if (kind === 'link') return 'link';
  for (const [re, cls] of RULES) if (re.test(name)) return cls;
  if (names.slice(0, -1).some((n) => BASIC_PLACE.test(n))) return 'basic';
  return null;
}
