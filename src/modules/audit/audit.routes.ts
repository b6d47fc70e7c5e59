import { z } from 'zod';
import { AuditList } from '../../contract/audit.js';
import { FileBytes } from '../../contract/common.js';
import { actorOf } from '../../platform/http/api-context.js';
import { sendFile, XLSX } from '../../platform/http/file-reply.js';
import type { Api } from '../../platform/http/types.js';
import { shanghaiDayEnd, shanghaiDayStart } from '../../platform/time.js';
import type { AuditService } from './audit.service.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为 YYYY-MM-DD');
const Filter = z.object({
  accountId: z.coerce.number().int().positive().optional(),
  unitId: z.coerce.number().int().positive().optional(),
  action: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(32).optional(),
  entityId: z.string().trim().max(64).optional(),
  from: day.optional().describe('起始日期（含，北京时间）'),
  to: day.optional().describe('截止日期（含，北京时间）'),
});
const ListQuery = Filter.extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
const ExportQuery = Filter.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

function toRepoFilter(q: z.infer<typeof Filter>) {
  return {
    ...q,
    from: q.from ? shanghaiDayStart(q.from) : undefined,
    to: q.to ? shanghaiDayEnd(q.to) : undefined,
  };
}

export function auditRoutes(app: Api, s: { auditLog: AuditService }): void {
  const tags = ['操作日志'];
  app.get(
    '/audit',
    {
      schema: {
        tags,
        summary: '操作日志（按人员、单位、操作、时间筛选）',
        querystring: ListQuery,
        response: { 200: AuditList },
      },
      config: { permission: 'audit.read' },
    },
    (req) => {
      const { page, pageSize, ...filter } = req.query;
      return s.auditLog.list(actorOf(req), { ...toRepoFilter(filter), limit: pageSize, offset: (page - 1) * pageSize });
    },
  );
  app.get(
    '/audit/export',
    {
      schema: { tags, summary: '导出操作日志（xlsx 或 csv）', querystring: ExportQuery, response: { 200: FileBytes } },
      config: { permission: 'audit.read' },
    },
    async (req, reply) => {
      const { format, ...filter } = req.query;
      const bytes = await s.auditLog.export(actorOf(req), toRepoFilter(filter), format);
      const mime = format === 'csv' ? 'text/csv; charset=utf-8' : XLSX;
      return sendFile(reply, { mime, name: `操作日志.${format}` }, bytes);
    },
  );
}
