import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import type { GroupInput, UnitInput, UnitPatch } from './org.schemas.js';
import { UnitNameIndex } from './unit-names.js';
import type { GroupView, UnitsRepository, UnitView } from './units.repository.js';

export class UnitsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: UnitsRepository,
  ) {}

  async list(actor: Actor, filter: { category?: string; q?: string; active?: boolean }): Promise<UnitView[]> {
    authorize(actor, 'unit.read');
    return this.repo.list(filter);
  }

  async get(actor: Actor, id: number): Promise<UnitView> {
    authorize(actor, 'unit.read');
    const unit = await this.repo.get(id);
    if (!unit) throw notFound('单位');
    return unit;
  }

  find(id: number, db?: Executor): Promise<UnitView | undefined> {
    return this.repo.get(id, db);
  }

  findMany(ids: readonly number[], db?: Executor): Promise<UnitView[]> {
    return this.repo.getMany(ids, db);
  }

  all(db?: Executor): Promise<UnitView[]> {
    return this.repo.list({}, db);
  }

  /** An index of every name units answer to, for resolving names in imports and mail. */
  async nameIndex(db?: Executor): Promise<UnitNameIndex> {
    return new UnitNameIndex(await this.repo.allNames(db));
  }

  async create(actor: Actor, input: UnitInput): Promise<UnitView> {
    authorize(actor, 'unit.write');
    return this.uow.run(async (trx, emit) => {
      const unit = await this.createIn(trx, input);
      await emit({
        type: 'unit.created',
        actor,
        entityType: 'unit',
        entityId: unit.id,
        summary: `新建单位“${unit.name}”`,
        details: { input },
      });
      return unit;
    });
  }

  async createIn(trx: Executor, input: UnitInput): Promise<UnitView> {
    await this.assertNamesFree(trx, [input.name, input.shortName, ...input.aliases], null);
    if (await this.repo.codeOwner(input.code, trx)) throw invalid('code', `单位代码 ${input.code} 已被其他单位使用`);
    await this.assertEmailsFree(trx, input.emails, null);
    const now = nowIso();
    const id = await this.repo.insert(
      trx,
      {
        name: input.name,
        short_name: input.shortName,
        category: input.category,
        code: input.code,
        sort_order: input.sortOrder,
        active: input.active ? 1 : 0,
        assessed_from: input.assessedFrom ?? null,
        created_at: now,
        updated_at: now,
      },
      input.aliases.filter((a) => a !== input.name && a !== input.shortName),
      input.emails,
    );
    return (await this.repo.get(id, trx))!;
  }

  async update(actor: Actor, id: number, patch: UnitPatch): Promise<UnitView> {
    authorize(actor, 'unit.write');
    return this.uow.run(async (trx, emit) => {
      const before = await this.repo.get(id, trx);
      if (!before) throw notFound('单位');
      const names = [patch.name, patch.shortName, ...(patch.aliases ?? [])].filter((n): n is string => !!n);
      await this.assertNamesFree(trx, names, id);
      if (patch.code && patch.code !== before.code && (await this.repo.codeOwner(patch.code, trx))) {
        throw invalid('code', `单位代码 ${patch.code} 已被其他单位使用`);
      }
      if (patch.emails) await this.assertEmailsFree(trx, patch.emails, id);
      await this.repo.update(trx, id, {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.shortName !== undefined && { short_name: patch.shortName }),
        ...(patch.category !== undefined && { category: patch.category }),
        ...(patch.code !== undefined && { code: patch.code }),
        ...(patch.sortOrder !== undefined && { sort_order: patch.sortOrder }),
        ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
        ...(patch.assessedFrom !== undefined && { assessed_from: patch.assessedFrom }),
        updated_at: nowIso(),
      });
      if (patch.aliases) await this.repo.replaceAliases(trx, id, patch.aliases);
      if (patch.emails) await this.repo.replaceEmails(trx, id, patch.emails);
      await emit({
        type: 'unit.updated',
        actor,
        entityType: 'unit',
        entityId: id,
        summary: `修改单位“${before.name}”`,
        details: { patch },
      });
      return (await this.repo.get(id, trx))!;
    });
  }

  /** Record another name for a unit (the import learns 民政局（双拥办） → 双拥办). */
  async addAliasIn(trx: Executor, unitId: number, alias: string): Promise<boolean> {
    const owner = await this.repo.nameOwner(alias, null, trx);
    if (owner !== undefined) return false;
    await this.repo.addAlias(trx, unitId, alias);
    return true;
  }

  async remove(actor: Actor, id: number): Promise<void> {
    authorize(actor, 'unit.write');
    await this.uow.run(async (trx, emit) => {
      const unit = await this.repo.get(id, trx);
      if (!unit) throw notFound('单位');
      const refs = await this.repo.references(trx, id);
      if (refs.articles || refs.accounts || refs.duties) {
        throw new AppError(
          'IN_USE',
          `单位“${unit.shortName}”仍有 ${refs.articles} 条信息、${refs.accounts} 个账号、${refs.duties} 项保障责任，不能删除；可改为停用`,
        );
      }
      await this.repo.delete(trx, id);
      await emit({ type: 'unit.deleted', actor, entityType: 'unit', entityId: id, summary: `删除单位“${unit.name}”` });
    });
  }

  // Groups ------------------------------------------------------------------------------------

  async listGroups(
    actor: Actor,
  ): Promise<Array<GroupView & { members: Array<{ id: number; name: string; shortName: string }> }>> {
    authorize(actor, 'unit.read');
    const groups = await this.repo.listGroups();
    return Promise.all(groups.map(async (g) => ({ ...g, members: await this.repo.membersOfGroup(g.id) })));
  }

  groups(db?: Executor): Promise<GroupView[]> {
    return this.repo.listGroups(db);
  }

  membersOfGroup(groupId: number, db?: Executor) {
    return this.repo.membersOfGroup(groupId, db);
  }

  async createGroup(actor: Actor, input: GroupInput): Promise<GroupView> {
    authorize(actor, 'unit.write');
    return this.uow.run(async (trx, emit) => {
      if (await this.repo.getGroupByName(input.name, trx))
        throw new AppError('DUPLICATE', `已有名为“${input.name}”的单位分组`);
      const id = await this.repo.insertGroup(trx, input.name, input.description ?? null, input.categories);
      await emit({
        type: 'group.created',
        actor,
        entityType: 'group',
        entityId: id,
        summary: `新建单位分组“${input.name}”`,
        details: { input },
      });
      return (await this.repo.listGroups(trx)).find((g) => g.id === id)!;
    });
  }

  async updateGroup(actor: Actor, id: number, input: GroupInput): Promise<GroupView> {
    authorize(actor, 'unit.write');
    return this.uow.run(async (trx, emit) => {
      const groups = await this.repo.listGroups(trx);
      const before = groups.find((g) => g.id === id);
      if (!before) throw notFound('单位分组');
      if (groups.some((g) => g.id !== id && g.name === input.name))
        throw new AppError('DUPLICATE', `已有名为“${input.name}”的单位分组`);
      await this.repo.updateGroup(trx, id, input.name, input.description ?? null, input.categories);
      await emit({
        type: 'group.updated',
        actor,
        entityType: 'group',
        entityId: id,
        summary: `修改单位分组“${before.name}”`,
        details: { input },
      });
      return (await this.repo.listGroups(trx)).find((g) => g.id === id)!;
    });
  }

  async removeGroup(actor: Actor, id: number): Promise<void> {
    authorize(actor, 'unit.write');
    await this.uow.run(async (trx, emit) => {
      const group = (await this.repo.listGroups(trx)).find((g) => g.id === id);
      if (!group) throw notFound('单位分组');
      if (await this.repo.groupInUse(trx, id))
        throw new AppError('IN_USE', `分组“${group.name}”仍是栏目的保障单位，不能删除`);
      await this.repo.deleteGroup(trx, id);
      await emit({
        type: 'group.deleted',
        actor,
        entityType: 'group',
        entityId: id,
        summary: `删除单位分组“${group.name}”`,
      });
    });
  }

  async ensureGroupIn(
    trx: Executor,
    name: string,
    description: string,
    categories: readonly string[],
  ): Promise<{ id: number; created: boolean }> {
    const existing = await this.repo.getGroupByName(name, trx);
    if (existing) return { id: existing.id, created: false };
    return { id: await this.repo.insertGroup(trx, name, description, categories), created: true };
  }

  private async assertNamesFree(trx: Executor, names: string[], unitId: number | null) {
    for (const n of names) {
      const owner = await this.repo.nameOwner(n, unitId, trx);
      if (owner !== undefined) throw invalid('name', `名称“${n}”已被其他单位使用（全称、简称或别名）`);
    }
  }

  private async assertEmailsFree(trx: Executor, emails: string[], unitId: number | null) {
    for (const e of emails) {
      const owner = await this.repo.emailOwner(e, trx);
      if (owner !== undefined && owner !== unitId) throw invalid('emails', `邮箱 ${e} 已登记在其他单位名下`);
    }
  }
}
