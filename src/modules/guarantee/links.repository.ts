import type { Insertable, Kysely } from 'kysely';
import type { Executor } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';
import type { LinkChecksTable } from '../../platform/db/tables-guarantee.js';

/** External-link columns and the record of their probes (link_checks). */
export class LinksRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Link columns with an address, not mirrors of another column, of a site or of all sites. */
  async targets(siteId?: number) {
    let q = this.db
      .selectFrom('columns')
      .select(['id', 'link_url'])
      .where('kind', '=', 'link')
      .where('link_url', 'is not', null)
      .where('source_column_id', 'is', null);
    if (siteId) q = q.where('site_id', '=', siteId);
    return q.orderBy('id').execute();
  }

  async record(trx: Executor, rows: Array<Insertable<LinkChecksTable>>): Promise<void> {
    await trx.insertInto('link_checks').values(rows).execute();
  }
}
