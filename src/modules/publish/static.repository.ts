import type { Kysely } from 'kysely';
import { chunk, insertReturningId } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';

// Static publishing's queries: the record of written files (static_files, static_file_tags, 0025) and
// the few reads of published content that enumerating a site's files needs. What a visitor may see is
// still decided by the portal's code: every page is rendered through it, and a page it does not find
// is removed here, never written.

export interface StaticFileRecord {
  id: number;
  siteId: number;
  path: string;
  sha256: string;
  size: number;
  tags: string[];
}

export class StaticRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async find(path: string): Promise<StaticFileRecord | undefined> {
    const row = await this.db.selectFrom('static_files').selectAll().where('path', '=', path).executeTakeFirst();
    if (!row) return undefined;
    const tags = await this.db.selectFrom('static_file_tags').select('tag').where('file_id', '=', row.id).execute();
    return {
      id: row.id,
      siteId: row.site_id,
      path: row.path,
      sha256: row.sha256,
      size: row.size,
      tags: tags.map((t) => t.tag).sort(),
    };
  }

  /** Every record (the full scan reads them once): path → hash and size. */
  async all(siteId?: number): Promise<Array<{ siteId: number; path: string; sha256: string; size: number }>> {
    let q = this.db.selectFrom('static_files').select(['site_id', 'path', 'sha256', 'size']);
    if (siteId !== undefined) q = q.where('site_id', '=', siteId);
    const rows = await q.orderBy('path').execute();
    return rows.map((r) => ({ siteId: r.site_id, path: r.path, sha256: r.sha256, size: Number(r.size) }));
  }

  /** Paths of a site's files that show any of `tags`. */
  async pathsTagged(siteId: number, tags: readonly string[]): Promise<string[]> {
    const out = new Set<string>();
    for (const part of chunk([...new Set(tags)])) {
      const rows = await this.db
        .selectFrom('static_file_tags')
        .innerJoin('static_files', 'static_files.id', 'static_file_tags.file_id')
        .select('static_files.path')
        .where('static_file_tags.site_id', '=', siteId)
        .where('static_file_tags.tag', 'in', part)
        .execute();
      for (const r of rows) out.add(r.path);
    }
    return [...out].sort();
  }

  /** Record a written file (or its new tags), replacing what was recorded under its path. */
  async put(file: { siteId: number; path: string; sha256: string; size: number; tags: readonly string[] }, at: string) {
    await this.db.transaction().execute(async (trx) => {
      const old = await trx.selectFrom('static_files').select('id').where('path', '=', file.path).executeTakeFirst();
      let id: number;
      if (old) {
        id = old.id;
        await trx
          .updateTable('static_files')
          .set({ site_id: file.siteId, sha256: file.sha256, size: file.size, written_at: at })
          .where('id', '=', id)
          .execute();
        await trx.deleteFrom('static_file_tags').where('file_id', '=', id).execute();
      } else {
        id = await insertReturningId(trx, 'static_files', {
          site_id: file.siteId,
          path: file.path,
          sha256: file.sha256,
          size: file.size,
          written_at: at,
        });
      }
      const tags = [...new Set(file.tags)];
      if (tags.length)
        await trx
          .insertInto('static_file_tags')
          .values(tags.map((tag) => ({ file_id: id, site_id: file.siteId, tag })))
          .execute();
    });
  }

  async remove(path: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('static_files').select('id').where('path', '=', path).executeTakeFirst();
      if (!row) return;
      await trx.deleteFrom('static_file_tags').where('file_id', '=', row.id).execute();
      await trx.deleteFrom('static_files').where('id', '=', row.id).execute();
    });
  }

  /** Site ids that have records (a deleted site's files are removed by the full rebuild). */
  async recordedSites(): Promise<number[]> {
    const rows = await this.db.selectFrom('static_files').select('site_id').distinct().execute();
    return rows.map((r) => r.site_id);
  }

  // Reads of published content for enumerating a site's files ------------------------------------

  /** Ids of a site's published items (each has a page unless it only links elsewhere). */
  async publishedIds(siteId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('articles')
      .select('id')
      .where('site_id', '=', siteId)
      .where('status', '=', 'published')
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  async isPublished(articleId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('articles')
      .select('id')
      .where('id', '=', articleId)
      .where('status', '=', 'published')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The site of each item (imports name items, not sites). */
  async sitesOf(articleIds: readonly number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (const part of chunk([...articleIds])) {
      const rows = await this.db.selectFrom('articles').select(['id', 'site_id']).where('id', 'in', part).execute();
      for (const r of rows) out.set(r.id, r.site_id);
    }
    return out;
  }

  /** Current files of published items (what /files/<id>/<name> serves), of a site or of some items. */
  async publicFiles(
    siteId: number,
    articleIds?: readonly number[],
  ): Promise<Array<{ id: number; name: string; articleId: number }>> {
    const q = () =>
      this.db
        .selectFrom('attachments')
        .innerJoin('articles', 'articles.id', 'attachments.article_id')
        .select(['attachments.id', 'attachments.original_name', 'attachments.article_id'])
        .where('articles.site_id', '=', siteId)
        .where('articles.status', '=', 'published')
        .where('attachments.kind', '=', 'file')
        .where('attachments.retired_at', 'is', null)
        .orderBy('attachments.id');
    const rows = articleIds
      ? (await Promise.all(chunk([...articleIds]).map((part) => q().where('articles.id', 'in', part).execute()))).flat()
      : await q().execute();
    return rows.map((r) => ({ id: r.id, name: r.original_name, articleId: r.article_id! }));
  }

  /** How many items each column lists (its list pages' count). */
  async listedCounts(columnIds: readonly number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (const part of chunk([...columnIds])) {
      const rows = await this.db
        .selectFrom('column_listing_counts')
        .select(['column_id', 'listed'])
        .where('column_id', 'in', part)
        .execute();
      for (const r of rows) out.set(r.column_id, Number(r.listed));
    }
    return out;
  }

  /** The website centre and the administrators: who is warned of tampering. */
  async guardians(): Promise<number[]> {
    const rows = await this.db
      .selectFrom('accounts')
      .innerJoin('account_roles', 'account_roles.account_id', 'accounts.id')
      .select('accounts.id')
      .distinct()
      .where('accounts.active', '=', 1)
      .where('account_roles.role', 'in', ['site_editor', 'sysadmin'])
      .orderBy('accounts.id')
      .execute();
    return rows.map((r) => r.id);
  }
}
