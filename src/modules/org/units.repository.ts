import type { Kysely } from 'kysely';
import { chunk, insertReturningId, type Executor } from '../../platform/db/helpers.js';
import type { Group, UnitCategory, Unit as UnitReply } from '../../contract/org.js';
import type { DB, Unit } from '../../platform/db/tables.js';

/** A unit and a group as the API shows them (src/contract/org.ts). */
export type UnitView = UnitReply;
export type GroupView = Group;

export type UnitRow = Omit<Unit, 'id'>;

export class UnitsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private async hydrate(rows: Unit[], db: Executor = this.db): Promise<UnitView[]> {
    if (!rows.length) return [];
    const aliases: Array<{ unit_id: number; alias: string }> = [];
    const emails: Array<{ unit_id: number; email: string }> = [];
    for (const ids of chunk(rows.map((r) => r.id))) {
      aliases.push(
        ...(await db
          .selectFrom('unit_aliases')
          .select(['unit_id', 'alias'])
          .where('unit_id', 'in', ids)
          .orderBy('id')
          .execute()),
      );
      emails.push(
        ...(await db
          .selectFrom('unit_emails')
          .select(['unit_id', 'email'])
          .where('unit_id', 'in', ids)
          .orderBy('id')
          .execute()),
      );
    }
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      shortName: r.short_name,
      category: r.category as UnitCategory,
      code: r.code,
      aliases: aliases.filter((a) => a.unit_id === r.id).map((a) => a.alias),
      emails: emails.filter((e) => e.unit_id === r.id).map((e) => e.email),
      sortOrder: r.sort_order,
      active: r.active === 1,
      assessedFrom: r.assessed_from,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  async list(
    filter: { category?: string; q?: string; active?: boolean } = {},
    db: Executor = this.db,
  ): Promise<UnitView[]> {
    let q = db.selectFrom('units').selectAll();
    if (filter.category) q = q.where('category', '=', filter.category);
    if (filter.active !== undefined) q = q.where('active', '=', filter.active ? 1 : 0);
    const units = await this.hydrate(await q.orderBy('sort_order').orderBy('id').execute(), db);
    // A county has a few hundred units: filtering names here keeps LIKE-escaping dialect quirks out.
    const needle = filter.q?.toLowerCase();
    return needle
      ? units.filter((u) => [u.name, u.shortName, u.code, ...u.aliases].some((n) => n.toLowerCase().includes(needle)))
      : units;
  }

