import '@fastify/multipart';
import { z } from 'zod';
import { actorOf } from '../../platform/http/api-context.js';
import { sendFile } from '../../platform/http/file-reply.js';
import { uploadedFile } from '../../platform/http/upload.js';
import type { Api } from '../../platform/http/types.js';
import type { IndexNumbersService } from './index-numbers.service.js';
import type { ArticlesService } from './articles.service.js';
import type { AttachmentsService } from './attachments.service.js';
import {
  ArticleList,
  ArticleView,
  AttachmentVersionView,
  AttachmentView,
  IndexPattern,
  RevisionList,
} from '../../contract/articles.js';
import { FileBytes, NoContent } from '../../contract/common.js';
import { ArticleInput, ArticleListQuery, ArticlePatch, IdParams } from './content.schemas.js';

export function contentRoutes(
  app: Api,
  s: { articles: ArticlesService; indexNumbers: IndexNumbersService; attachments: AttachmentsService },
): void {
  const tags = ['信息'];
  app.get(
    '/articles',
    {
      schema: {
        tags,
        summary: '信息列表（按站点、栏目、单位、状态、类型、日期筛选）',
        querystring: ArticleListQuery,
        response: { 200: ArticleList },
      },
      config: { permission: 'article.read' },
    },
    (req) => s.articles.list(actorOf(req), req.query),
  );
  app.get(
    '/articles/:id',
    {
      schema: { tags, summary: '信息详情', params: IdParams, response: { 200: ArticleView } },
      config: { permission: 'article.read' },
    },
    (req) => s.articles.get(actorOf(req), req.params.id),
  );
  app.get(
    '/articles/:id/revisions',
    {
      schema: { tags, summary: '修订记录', params: IdParams, response: { 200: RevisionList } },
      config: { permission: 'article.read' },
    },
    (req) => s.articles.revisions(actorOf(req), req.params.id),
  );
  app.get(
    '/articles/:id/attachment-history',
    {
      schema: {
        tags,
        summary: '附件历史（含更正前的版本与审核表扫描件；发布过的文件存档不删）',
        params: IdParams,
        response: { 200: z.array(AttachmentVersionView) },
      },
      config: { permission: 'article.read' },
    },
    (req) => s.articles.attachmentHistory(actorOf(req), req.params.id),
  );
  app.post(
    '/articles',
    {
      schema: { tags, summary: '新建信息（草稿）', body: ArticleInput, response: { 201: ArticleView } },
      config: { permission: 'article.write' },
    },
    async (req, reply) => reply.code(201).send(await s.articles.create(actorOf(req), req.body)),
  );
  app.patch(
    '/articles/:id',
    {
      schema: { tags, summary: '修改信息', params: IdParams, body: ArticlePatch, response: { 200: ArticleView } },
      config: { permission: 'article.write' },
    },
    (req) => s.articles.update(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/articles/:id',
    {
      schema: { tags, summary: '删除未发布的信息', params: IdParams, response: { 204: NoContent } },
      config: { permission: 'article.delete' },
    },
    async (req, reply) => {
      await s.articles.remove(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/settings/index-pattern',
    {
      schema: { tags, summary: '索引号规则', response: { 200: IndexPattern } },
      config: { permission: 'article.read' },
    },
    (req) => s.indexNumbers.pattern(actorOf(req)),
  );
  app.put(
    '/settings/index-pattern',
    {
      schema: {
        tags,
        summary: '修改索引号规则（占位符 {unitCode} {year} {month} {seqN}）',
        body: z.object({ pattern: z.string().trim().min(1).max(100) }),
        response: { 200: IndexPattern },
      },
      config: { permission: 'site.write' },
    },
    (req) => s.indexNumbers.setPattern(actorOf(req), req.body.pattern),
  );

  const fileTags = ['附件'];
  app.post(
    '/attachments',
    {
      schema: {
        tags: fileTags,
        summary: '上传附件（multipart/form-data，字段 file）',
        consumes: ['multipart/form-data'],
        response: { 201: AttachmentView },
      },
      config: { permission: 'article.write' },
    },
    async (req, reply) => {
      const { filename, bytes } = await uploadedFile(req);
      return reply.code(201).send(await s.attachments.upload(actorOf(req), filename, bytes));
    },
  );
  app.get(
    '/attachments/:id',
    {
      schema: { tags: fileTags, summary: '附件信息', params: IdParams, response: { 200: AttachmentView } },
      config: { permission: 'article.read' },
    },
    (req) => s.attachments.get(actorOf(req), req.params.id),
  );
  app.get(
    '/attachments/:id/download',
    {
      schema: { tags: fileTags, summary: '下载附件', params: IdParams, response: { 200: FileBytes } },
      config: { permission: 'article.read' },
    },
    async (req, reply) => {
      const { view, stream } = await s.attachments.open(actorOf(req), req.params.id);
      return sendFile(reply, view, stream);
    },
  );
  app.delete(
    '/attachments/:id',
    {
      schema: { tags: fileTags, summary: '删除未使用的附件', params: IdParams, response: { 204: NoContent } },
      config: { permission: 'article.write' },
    },
    async (req, reply) => {
      await s.attachments.remove(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
