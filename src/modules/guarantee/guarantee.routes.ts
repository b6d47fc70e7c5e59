import '@fastify/multipart';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import type { DutiesService } from './duties.service.js';
import { DutyInput, DutyListQuery, DutyPatch, IdParams, ImportQuery, ParseInput } from './guarantee.schemas.js';
import type { ListImportService } from './list-import.service.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import type { Guarantee } from './guarantee.module.js';
import { guaranteeSettingsRoutes } from './guarantee-settings.routes.js';
import { guaranteeStatusRoutes } from './guarantee-status.routes.js';
import { NoContent } from '../../contract/common.js';
import { Duty, DutyList, ParsedDuty } from '../../contract/guarantee.js';
import { GuaranteeImportResult } from '../../contract/guarantee-import.js';

export function guaranteeRoutes(
  app: Api,
  s: { duties: DutiesService; guaranteeImport: ListImportService; guarantee: Guarantee; calendar: CalendarService },
): void {
  guaranteeStatusRoutes(app, s);
  guaranteeSettingsRoutes(app, s);
  const tags = ['保障责任'];
  app.get(
    '/duties',
    {
      schema: {
        tags,
        summary: '保障责任列表（按站点、栏目、单位筛选；单位含其类别所属分组的责任）',
        querystring: DutyListQuery,
        response: { 200: DutyList },
      },
      config: { permission: 'duty.read' },
    },
    (req) => s.duties.list(actorOf(req), req.query),
  );
  app.get(
    '/duties/:id',
    {
      schema: { tags, summary: '保障责任详情', params: IdParams, response: { 200: Duty } },
      config: { permission: 'duty.read' },
    },
    (req) => s.duties.get(actorOf(req), req.params.id),
  );
  app.post(
    '/duties/parse',
    {
      schema: {
        tags,
        summary: '解析相关要求与保障部门（编辑时实时预览，不保存）',
        body: ParseInput,
        response: { 200: ParsedDuty },
      },
      config: { permission: 'duty.read' },
    },
    (req) => s.duties.parse(actorOf(req), req.body),
  );
  app.post(
    '/duties',
    {
      schema: { tags, summary: '新建保障责任', body: DutyInput, response: { 201: Duty } },
      config: { permission: 'duty.write' },
    },
    async (req, reply) => reply.code(201).send(await s.duties.create(actorOf(req), req.body)),
  );
  app.patch(
    '/duties/:id',
    {
      schema: { tags, summary: '修改保障责任', params: IdParams, body: DutyPatch, response: { 200: Duty } },
      config: { permission: 'duty.write' },
    },
    (req) => s.duties.update(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/duties/:id',
    {
      schema: { tags, summary: '删除保障责任', params: IdParams, response: { 204: NoContent } },
      config: { permission: 'duty.write' },
    },
    async (req, reply) => {
      await s.duties.remove(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/imports/guarantee-list',
    {
      schema: {
        tags: ['数据导入'],
        summary: '导入内容保障清单（CSV 或 XLSX，multipart/form-data 字段 file）；apply=false 只预览将发生的变更',
        querystring: ImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: GuaranteeImportResult },
      },
      config: { permission: 'import.run' },
    },
    async (req) => {
      if (!req.isMultipart())
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传保障清单（字段名 file）');
      const file = await req.file();
      if (!file)
        throw new AppError('VALIDATION_FAILED', '没有收到文件', {
          issues: [{ field: 'file', message: '请选择保障清单文件（CSV 或 XLSX）' }],
        });
      const bytes = await file.toBuffer();
      return s.guaranteeImport.importList(actorOf(req), bytes, {
        siteId: req.query.siteId,
        apply: req.query.apply === 'true',
        effective: req.query.effective,
      });
    },
  );
}
