import { z } from 'zod';
import { UnreviewedItem } from '../../contract/articles.js';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import type { ArticlesService } from '../content/articles.service.js';

// Items an office leader published in an emergency whose review afterwards has not cleared them yet.
// The admin app marks them "未经审核" wherever items are listed: one query, the unit's scope in its
// WHERE clause like every other list (ArticlesService.unreviewed).

export function unreviewedRoutes(app: Api, s: { articles: ArticlesService }): void {
  app.get(
    '/articles/unreviewed',
    {
      schema: {
        tags: ['审核与发布'],
        summary: '紧急发布、尚未通过事后审核的信息（标注“未经审核”）',
        response: { 200: z.array(UnreviewedItem) },
      },
      config: { permission: 'article.read' },
    },
    (req) => s.articles.unreviewed(actorOf(req)),
  );
}
