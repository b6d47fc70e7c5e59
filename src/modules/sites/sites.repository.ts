import type { Kysely } from 'kysely';
import { insertReturningId, type Executor } from '../../platform/db/helpers.js';
import type { DB, Site } from '../../platform/db/tables.js';
import type { HomeBlock, Site as SiteReply } from './sites.schemas.js';

/** A site as the API shows it (src/contract/sites.ts). */
export type SiteView = SiteReply;

export type SiteRow = Omit<
  Site,
  'id' | 'created_at' | 'updated_at' | 'probe_url' | 'conac_url' | 'jiucuo_url' | 'picture_column_id'
> & {
  probe_url?: string | null;
  conac_url?: string | null;
  jiucuo_url?: string | null;
};

function toView(row: Site, hosts: string[]): SiteView {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    hosts,
    siteCode: row.site_code,
    icp: row.icp,
    psb: row.psb,
    sponsor: row.sponsor,
    organizer: row.organizer,
    contact: row.contact,
    theme: row.theme,
    isDefault: row.is_default === 1,
    homeBlocks: JSON.parse(row.home_blocks) as HomeBlock[],
    probeUrl: row.probe_url,
    conacUrl: row.conac_url,
    jiucuoUrl: row.jiucuo_url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class SitesRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private async withHosts(rows: Site[], db: Executor = this.db): Promise<SiteView[]> {
    if (rows.length === 0) return [];
    const hosts = await db
      .selectFrom('site_hosts')
      .select(['site_id', 'host'])
      .where(
        'site_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('id')
      .execute();
    return rows.map((r) =>
      toView(
        r,
        hosts.filter((h) => h.site_id === r.id).map((h) => h.host),
      ),
    );
  }

  async list(db: Executor = this.db): Promise<SiteView[]> {
    return this.withHosts(
      await db.selectFrom('sites').selectAll().orderBy('is_default', 'desc').orderBy('id').execute(),
      db,
    );
  }

  async get(id: number, db: Executor = this.db): Promise<SiteView | undefined> {
    const row = await db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await this.withHosts([row], db))[0] : undefined;
  }

  async getByCode(code: string, db: Executor = this.db): Promise<SiteView | undefined> {
    const row = await db.selectFrom('sites').selectAll().where('code', '=', code).executeTakeFirst();
    return row ? (await this.withHosts([row], db))[0] : undefined;
  }

  /** The site a request's Host header names, else the default site. */
  async forHost(host: string | undefined): Promise<SiteView | undefined> {
    if (host) {
      const hit = await this.db
        .selectFrom('site_hosts')
        .innerJoin('sites', 'sites.id', 'site_hosts.site_id')
        .selectAll('sites')
        .where('site_hosts.host', 'in', [host.toLowerCase(), host.toLowerCase().replace(/:\d+$/, '')])
        .executeTakeFirst();
      if (hit) return (await this.withHosts([hit]))[0];
    }
    const row = await this.db
      .selectFrom('sites')
      .selectAll()
      .orderBy('is_default', 'desc')
      .orderBy('id')
      .executeTakeFirst();
    return row ? (await this.withHosts([row]))[0] : undefined;
  }

  async hostOwner(host: string, db: Executor = this.db): Promise<number | undefined> {
    const r = await db.selectFrom('site_hosts').select('site_id').where('host', '=', host).executeTakeFirst();
    return r?.site_id;
  }

  async insert(
    db: Executor,
    row: SiteRow & { created_at: string; updated_at: string },
    hosts: string[],
  ): Promise<number> {
    const id = await insertReturningId(db, 'sites', row);
    await this.replaceHosts(db, id, hosts);
    return id;
  }

  async update(
    db: Executor,
    id: number,
    row: Partial<SiteRow> & { updated_at: string },
    hosts?: string[],
  ): Promise<void> {
    await db.updateTable('sites').set(row).where('id', '=', id).execute();
    if (hosts) await this.replaceHosts(db, id, hosts);
  }

  async clearDefault(db: Executor, exceptId: number): Promise<void> {
    await db.updateTable('sites').set({ is_default: 0 }).where('id', '!=', exceptId).execute();
  }

  private async replaceHosts(db: Executor, siteId: number, hosts: string[]): Promise<void> {
    await db.deleteFrom('site_hosts').where('site_id', '=', siteId).execute();
    const unique = [...new Set(hosts)];
    if (unique.length)
      await db
        .insertInto('site_hosts')
        .values(unique.map((host) => ({ site_id: siteId, host })))
        .execute();
  }

  async countArticles(db: Executor, siteId: number): Promise<number> {
    const r = await db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('site_id', '=', siteId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async delete(db: Executor, id: number): Promise<void> {
    // Columns reference each other (parent, source); clear those links before the cascade.
    await db
      .updateTable('columns')
      .set({ source_column_id: null, parent_id: null })
      .where('site_id', '=', id)
      .execute();
    await db.deleteFrom('sites').where('id', '=', id).execute();
  }
}
