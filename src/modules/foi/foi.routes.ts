import { NoContent } from '../../contract/common.js';
import {
  ActionInput,
  AnnualQuery,
  AnnualTable,
  AppealsInput,
  ApplicationDetail,
  ApplicationList,
  ApplicationParams,
  ApplicationsQuery,
  FileBytes,
  FileParams,
  FoiFile,
  HandlingUnits,
  OverdueList,
  NoticeParams,
  Registered,
  RegisterApplication,
  UnitGuide,
  UnitGuideView,
} from '../../contract/foi.js';
import { sendFile, shownWhenHtml, XLSX } from '../../platform/http/file-reply.js';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import { uploadedFile } from '../../platform/http/upload.js';
import type { FoiReportsService } from './foi-reports.service.js';
import type { FoiService } from './foi.service.js';
import type { FoiDeadlines } from './foi-deadlines.js';

// The admin API of 依申请公开: thin routes, one service call each.
export function foiRoutes(
  app: Api,
  s: { foi: FoiService; foiReports: FoiReportsService; foiDeadlines: FoiDeadlines },
): void {
  const tags = ['依申请公开'];
  const read = { permission: 'foi.read' as const };
  const handle = { permission: 'foi.handle' as const };
  const report = { permission: 'foi.report' as const };

  app.get(
    '/foi/units',
    { schema: { tags, summary: '受理依申请公开的单位', response: { 200: HandlingUnits } }, config: report },
    async () => ({ items: await s.foi.handlingUnits() }),
  );
  app.get(
    '/foi/overdue',
    {
      schema: { tags, summary: '超期未答复的申请（按单位计数，用于保障看板）', response: { 200: OverdueList } },
      config: { permission: 'guarantee.read' as const },
    },
    (req) => s.foiDeadlines.overdueFor(actorOf(req)),
  );
  app.get(
    '/foi/applications',
    {
      schema: {
        tags,
        summary: '政府信息公开申请列表',
        querystring: ApplicationsQuery,
        response: { 200: ApplicationList },
      },
      config: read,
    },
    (req) => s.foi.list(actorOf(req), req.query),
  );
  app.post(
    '/foi/applications',
    {
      schema: {
        tags,
        summary: '登记纸质、信函或当面提交的申请',
        body: RegisterApplication,
        response: { 201: Registered },
      },
      config: handle,
    },
    async (req, reply) => reply.code(201).send(await s.foi.register(actorOf(req), req.body)),
  );
  app.get(
    '/foi/applications/:id',
    {
      schema: {
        tags,
        summary: '申请详情（查看记入审计日志）',
        params: ApplicationParams,
        response: { 200: ApplicationDetail },
      },
      config: read,
    },
    (req) => s.foi.get(actorOf(req), req.params.id),
  );
  app.post(
    '/foi/applications/:id/actions',
    {
      schema: {
        tags,
        summary: '办理：补正、征求意见、延期、答复',
        params: ApplicationParams,
        body: ActionInput,
        response: { 204: NoContent },
      },
      config: handle,
    },
    async (req, reply) => {
      await s.foi.act(actorOf(req), req.params.id, req.body);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/foi/applications/:id/files',
    {
      schema: {
        tags,
        summary: '上传提供的信息或申请材料',
        params: ApplicationParams,
        response: { 201: FoiFile.omit({ createdAt: true, kind: true }) },
      },
      config: handle,
    },
    async (req, reply) => {
      const file = await uploadedFile(req);
      return reply.code(201).send(await s.foi.addFile(actorOf(req), req.params.id, file));
    },
  );
  app.get(
    '/foi/applications/:id/files/:fileId',
    { schema: { tags, summary: '下载申请的文件', params: FileParams, response: { 200: FileBytes } }, config: read },
    async (req, reply) => {
      const f = await s.foi.file(actorOf(req), req.params.id, req.params.fileId);
      return sendFile(reply, f, f.bytes);
    },
  );
  app.get(
    '/foi/applications/:id/notice.:format',
    {
      schema: { tags, summary: '答复告知书（HTML 或 PDF）', params: NoticeParams, response: { 200: FileBytes } },
      config: read,
    },
    async (req, reply) => {
      const f = await s.foiReports.notice(actorOf(req), req.params.id, req.params.format);
      return sendFile(reply, { mime: f.mime, name: f.filename }, f.bytes, shownWhenHtml(req.params.format));
    },
  );
  app.get(
    '/foi/applications/:id/correction-notice.:format',
    {
      schema: { tags, summary: '补正告知书（HTML 或 PDF）', params: NoticeParams, response: { 200: FileBytes } },
      config: read,
    },
    async (req, reply) => {
      const f = await s.foiReports.correctionNotice(actorOf(req), req.params.id, req.params.format);
      return sendFile(reply, { mime: f.mime, name: f.filename }, f.bytes, shownWhenHtml(req.params.format));
    },
  );
  app.get(
    '/foi/applications/:id/extension-notice.:format',
    {
      schema: {
        tags,
        summary: '延期答复告知书（HTML 或 PDF）',
        params: NoticeParams,
        response: { 200: FileBytes },
      },
      config: read,
    },
    async (req, reply) => {
      const f = await s.foiReports.extensionNotice(actorOf(req), req.params.id, req.params.format);
      return sendFile(reply, { mime: f.mime, name: f.filename }, f.bytes, shownWhenHtml(req.params.format));
    },
  );
  app.get(
    '/foi/annual',
    {
      schema: {
        tags,
        summary: '年度报告：收到和处理申请情况',
        querystring: AnnualQuery,
        response: { 200: AnnualTable },
      },
      config: report,
    },
    (req) => s.foiReports.annual(actorOf(req), req.query.year, req.query.unitId),
  );
  app.get(
    '/foi/annual/xlsx',
    {
      schema: { tags, summary: '导出年度报告表（XLSX）', querystring: AnnualQuery, response: { 200: FileBytes } },
      config: report,
    },
    async (req, reply) => {
      const f = await s.foiReports.annualXlsx(actorOf(req), req.query.year, req.query.unitId);
      return sendFile(reply, { mime: XLSX, name: f.filename }, f.bytes);
    },
  );
  app.get(
    '/foi/units/:id/guide',
    {
      schema: {
        tags,
        summary: '单位的政府信息公开指南',
        params: ApplicationParams,
        response: { 200: UnitGuideView },
      },
      config: handle,
    },
    (req) => s.foi.guideFor(actorOf(req), req.params.id),
  );
  app.put(
    '/foi/units/:id/guide',
    {
      schema: {
        tags,
        summary: '修改单位的政府信息公开指南',
        params: ApplicationParams,
        body: UnitGuide,
        response: { 204: NoContent },
      },
      config: handle,
    },
    async (req, reply) => {
      await s.foi.putGuide(actorOf(req), req.params.id, req.body);
      return reply.code(204).send(null);
    },
  );
  app.put(
    '/foi/appeals',
    {
      schema: { tags, summary: '填报行政复议、行政诉讼数量', body: AppealsInput, response: { 204: NoContent } },
      config: handle,
    },
    async (req, reply) => {
      await s.foiReports.putAppeals(actorOf(req), req.body);
      return reply.code(204).send(null);
    },
  );
}
