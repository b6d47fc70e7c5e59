import type { Executor } from '../../platform/db/helpers.js';
import type { Article } from '../../platform/db/tables.js';
import { AppError } from '../../platform/errors.js';
import type { ChecksRepository } from './checks.repository.js';
import type { StoredFinding } from './checks.service.js';

// Pieces of the checks service, kept apart to keep it short: link resolution and the refusal's error.

/**
 * Does an address on this site lead to something a visitor can see? A file counts when it is public
 * (a current file of a published item), the item's own, or its unit's: the answer never tells a unit
 * about another unit's unpublished files (issue 9 item 3).
 */
export async function resolveInternal(
  repo: ChecksRepository,
  trx: Executor,
  item: Article,
  url: string,
): Promise<boolean> {
  const path = new URL(url, 'http://site.invalid').pathname;
  const article = /^\/a\/(\d+)\.html$/.exec(path);
  if (article) return repo.isPublishedArticle(trx, Number(article[1]));
  const column = /^\/c\/(.+?)\/?$/.exec(path);
  if (column) return repo.columnExists(trx, decodeURIComponent(column[1]!));
  const file = /^\/(?:files|api\/attachments)\/(\d+)(?:\/|$)/.exec(path);
  if (file) return repo.fileVisibleFrom(trx, item, Number(file[1]));
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
