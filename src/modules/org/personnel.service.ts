import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { invalid, notFound } from '../../platform/errors.js';
import {
  PERSONNEL_ROLE_LABELS,
  UNIT_CATEGORY_LABELS,
  type PersonInput,
  type PersonPatch,
  type RequirementInput,
  type SavedPerson,
  type UnitCategory,
} from './org.schemas.js';
import { toPersonView as toView, type PersonnelRepository, type PersonView } from './personnel.repository.js';
import { DEFAULT_REQUIREMENT, tooManyLeaders } from './roster-plan.js';

/** A person as saved, with the warning the save deserves (a second 分管领导), null when none. */
export type { SavedPerson } from '../../contract/org.js';

export class PersonnelService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: PersonnelRepository,
  ) {}

  async list(actor: Actor, unitId?: number): Promise<PersonView[]> {
    return this.repo.list(authorize(actor, 'personnel.read'), unitId);
  }

  /**
   * Units missing a 分管领导 or a 信息员, as the notice (四(一)) requires both, unless the office set
   * the unit apart (personnel_requirements).
   */
  async missingReport(actor: Actor) {
    authorize(actor, 'personnel.read');
    const [rows, requirements] = await Promise.all([this.repo.coverage(), this.repo.requirements()]);
    return rows
      .map((r) => {
        const need = requirements.get(r.unit.id) ?? DEFAULT_REQUIREMENT;
        return { ...r, missingLeader: r.leaders < need.leaders, missingOfficer: r.officers < need.minOfficers };
      })
      .filter((r) => r.missingLeader || r.missingOfficer)
      .map((r) => ({
        unitId: r.unit.id,
        unitName: r.unit.name,
        shortName: r.unit.short_name,
        category: r.unit.category,
        categoryLabel: UNIT_CATEGORY_LABELS[r.unit.category as UnitCategory] ?? r.unit.category,
        missingLeader: r.missingLeader,
        missingOfficer: r.missingOfficer,
        missing: [
          r.missingLeader ? PERSONNEL_ROLE_LABELS.leader : null,
          r.missingOfficer ? PERSONNEL_ROLE_LABELS.officer : null,
        ]
          .filter(Boolean)
          .join('、'),
      }));
  }

  /** Units with more 分管领导 than the office expects (one, unless it said otherwise). */
  async leaderWarnings(actor: Actor) {
    const scope = authorize(actor, 'personnel.read');
    const [people, requirements, units] = await Promise.all([
      this.repo.list(scope),
      this.repo.requirements(),
      this.repo.unitRefs(),
    ]);
    const leaders = new Map<number, string[]>();
    for (const p of people) if (p.role === 'leader') leaders.set(p.unitId, [...(leaders.get(p.unitId) ?? []), p.name]);
    return [...leaders]
      .map(([unitId, names]) => ({
        unitId,
        names,
        expected: (requirements.get(unitId) ?? DEFAULT_REQUIREMENT).leaders,
      }))
      .filter((x) => x.expected > 0 && x.names.length > x.expected && units.get(x.unitId)?.active)
      .map((x) => ({
        unitId: x.unitId,
        unitName: units.get(x.unitId)!.shortName,
        leaders: x.names,
        expected: x.expected,
        message: tooManyLeaders(x.names, x.expected),
      }));
  }

  async requirements(actor: Actor) {
    authorize(actor, 'personnel.read');
    const [rows, units] = await Promise.all([this.repo.requirements(), this.repo.unitRefs()]);
    return [...rows]
      .filter(([unitId]) => units.has(unitId))
      .map(([unitId, r]) => ({ unitId, unitName: units.get(unitId)!.shortName, ...r }));
  }

  async setRequirement(actor: Actor, unitId: number, input: RequirementInput) {
    authorize(actor, 'personnel.manage');
    await this.uow.run(async (trx, emit) => {
      const unit = (await this.repo.unitRefs(trx)).get(unitId);
      if (!unit) throw notFound('单位');
      const before = (await this.repo.requirements(trx)).get(unitId) ?? null;
      await this.repo.putRequirement(
        trx,
        unitId,
        { leaders: input.leaders, minOfficers: input.minOfficers, note: input.note },
        actor.kind === 'account' ? actor.accountId : null,
        nowIso(),
      );
      await emit({
        type: 'personnel.requirement_set',
        actor,
        entityType: 'unit',
        entityId: unitId,
        summary: `设置${unit.shortName}保障人员要求：分管领导 ${input.leaders} 名，信息员至少 ${input.minOfficers} 名（${input.note}）`,
        details: { before, after: input },
      });
    });
    return (await this.requirements(actor)).find((r) => r.unitId === unitId)!;
  }

  async clearRequirement(actor: Actor, unitId: number): Promise<void> {
    authorize(actor, 'personnel.manage');
    await this.uow.run(async (trx, emit) => {
      const unit = (await this.repo.unitRefs(trx)).get(unitId);
      const before = (await this.repo.requirements(trx)).get(unitId);
      if (!unit || !before) throw notFound('该单位的人员要求');
      await this.repo.deleteRequirement(trx, unitId);
      await emit({
        type: 'personnel.requirement_cleared',
        actor,
        entityType: 'unit',
        entityId: unitId,
        summary: `${unit.shortName}保障人员要求恢复为分管领导 1 名、信息员至少 1 名`,
        details: { before },
      });
    });
  }

  async create(actor: Actor, input: PersonInput): Promise<SavedPerson> {
    const scope = authorize(actor, 'personnel.write');
    if (scope.kind === 'unit' && scope.unitId !== input.unitId) throw invalid('unitId', '只能登记本单位的人员');
    return this.uow.run(async (trx, emit) => {
      const unit = await trx
        .selectFrom('units')
        .select(['id', 'short_name'])
        .where('id', '=', input.unitId)
        .executeTakeFirst();
      if (!unit) throw invalid('unitId', '单位不存在');
      const now = nowIso();
      const id = await this.repo.insert(trx, {
        unit_id: input.unitId,
        role: input.role,
        name: input.name,
        post: input.post ?? null,
        phone: input.phone ?? null,
        mobile: input.mobile ?? null,
        email: input.email ?? null,
        created_at: now,
        updated_at: now,
      });
      await emit({
        type: 'personnel.created',
        actor,
        entityType: 'personnel',
        entityId: id,
        summary: `登记${unit.short_name}${PERSONNEL_ROLE_LABELS[input.role]}“${input.name}”`,
        details: { input },
      });
      return this.saved(trx, id);
    });
  }

  async update(actor: Actor, id: number, patch: PersonPatch): Promise<SavedPerson> {
    const scope = authorize(actor, 'personnel.write');
    return this.uow.run(async (trx, emit) => {
      const before = await this.repo.get(scope, id, trx);
      if (!before) throw notFound('人员');
      await this.repo.update(trx, id, {
        ...(patch.role !== undefined && { role: patch.role }),
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.post !== undefined && { post: patch.post }),
        ...(patch.phone !== undefined && { phone: patch.phone }),
        ...(patch.mobile !== undefined && { mobile: patch.mobile }),
        ...(patch.email !== undefined && { email: patch.email }),
        updated_at: nowIso(),
      });
      await emit({
        type: 'personnel.updated',
        actor,
        entityType: 'personnel',
        entityId: id,
        summary: `修改人员“${before.name}”`,
        details: { patch },
      });
      return this.saved(trx, id);
    });
  }

  async remove(actor: Actor, id: number): Promise<void> {
    const scope = authorize(actor, 'personnel.write');
    await this.uow.run(async (trx, emit) => {
      const before = await this.repo.get(scope, id, trx);
      if (!before) throw notFound('人员');
      await this.repo.delete(trx, id);
      await emit({
        type: 'personnel.deleted',
        actor,
        entityType: 'personnel',
        entityId: id,
        summary: `删除人员“${before.name}”`,
      });
    });
  }

  /** The saved person, and a warning when its unit now has more 分管领导 than expected. */
  private async saved(trx: Executor, id: number): Promise<SavedPerson> {
    const view = toView((await this.repo.get({ kind: 'all' }, id, trx))!);
    let warning: string | null = null;
    if (view.role === 'leader') {
      const names = await this.repo.leaderNames(view.unitId, trx);
      const expected = ((await this.repo.requirements(trx)).get(view.unitId) ?? DEFAULT_REQUIREMENT).leaders;
      if (expected > 0 && names.length > expected) warning = tooManyLeaders(names, expected);
    }
    return { ...view, warning };
  }
}
