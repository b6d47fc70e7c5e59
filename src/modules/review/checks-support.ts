import type { Executor } from '../../platform/db/helpers.js';
import type { Article } from '../../platform/db/tables.js';
import { AppError } from '../../platform/errors.js';
import type { StoredFinding } from './checks.service.js';

// Pieces of the checks service that need the database or build its errors, kept apart to keep it short.

/**
 * Does an address on this site lead to something a visitor can see? A file counts when it is public
 * (a current file of a published item), the item's own, or its unit's: the answer never tells a unit
 * about another unit's unpublished files (issue 9 item 3).
 */
export async function resolveInternal(trx: Executor, item: Article, url: string): Promise<boolean> {
  const path = new URL(url, 'http://site.invalid').pathname;
  const article = /^\/a\/(\d+)\.html$/.exec(path);
  if (article) {
    return (
      (await trx
        .selectFrom('articles')
        .select('id')
        .where('id', '=', Number(article[1]))
        .where('status', '=', 'published')
        .executeTakeFirst()) !== undefined
    );
  }
  const column = /^\/c\/(.+?)\/?$/.exec(path);
  if (column)
    return (
      (await trx
        .selectFrom('columns')
        .select('id')
        .where('path', '=', decodeURIComponent(column[1]!))
        .executeTakeFirst()) !== undefined
    );
  const file = /^\/(?:files|api\/attachments)\/(\d+)(?:\/|$)/.exec(path);
  if (file)
    return (
      (await trx
        .selectFrom('attachments')
        .leftJoin('articles', 'articles.id', 'attachments.article_id')
        .select('attachments.id')
        .where('attachments.id', '=', Number(file[1]))
        .where('attachments.kind', '=', 'file')
        .where((eb) =>
          eb.or([
            eb.and([eb('attachments.article_id', 'is', null), eb('attachments.unit_id', '=', item.unit_id)]),
            eb.and([
              eb.or([eb('attachments.article_id', '=', item.id), eb('articles.status', '=', 'published')]),
              eb('attachments.retired_at', 'is', null),
            ]),
          ]),
        )
        .executeTakeFirst()) !== undefined
    );
  return ['/', '/search', '/sitemap.html', '/sitemap.xml'].includes(path) || path.startsWith('/static/');
}

/** The refusal of an item with blocking findings: the first one in the message, all of them in the details. */
export function blockedError(blocking: StoredFinding[]): AppError {
  const first = blocking[0]!;
  return new AppError(
    'CHECKS_BLOCKED',
    `内容检查发现 ${blocking.length} 处必须修改的问题：${first.location.label}“${first.excerpt}”（${first.checkLabel}）——${first.message}`,
    {
      issues: blocking.map((f) => ({
        field: f.location.label,
        message: `${f.checkLabel}：“${f.excerpt}” ${f.message}`,
      })),
      findings: blocking,
    },
  );
}
