import { PeriodReport } from '../../contract/guarantee-period.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import { FileBytes } from '../../contract/common.js';
import {
  AnnualFigures,
  Coverage,
  DutyStatusDetail,
  MonthFigures,
  ProbeResults,
  StatusBoard,
  UnitOverview,
} from '../../contract/guarantee-reports.js';
import { Bulletin, BulletinList, DutyParams, IndicatorHistory, NoticeList, Trend } from '../../contract/guarantee.js';
import { notFound } from '../../platform/errors.js';
import { sendFile, shownWhenHtml, XLSX } from '../../platform/http/file-reply.js';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import type { Guarantee } from './guarantee.module.js';
import {
  AnnualQuery,
  BulletinInput,
  BulletinListQuery,
  DownloadParams,
  DutyParamsInput,
  DutyStatusQuery,
  IdParams,
  IndicatorHistoryQuery,
  MonthParams,
  NoticeQuery,
  OverviewQuery,
  RangeQuery,
  SiteQuery,
  StatusQuery,
  TrendQuery,
} from './guarantee-status.schemas.js';

// The content-guarantee API for the admin screens: status board, a unit's own view, trends, reports,
// the 通报 archive, the annual figures, coverage (the thresholds, update classes and calendar are in
// guarantee-settings.routes.ts). Thin: each route
// validates, names its permission and calls one service method.

