import '@fastify/multipart';
import { z } from 'zod';
import { NoContent } from '../../contract/common.js';
import { AppError } from '../../platform/errors.js';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import {
  PersonnelRequirement,
  PersonnelWarning,
  RequirementInput,
  RosterImportQuery,
  RosterImportResult,
  UnitParams,
} from './org.schemas.js';
import type { PersonnelService } from './personnel.service.js';
import type { RosterImportService } from './roster-import.service.js';

/** The office's side of the 附件3 roster: warnings, per-unit requirements, the spreadsheet import. */
export function personnelRoutes(app: Api, s: { personnel: PersonnelService; rosterImport: RosterImportService }): void {
  const tags = ['保障人员'];
  app.get(
    '/personnel/warnings',
    {
      schema: {
        tags,
        summary: '分管领导多于要求人数的单位（应为 1 名，除非另有设置）',
        response: { 200: z.array(PersonnelWarning) },
      },
      config: { permission: 'personnel.read' },
    },
    (req) => s.personnel.leaderWarnings(actorOf(req)),
  );
  app.get(
    '/personnel/requirements',
    {
      schema: {
        tags,
        summary: '另有人员要求的单位（免设分管领导、多名分管领导等）',
        response: { 200: z.array(PersonnelRequirement) },
      },
      config: { permission: 'personnel.read' },
    },
    (req) => s.personnel.requirements(actorOf(req)),
  );
  app.put(
    '/personnel/requirements/:unitId',
    {
      schema: {
        tags,
        summary: '设置单位的人员要求',
        params: UnitParams,
        body: RequirementInput,
        response: { 200: PersonnelRequirement },
      },
      config: { permission: 'personnel.manage' },
    },
    (req) => s.personnel.setRequirement(actorOf(req), req.params.unitId, req.body),
  );
  app.delete(
    '/personnel/requirements/:unitId',
    {
      schema: {
        tags,
        summary: '恢复为分管领导 1 名、信息员至少 1 名',
        params: UnitParams,
        response: { 204: NoContent },
      },
      config: { permission: 'personnel.manage' },
    },
    async (req, reply) => {
      await s.personnel.clearRequirement(actorOf(req), req.params.unitId);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/imports/roster',
    {
      schema: {
        tags: ['数据导入'],
        summary:
          '导入保障人员名单（附件3，CSV 或 XLSX，multipart/form-data 字段 file）；apply=false 只预览将发生的变更',
        querystring: RosterImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: RosterImportResult },
      },
      config: { permission: 'personnel.manage' },
    },
    async (req) => {
      if (!req.isMultipart())
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传保障人员名单（字段名 file）');
      const file = await req.file();
      if (!file)
        throw new AppError('VALIDATION_FAILED', '没有收到文件', {
          issues: [{ field: 'file', message: '请选择保障人员名单文件（CSV 或 XLSX）' }],
        });
      return s.rosterImport.importRoster(actorOf(req), await file.toBuffer(), { apply: req.query.apply === 'true' });
    },
  );
}
