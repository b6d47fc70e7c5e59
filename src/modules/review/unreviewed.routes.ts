import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import type { DB } from '../../platform/db/tables.js';
import { AppError } from '../../platform/errors.js';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import type { ArticlesService } from '../content/articles.service.js';

// Items an office leader published in an emergency whose review afterwards has not cleared them yet.
// The admin app marks them "未经审核" wherever items are listed; the list endpoint's rows do not carry
// the flag, and there are only ever a handful, so one small list serves every screen.

const LIMIT = 200;

/** The unreviewed items the actor may read (unit accounts: their own unit's, by the content scope). */
export async function unreviewedItems(db: Kysely<DB>, articles: ArticlesService, actor: Actor) {
  authorize(actor, 'article.read');
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'title', 'status', 'published_at', 'status_reason'])
    .where('unreviewed', '=', 1)
    .orderBy('id', 'desc')
    .limit(LIMIT)
    .execute();
  const visible = [];
  for (const r of rows) {
    // The content module's scope decides what a unit may see; a refusal simply leaves the row out.
    const ok = await articles.rowFor(actor, 'article.read', r.id).then(
      () => true,
      (error: unknown) => {
        if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
        throw error;
      },
    );
    if (ok)
      visible.push({
        id: r.id,
        title: r.title,
        status: r.status,
        publishedAt: r.published_at,
        reason: r.status_reason,
      });
  }
  return visible;
}

export function unreviewedRoutes(app: Api, s: { database: { db: Kysely<DB> }; articles: ArticlesService }): void {
  app.get(
    '/articles/unreviewed',
    {
      schema: { tags: ['审核与发布'], summary: '紧急发布、尚未通过事后审核的信息（标注“未经审核”）' },
      config: { permission: 'article.read' },
    },
    (req) => unreviewedItems(s.database.db, s.articles, actorOf(req)),
  );
}