  async get(id: number, db: Executor = this.db): Promise<UnitView | undefined> {
    const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await this.hydrate([row], db))[0] : undefined;
  }

  async getMany(ids: readonly number[], db: Executor = this.db): Promise<UnitView[]> {
    const rows: Unit[] = [];
    for (const part of chunk([...new Set(ids)]))
      rows.push(...(await db.selectFrom('units').selectAll().where('id', 'in', part).execute()));
    return this.hydrate(rows, db);
  }

  /** Every name a unit answers to: full name, short name, aliases. */
  async allNames(db: Executor = this.db): Promise<Array<{ unitId: number; name: string }>> {
    const units = await db.selectFrom('units').select(['id', 'name', 'short_name']).execute();
    const aliases = await db.selectFrom('unit_aliases').select(['unit_id', 'alias']).execute();
    return [
      ...units.flatMap((u) => [
        { unitId: u.id, name: u.name },
        { unitId: u.id, name: u.short_name },
      ]),
      ...aliases.map((a) => ({ unitId: a.unit_id, name: a.alias })),
    ];
  }

  async nameOwner(name: string, exceptUnitId: number | null, db: Executor = this.db): Promise<number | undefined> {
    const direct = await db
      .selectFrom('units')
      .select('id')
      .where((eb) => eb.or([eb('name', '=', name), eb('short_name', '=', name)]))
      .execute();
    const alias = await db.selectFrom('unit_aliases').select('unit_id as id').where('alias', '=', name).execute();
    return [...direct, ...alias].map((r) => r.id).find((id) => id !== exceptUnitId);
  }

  async codeOwner(code: string, db: Executor = this.db): Promise<number | undefined> {
    return (await db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirst())?.id;
  }

  async emailOwner(email: string, db: Executor = this.db): Promise<number | undefined> {
    return (await db.selectFrom('unit_emails').select('unit_id').where('email', '=', email).executeTakeFirst())
      ?.unit_id;
  }

  async insert(db: Executor, row: UnitRow, aliases: string[], emails: string[]): Promise<number> {
    const id = await insertReturningId(db, 'units', row);
    await this.replaceAliases(db, id, aliases);
    await this.replaceEmails(db, id, emails);
    return id;
  }

  async update(db: Executor, id: number, row: Partial<UnitRow>): Promise<void> {
    await db.updateTable('units').set(row).where('id', '=', id).execute();
  }

  async replaceAliases(db: Executor, unitId: number, aliases: string[]): Promise<void> {
    await db.deleteFrom('unit_aliases').where('unit_id', '=', unitId).execute();
    const unique = [...new Set(aliases)];
    if (unique.length)
      await db
        .insertInto('unit_aliases')
        .values(unique.map((alias) => ({ unit_id: unitId, alias })))
        .execute();
  }

  async addAlias(db: Executor, unitId: number, alias: string): Promise<void> {
    await db.insertInto('unit_aliases').values({ unit_id: unitId, alias }).execute();
  }

  async replaceEmails(db: Executor, unitId: number, emails: string[]): Promise<void> {
    await db.deleteFrom('unit_emails').where('unit_id', '=', unitId).execute();
    const unique = [...new Set(emails)];
    if (unique.length)
      await db
        .insertInto('unit_emails')
        .values(unique.map((email) => ({ unit_id: unitId, email })))
        .execute();
  }

  async references(db: Executor, unitId: number): Promise<{ articles: number; accounts: number; duties: number }> {
    const count = async (q: Promise<{ n: number | string } | undefined>) => Number((await q)?.n ?? 0);
    return {
      articles: await count(
        db
          .selectFrom('articles')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('unit_id', '=', unitId)
          .executeTakeFirst(),
      ),
      accounts: await count(
        db
          .selectFrom('accounts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('unit_id', '=', unitId)
          .executeTakeFirst(),
      ),
      duties: await count(
        db
          .selectFrom('duty_units')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('unit_id', '=', unitId)
          .executeTakeFirst(),
      ),
    };
  }

  async delete(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('units').where('id', '=', id).execute();
  }

  // Groups ------------------------------------------------------------------------------------

  async listGroups(db: Executor = this.db): Promise<GroupView[]> {
    const groups = await db.selectFrom('unit_groups').selectAll().orderBy('id').execute();
    const cats = await db.selectFrom('unit_group_categories').selectAll().execute();
    return groups.map((g) => ({
      id: g.id,
      name: g.name,
      description: g.description,
      categories: cats.filter((c) => c.group_id === g.id).map((c) => c.category as UnitCategory),
    }));
  }

  async getGroupByName(name: string, db: Executor = this.db): Promise<GroupView | undefined> {
    return (await this.listGroups(db)).find((g) => g.name === name);
  }

  async insertGroup(
    db: Executor,
    name: string,
    description: string | null,
    categories: readonly string[],
  ): Promise<number> {
    const id = await insertReturningId(db, 'unit_groups', { name, description });
    await this.replaceGroupCategories(db, id, categories);
    return id;
  }

  async updateGroup(
    db: Executor,
    id: number,
    name: string,
    description: string | null,
    categories: readonly string[],
  ): Promise<void> {
    await db.updateTable('unit_groups').set({ name, description }).where('id', '=', id).execute();
    await this.replaceGroupCategories(db, id, categories);
  }

  private async replaceGroupCategories(db: Executor, id: number, categories: readonly string[]) {
    await db.deleteFrom('unit_group_categories').where('group_id', '=', id).execute();
    const unique = [...new Set(categories)];
    if (unique.length)
      await db
        .insertInto('unit_group_categories')
        .values(unique.map((category) => ({ group_id: id, category })))
        .execute();
  }

  async deleteGroup(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('unit_groups').where('id', '=', id).execute();
  }

  async groupInUse(db: Executor, id: number): Promise<boolean> {
    return (await db.selectFrom('duty_units').select('id').where('group_id', '=', id).executeTakeFirst()) !== undefined;
  }

  /** Active units whose category a group names. */
  async membersOfGroup(
    groupId: number,
    db: Executor = this.db,
  ): Promise<Array<{ id: number; name: string; shortName: string }>> {
    const rows = await db
      .selectFrom('units')
      .select(['id', 'name', 'short_name'])
      .where('active', '=', 1)
      .where('category', 'in', (eb) =>
        eb.selectFrom('unit_group_categories').select('category').where('group_id', '=', groupId),
      )
      .orderBy('sort_order')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, shortName: r.short_name }));
  }
}
