import { ArticleView } from '../../contract/articles.js';
import { MinorCorrectionInput, MinorCorrectionSetting } from '../../contract/review.js';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import type { CorrectionsService } from './corrections.service.js';
import { IdParams } from './review.schemas.js';

/** 勘误 of published items: the office's setting, and the correction itself. */
export function correctionsRoutes(app: Api, s: { corrections: CorrectionsService }): void {
  const tags = ['审核与发布'];
  app.get(
    '/settings/minor-corrections',
    {
      schema: { tags, summary: '已发布信息勘误（小修改）设置', response: { 200: MinorCorrectionSetting } },
      config: { permission: 'article.read' },
    },
    (req) => s.corrections.setting(actorOf(req)),
  );
  app.put(
    '/settings/minor-corrections',
    {
      schema: {
        tags,
        summary: '修改勘误（小修改）设置',
        body: MinorCorrectionSetting,
        response: { 200: MinorCorrectionSetting },
      },
      config: { permission: 'checks.write' },
    },
    (req) => s.corrections.setSetting(actorOf(req), req.body),
  );
  app.post(
    '/articles/:id/minor-correction',
    {
      schema: {
        tags,
        summary: '勘误已发布的信息（不下线；须政府办开启，改动字数有上限，记入操作日志）',
        params: IdParams,
        body: MinorCorrectionInput,
        response: { 200: ArticleView },
      },
      config: { permission: 'article.write' },
    },
    (req) => s.corrections.correctMinor(actorOf(req), req.params.id, req.body),
  );
}
