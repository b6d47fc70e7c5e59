import { IdParams, NoContent } from '../../contract/common.js';
import {
  Preview,
  PreviewQuery,
  RunResult,
  Source,
  SourceInput,
  SourceList,
  SourceLog,
  SourcesQuery,
} from '../../contract/crawl.js';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import type { CrawlService } from './crawl.service.js';

export function crawlRoutes(app: Api, s: { crawl: CrawlService }): void {
  const tags = ['网站抓取'];
  app.get(
    '/crawl/sources',
    {
      schema: { tags, summary: '抓取源列表（含健康状况）', querystring: SourcesQuery, response: { 200: SourceList } },
      config: { permission: 'crawl.read' },
    },
    (req) => s.crawl.list(actorOf(req), req.query.siteId),
  );
  app.get(
    '/crawl/sources/:id',
    {
      schema: { tags, summary: '抓取源详情', params: IdParams, response: { 200: Source } },
      config: { permission: 'crawl.read' },
    },
    (req) => s.crawl.get(actorOf(req), req.params.id),
  );
  app.post(
    '/crawl/sources',
    {
      schema: { tags, summary: '新建抓取源', body: SourceInput, response: { 200: Source } },
      config: { permission: 'crawl.write' },
    },
    (req) => s.crawl.create(actorOf(req), req.body),
  );
  app.put(
    '/crawl/sources/:id',
    {
      schema: { tags, summary: '修改抓取源', params: IdParams, body: SourceInput, response: { 200: Source } },
      config: { permission: 'crawl.write' },
    },
    (req) => s.crawl.update(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/crawl/sources/:id',
    {
      schema: { tags, summary: '删除抓取源（已收录的信息保留）', params: IdParams, response: { 204: NoContent } },
      config: { permission: 'crawl.write' },
    },
    async (req, reply) => {
      await s.crawl.remove(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/crawl/sources/:id/log',
    {
      schema: { tags, summary: '抓取日志（最近 100 次）', params: IdParams, response: { 200: SourceLog } },
      config: { permission: 'crawl.read' },
    },
    (req) => s.crawl.log(actorOf(req), req.params.id),
  );
  app.post(
    '/crawl/sources/:id/run',
    {
      schema: { tags, summary: '立即抓取一次', params: IdParams, response: { 200: RunResult } },
      config: { permission: 'crawl.write' },
    },
    (req) => s.crawl.runNow(actorOf(req), req.params.id),
  );
  app.post(
    '/crawl/preview',
    {
      schema: {
        tags,
        summary: '试抓取：按设置读取列表，不保存',
        querystring: PreviewQuery,
        body: SourceInput,
        response: { 200: Preview },
      },
      config: { permission: 'crawl.write' },
    },
    (req) => s.crawl.preview(actorOf(req), req.body, req.query.sourceId),
  );
}