export function guaranteeStatusRoutes(app: Api, s: { guarantee: Guarantee; calendar: CalendarService }): void {
  const tags = ['内容保障'];
  const g = s.guarantee;
  const read = { permission: 'guarantee.read' as const };
  const write = { permission: 'guarantee.write' as const };
  // County-wide summaries: a unit's guarantee.read (its own unit) is not enough.
  const readAll = { permission: 'guarantee.read' as const, scope: 'all' as const };

  app.get(
    '/guarantee/status',
    {
      schema: {
        tags,
        summary: '状态看板：每项保障责任的状态（达标/即将到期/未达标）及说明、站点单项否决指标',
        querystring: StatusQuery,
        response: { 200: StatusBoard },
      },
      config: read,
    },
    (req) => g.status.check(actorOf(req), req.query),
  );
  app.get(
    '/guarantee/duties/:id/status',
    {
      schema: {
        tags,
        summary: '一项保障责任的状态、说明和计入的信息',
        params: IdParams,
        querystring: DutyStatusQuery,
        response: { 200: DutyStatusDetail },
      },
      config: read,
    },
    async (req) => {
      const r = await g.status.check(actorOf(req), { ...req.query, dutyId: req.params.id, withItems: true });
      if (!r.duties[0]) throw notFound('保障责任');
      return { day: r.day, final: r.final, calendarNotes: r.calendarNotes, duty: r.duties[0] };
    },
  );
  app.get(
    '/guarantee/duties/:id/params',
    {
      schema: { tags, summary: '保障责任的考核参数（含默认值）', params: IdParams, response: { 200: DutyParams } },
      config: read,
    },
    (req) => g.settings.dutyParams(actorOf(req), req.params.id),
  );
  app.put(
    '/guarantee/duties/:id/params',
    {
      schema: {
        tags,
        summary: '修改保障责任的考核参数（未填写的项恢复默认）',
        params: IdParams,
        body: DutyParamsInput,
        response: { 200: DutyParams },
      },
      config: write,
    },
    (req) => g.settings.putDutyParams(actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/guarantee/report',
    {
      schema: {
        tags,
        summary:
          '时段统计：每项计数类责任应考核、达标、未达标的工作日或周（按单位考核的分单位）；动态维护栏目的最近更新',
        querystring: RangeQuery,
        response: { 200: PeriodReport },
      },
      config: read,
    },
    (req) => g.report.period(actorOf(req), req.query),
  );
  app.get(
    '/guarantee/months/:month',
    {
      schema: {
        tags,
        summary: '某月各单位报送、采用、达标与迟报情况及排名（通报的数据，不存档）',
        params: MonthParams,
        querystring: SiteQuery,
        response: { 200: MonthFigures },
      },
      config: read,
    },
    async (req) => {
      const m = await g.report.month(actorOf(req), req.params.month, req.query.siteId);
      return { month: m.month, from: m.from, to: m.to, until: m.until, calendarNotes: m.calendarNotes, units: m.units };
    },
  );
  app.get(
    '/guarantee/overview',
    {
      schema: {
        tags,
        summary: '单位视图：本单位的保障责任状态、本月情况和收到的提醒（单位账号固定为本单位）',
        querystring: OverviewQuery,
        response: { 200: UnitOverview },
      },
      config: read,
    },
    (req) => g.overview.unit(actorOf(req), req.query.unitId, req.query.at),
  );
  app.get(
    '/guarantee/trend',
    {
      schema: {
        tags,
        summary: '趋势：各单位每周发布、报送、采用数量（周以周一日期表示）',
        querystring: TrendQuery,
        response: { 200: Trend },
      },
      config: read,
    },
    (req) => g.overview.trend(actorOf(req), req.query),
  );
  app.get(
    '/guarantee/notices',
    {
      schema: {
        tags,
        summary: '已发送的内容保障提醒与督办记录',
        querystring: NoticeQuery,
        response: { 200: NoticeList },
      },
      config: read,
    },
    (req) => g.notices.list(actorOf(req), req.query),
  );
  app.get(
    '/guarantee/indicators',
    {
      schema: {
        tags,
        summary: '每日记录的站点单项否决指标',
        querystring: IndicatorHistoryQuery,
        response: { 200: IndicatorHistory },
      },
      config: read,
    },
    (req) => g.status.history(actorOf(req), req.query),
  );

  app.get(
    '/guarantee/bulletins',
    {
      schema: { tags, summary: '月度通报存档列表', querystring: BulletinListQuery, response: { 200: BulletinList } },
      config: read,
    },
    (req) => g.bulletins.list(actorOf(req), req.query),
  );
  app.post(
    '/guarantee/bulletins',
    {
      schema: {
        tags,
        summary: '生成并存档某月通报（XLSX、HTML、PDF）',
        body: BulletinInput,
        response: { 201: Bulletin },
      },
      config: write,
    },
    async (req, reply) => reply.code(201).send(await g.bulletins.generate(actorOf(req), req.body)),
  );
  app.get(
    '/guarantee/bulletins/:id/:format',
    {
      schema: {
        tags,
        summary: '下载存档的通报（xlsx、html 或 pdf）',
        params: DownloadParams,
        response: { 200: FileBytes },
      },
      config: read,
    },
    async (req, reply) => {
      const f = await g.bulletins.download(actorOf(req), req.params.id, req.params.format);
      return sendFile(reply, { mime: f.mime, name: f.filename }, f.bytes, shownWhenHtml(req.params.format));
    },
  );

  app.get(
    '/guarantee/annual',
    {
      schema: {
        tags,
        summary: '政府网站工作年度报表中系统可统计的数据',
        querystring: AnnualQuery,
        response: { 200: AnnualFigures },
      },
      config: read,
    },
    (req) => g.annual.figures(actorOf(req), req.query.year, req.query.siteId),
  );
  app.get(
    '/guarantee/annual/xlsx',
    {
      schema: { tags, summary: '导出年度报表数据（XLSX）', querystring: AnnualQuery, response: { 200: FileBytes } },
      config: read,
    },
    async (req, reply) => {
      const f = await g.annual.xlsx(actorOf(req), req.query.year, req.query.siteId);
      return sendFile(reply, { mime: XLSX, name: f.filename }, f.bytes);
    },
  );
  app.get(
    '/guarantee/coverage',
    {
      schema: {
        tags,
        summary: '人员与覆盖情况：缺分管领导或信息员的单位、无保障单位的栏目、保障单位无可用账号的责任',
        querystring: SiteQuery,
        response: { 200: Coverage },
      },
      config: readAll,
    },
    (req) => g.coverage.report(actorOf(req), req.query.siteId),
  );
  app.post(
    '/guarantee/links/check',
    {
      schema: { tags, summary: '立即检测外链栏目的链接地址', body: SiteQuery, response: { 200: ProbeResults } },
      config: write,
    },
    (req) => g.links.checkAll(actorOf(req), req.body.siteId),
  );
}
