import { z } from 'zod';
import { IdParams, NoContent } from '../../contract/common.js';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import type { ColumnsService } from './columns.service.js';
import type { SitesService } from './sites.service.js';
import {
  Column,
  ColumnDetail,
  ColumnInput,
  ColumnMove,
  ColumnNode,
  ColumnPatch,
  Site,
  SiteIdParams,
  SiteInput,
  SitePatch,
} from './sites.schemas.js';

export function sitesRoutes(app: Api, s: { sites: SitesService; columns: ColumnsService }): void {
  const tags = ['站点与栏目'];

  app.get(
    '/sites',
    { schema: { tags, summary: '站点列表', response: { 200: z.array(Site) } }, config: { permission: 'site.read' } },
    (req) => s.sites.list(actorOf(req)),
  );
  app.get(
    '/sites/:id',
    {
      schema: { tags, summary: '站点详情', params: IdParams, response: { 200: Site } },
      config: { permission: 'site.read' },
    },
    (req) => s.sites.get(actorOf(req), req.params.id),
  );
  app.post(
    '/sites',
    {
      schema: { tags, summary: '新建站点', body: SiteInput, response: { 201: Site } },
      config: { permission: 'site.write' },
    },
    async (req, reply) => reply.code(201).send(await s.sites.create(actorOf(req), req.body)),
  );
  app.patch(
    '/sites/:id',
    {
      schema: { tags, summary: '修改站点', params: IdParams, body: SitePatch, response: { 200: Site } },
      config: { permission: 'site.write' },
    },
    (req) => s.sites.update(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/sites/:id',
    {
      schema: { tags, summary: '删除站点', params: IdParams, response: { 204: NoContent } },
      config: { permission: 'site.write' },
    },
    async (req, reply) => {
      await s.sites.remove(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/sites/:siteId/columns',
    {
      schema: { tags, summary: '站点的栏目树', params: SiteIdParams, response: { 200: z.array(ColumnNode) } },
      config: { permission: 'column.read' },
    },
    (req) => s.columns.tree(actorOf(req), req.params.siteId),
  );
  app.get(
    '/columns/:id',
    {
      schema: { tags, summary: '栏目详情', params: IdParams, response: { 200: ColumnDetail } },
      config: { permission: 'column.read' },
    },
    (req) => s.columns.get(actorOf(req), req.params.id),
  );
  app.post(
    '/columns',
    {
      schema: { tags, summary: '新建栏目', body: ColumnInput, response: { 201: Column } },
      config: { permission: 'column.write' },
    },
    async (req, reply) => reply.code(201).send(await s.columns.create(actorOf(req), req.body)),
  );
  app.patch(
    '/columns/:id',
    {
      schema: { tags, summary: '修改栏目', params: IdParams, body: ColumnPatch, response: { 200: Column } },
      config: { permission: 'column.write' },
    },
    (req) => s.columns.update(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/columns/:id/move',
    {
      schema: { tags, summary: '移动栏目（拖拽排序）', params: IdParams, body: ColumnMove, response: { 200: Column } },
      config: { permission: 'column.write' },
    },
    (req) => s.columns.move(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/columns/:id',
    {
      schema: { tags, summary: '删除栏目', params: IdParams, response: { 204: NoContent } },
      config: { permission: 'column.write' },
    },
    async (req, reply) => {
      await s.columns.remove(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
