import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import { NoContent } from '../../contract/common.js';
import {
  CalendarDays,
  CalendarOverride,
  CalendarOverrideList,
  ClassesConfirmed,
  ColumnClasses,
  SettingsReply,
} from '../../contract/guarantee.js';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import type { Guarantee } from './guarantee.module.js';
import {
  CalendarQuery,
  ClassConfirmInput,
  ClassInput,
  IdParams,
  OverrideInput,
  OverrideListQuery,
  SettingsInput,
  SiteQuery,
} from './guarantee-status.schemas.js';

// The guarantee's configuration for the admin screens: the thresholds and defaults (settings), the
// columns' national update classes, and the working-day calendar's overrides. Split from
// guarantee-status.routes.ts, which keeps the status, reports, 通报 and figures.

export function guaranteeSettingsRoutes(app: Api, s: { guarantee: Guarantee; calendar: CalendarService }): void {
  const tags = ['内容保障'];
  const g = s.guarantee;
  const read = { permission: 'guarantee.read' as const };
  const write = { permission: 'guarantee.write' as const };
  const readAll = { permission: 'guarantee.read' as const, scope: 'all' as const };

  app.get(
    '/guarantee/settings',
    {
      schema: { tags, summary: '检查参数：更新期限、预警阈值、提醒与督办、外链检测', response: { 200: SettingsReply } },
      config: read,
    },
    (req) => g.settings.get(actorOf(req)),
  );
  app.put(
    '/guarantee/settings',
    {
      schema: {
        tags,
        summary: '修改检查参数（只需提交要修改的部分）',
        body: SettingsInput,
        response: { 200: SettingsReply },
      },
      config: write,
    },
    (req) => g.settings.put(actorOf(req), req.body),
  );

  app.get(
    '/guarantee/classes',
    {
      schema: {
        tags,
        summary: '栏目更新类别：导入建议、现行类别及是否已由网站中心确认',
        querystring: SiteQuery,
        response: { 200: ColumnClasses },
      },
      config: readAll,
    },
    (req) => g.classes.list(actorOf(req), req.query.siteId),
  );
  app.put(
    '/guarantee/classes/:id',
    {
      schema: {
        tags,
        summary: '确定栏目的更新类别（确认或修改导入建议）',
        params: IdParams,
        body: ClassInput,
        response: { 204: NoContent },
      },
      config: write,
    },
    async (req, reply) => {
      await g.classes.set(actorOf(req), req.params.id, req.body.updateClass);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/guarantee/classes/confirm',
    {
      schema: {
        tags,
        summary: '按现行类别确认若干栏目（批量确认导入建议）',
        body: ClassConfirmInput,
        response: { 200: ClassesConfirmed },
      },
      config: write,
    },
    (req) => g.classes.confirm(actorOf(req), req.body.columnIds),
  );

  app.get(
    '/guarantee/calendar',
    {
      schema: {
        tags,
        summary: '工作日历：每天是否上班、来源（国务院安排/管理员调整/周一至周五推定）',
        querystring: CalendarQuery,
        response: { 200: CalendarDays },
      },
      config: read,
    },
    (req) => s.calendar.days(actorOf(req), req.query.from, req.query.to),
  );
  app.get(
    '/guarantee/calendar/overrides',
    {
      schema: {
        tags,
        summary: '管理员录入的日历调整',
        querystring: OverrideListQuery,
        response: { 200: CalendarOverrideList },
      },
      config: read,
    },
    (req) => s.calendar.list(actorOf(req), req.query.year),
  );
  app.put(
    '/guarantee/calendar/overrides',
    {
      schema: {
        tags,
        summary: '设置某天上班或休息（同一天再次设置即修改）',
        body: OverrideInput,
        response: { 200: CalendarOverride },
      },
      config: write,
    },
    (req) => s.calendar.put(actorOf(req), req.body),
  );
  app.delete(
    '/guarantee/calendar/overrides/:id',
    { schema: { tags, summary: '删除一条日历调整', params: IdParams, response: { 204: NoContent } }, config: write },
    async (req, reply) => {
      await s.calendar.remove(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
