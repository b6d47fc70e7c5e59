import { HomeParts, HomePartsInput } from '../../contract/home-parts.js';
import { SiteIdParams } from '../../contract/sites.js';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import type { HomePartsService } from './home-parts.service.js';

// The home page's parts for the admin app (站点 → 首页专题与链接): read with site.read, saved whole
// with site.write (one audited event). Banner images are uploaded first through POST /api/attachments.
export function homePartsRoutes(app: Api, s: { homeParts: HomePartsService }): void {
  const tags = ['站点与栏目'];
  app.get(
    '/sites/:siteId/home-parts',
    {
      schema: {
        tags,
        summary: '首页图片新闻栏目、专题专栏和网站链接',
        params: SiteIdParams,
        response: { 200: HomeParts },
      },
      config: { permission: 'site.read' },
    },
    (req) => s.homeParts.get(actorOf(req), req.params.siteId),
  );
  app.put(
    '/sites/:siteId/home-parts',
    {
      schema: {
        tags,
        summary: '修改首页图片新闻栏目、专题专栏和网站链接（整体保存，顺序即显示顺序）',
        params: SiteIdParams,
        body: HomePartsInput,
        response: { 200: HomeParts },
      },
      config: { permission: 'site.write' },
    },
    (req) => s.homeParts.save(actorOf(req), req.params.siteId, req.body),
  );
}
