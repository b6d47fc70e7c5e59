import '@fastify/multipart';
import { z } from 'zod';
import { toErrorResponse } from '../../platform/http/error-handler.js';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import type { JobTracker } from '../../platform/jobs/progress.js';
import { ImportJob } from '../../contract/common.js';
import type { ArticleImportService } from './article-import.js';

const JobParams = z.object({ id: z.string().uuid('任务编号无效') });

/** Historical article import as a background job the admin app polls for progress. */
export function importRoutes(app: Api, s: { articleImport: ArticleImportService; jobs: JobTracker }): void {
  const tags = ['导入'];
  app.post(
    '/imports/articles',
    {
      schema: {
        tags,
        summary: '导入历史信息（multipart 字段 file，JSONL）；返回任务，轮询其进度',
        consumes: ['multipart/form-data'],
        response: { 202: ImportJob },
      },
      config: { permission: 'import.run' },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传 JSONL 文件（字段名 file）');
      const file = await req.file();
      if (!file)
        throw new AppError('VALIDATION_FAILED', '没有收到文件', { issues: [{ field: 'file', message: '请选择文件' }] });
      const bytes = await file.toBuffer();
      const content = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
      if (content.includes('\u0000')) throw new AppError('IMPORT_INVALID', '文件不是文本格式的 JSONL');
      const actor = actorOf(req);
      const job = s.jobs.start(
        'import.articles',
        actor.kind === 'account' ? actor.accountId : null,
        (progress) => s.articleImport.run(actor, content, progress),
        (error) => toErrorResponse(error, req).body,
      );
      return reply.code(202).send(job);
    },
  );
  app.get(
    '/imports/jobs/:id',
    {
      schema: { tags, summary: '导入任务进度', params: JobParams, response: { 200: ImportJob } },
      config: { permission: 'import.run' },
    },
    (req) => {
      const job = s.jobs.get(req.params.id);
      const actor = actorOf(req);
      if (!job || (actor.kind === 'account' && job.ownerId !== null && job.ownerId !== actor.accountId)) {
        throw new AppError(
          'NOT_FOUND',
          '导入任务不存在（服务重启后任务记录会清空；导入是整体提交的，未完成的导入不会留下部分数据）',
        );
      }
      return job;
    },
  );
}
