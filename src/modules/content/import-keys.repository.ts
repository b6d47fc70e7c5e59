import type { Kysely } from 'kysely';
import { chunk, type Executor } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';
import type { ImportKeyKind } from './import-line.js';

export interface StoredKey {
  hash: string;
  kind: ImportKeyKind | 'legacy';
  articleId: number;
}

/** The keys of imported lines (article_import_keys): what a repeated import looks up. */
export class ImportKeysRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async find(hashes: readonly string[], db: Executor = this.db): Promise<Map<string, StoredKey>> {
    const out = new Map<string, StoredKey>();
    for (const part of chunk([...new Set(hashes)])) {
      const rows = await db
        .selectFrom('article_import_keys')
        .select(['key_hash', 'kind', 'article_id'])
        .where('key_hash', 'in', part)
        .execute();
      for (const r of rows)
        out.set(r.key_hash, { hash: r.key_hash, kind: r.kind as StoredKey['kind'], articleId: r.article_id });
    }
    return out;
  }

  async insert(
    db: Executor,
    row: { hash: string; siteId: number; articleId: number; kind: ImportKeyKind; source: string | null; at: string },
  ): Promise<void> {
    await db
      .insertInto('article_import_keys')
      .values({
        key_hash: row.hash,
        site_id: row.siteId,
        article_id: row.articleId,
        kind: row.kind,
        source_key: row.source?.slice(0, 1000) ?? null,
        created_at: row.at,
      })
      .execute();
  }
}
