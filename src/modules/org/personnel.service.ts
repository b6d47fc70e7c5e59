import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { nowIso } from '../../platform/db/helpers.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { invalid, notFound } from '../../platform/errors.js';
import {
  PERSONNEL_ROLE_LABELS,
  UNIT_CATEGORY_LABELS,
  type PersonInput,
  type PersonPatch,
  type UnitCategory,
} from './org.schemas.js';
import { toPersonView as toView, type PersonnelRepository, type PersonView } from './personnel.repository.js';

export class PersonnelService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: PersonnelRepository,
  ) {}

  async list(actor: Actor, unitId?: number): Promise<PersonView[]> {
    return this.repo.list(authorize(actor, 'personnel.read'), unitId);
  }

  /** Units missing a 分管领导 or a 信息员, as the notice (四(一)) requires both. */
  async missingReport(actor: Actor) {
    authorize(actor, 'personnel.read');
    const rows = await this.repo.coverage();
    return rows
      .filter((r) => r.leaders === 0 || r.officers === 0)
      .map((r) => ({
        unitId: r.unit.id,
        unitName: r.unit.name,
        shortName: r.unit.short_name,
        category: r.unit.category,
        categoryLabel: UNIT_CATEGORY_LABELS[r.unit.category as UnitCategory] ?? r.unit.category,
        missingLeader: r.leaders === 0,
        missingOfficer: r.officers === 0,
        missing: [
          r.leaders === 0 ? PERSONNEL_ROLE_LABELS.leader : null,
          r.officers === 0 ? PERSONNEL_ROLE_LABELS.officer : null,
        ]
          .filter(Boolean)
          .join('、'),
      }));
  }

  async create(actor: Actor, input: PersonInput): Promise<PersonView> {
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
      return toView((await this.repo.get({ kind: 'all' }, id, trx))!);
    });
  }

  async update(actor: Actor, id: number, patch: PersonPatch): Promise<PersonView> {
    const scope = authorize(actor, 'personnel.write');
    return this.uow.run(async (trx, emit) => {
      const before = await this.repo.get(scope, id, trx);
      if (!before) throw notFound('人员');
      await this.repo.update(trx, id, {
        ...(patch.role !== undefined && { role: patch.role }),
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.post !== undefined && { post: patch.post }),
        ...(patch.phone !== undefined && { phone: patch.phone }),
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
      return toView((await this.repo.get(scope, id, trx))!);
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
}
