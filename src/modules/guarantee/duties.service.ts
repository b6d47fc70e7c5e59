import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import type { UnitsService } from '../org/units.service.js';
import type { ColumnsService } from '../sites/columns.service.js';
import type { DutiesRepository, DutyRow, PartyRow, PartyValues } from './duties.repository.js';
import { chooseByHand, type DutyRule, dutyRuleColumns, readDutyRule, readingOf } from './duty-rule.js';
import type { DutyInput, DutyListQuery, DutyPatch, ParseInput, PartyInput } from './guarantee.schemas.js';
import { cadenceLabel, CHANNEL_LABELS, parseRequirement, type Cadence, type Channel } from './requirement.js';
import { isVaguePhrase, PARTY_ROLE_LABELS, parseResponsibility, type PartyRole } from './responsibility.js';
import type { UnitCatalogue } from './unit-catalogue.js';

export type PartyKind = 'unit' | 'group' | 'vague' | 'unresolved';

export interface PartyView {
  id: number;
  kind: PartyKind;
  unitId: number | null;
  unitName: string | null;
  groupId: number | null;
  groupName: string | null;
  role: PartyRole;
  roleLabel: string;
  label: string;
}

export interface DutyView {
  id: number;
  siteId: number;
  columnId: number;
  columnName: string;
  /** The column's names from the top: 政务公开/管理公开/财政预决算. */
  columnPath: string;
  columnSlugPath: string;
  requirementText: string;
  cadence: Cadence;
  cadenceLabel: string;
  minPerWeek: number | null;
  channel: Channel;
  channelLabel: string;
  rule: DutyRule;
  note: string | null;
  /** The day the duty applies from (YYYY-MM-DD); checks before it say 未生效. */
  effectiveFrom: string;
  parties: PartyView[];
  createdAt: string;
  updatedAt: string;
}

/** What the import (and the API) writes: a duty of one column. */
export interface DutySpec {
  columnId: number;
  requirementText: string;
  rule: DutyRule;
  note: string | null;
  effectiveFrom: string;
  parties: PartyValues[];
}

export interface StoredDuty {
  id: number;
  requirementText: string;
  rule: DutyRule;
  note: string | null;
  effectiveFrom: string;
  parties: PartyValues[];
}

function partyKind(p: { unit_id: number | null; group_id: number | null; label: string }): PartyKind {
  if (p.unit_id !== null) return 'unit';
  if (p.group_id !== null) return 'group';
  return isVaguePhrase(p.label) ? 'vague' : 'unresolved';
}

export class DutiesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: DutiesRepository,
    private readonly columns: ColumnsService,
    private readonly units: UnitsService,
    private readonly catalogue: () => UnitCatalogue,
    /** Today in Asia/Shanghai: a duty made without a date applies from the day it is made. */
    private readonly today: () => string,
  ) {}

  async list(actor: Actor, q: DutyListQuery): Promise<DutyView[]> {
    authorize(actor, 'duty.read');
    return this.views(await this.repo.list(q));
  }

  async get(actor: Actor, id: number): Promise<DutyView> {
    authorize(actor, 'duty.read');
    const row = await this.repo.get(id);
    if (!row) throw notFound('保障责任');
    return (await this.views([row]))[0]!;
  }

  async create(actor: Actor, input: DutyInput): Promise<DutyView> {
    authorize(actor, 'duty.write');
    return this.uow.run(async (trx, emit) => {
      const column = await this.columns.findById(input.columnId, trx);
      if (!column) throw invalid('columnId', '栏目不存在');
      if (column.source_column_id !== null)
        throw invalid('columnId', `“${column.name}”显示的是其他栏目的信息，请为原栏目设置保障责任`);
      if (await this.repo.byColumn(input.columnId, trx))
        throw new AppError('DUPLICATE', `栏目“${column.name}”已有保障责任，请修改原有记录`);
      const parties = await this.resolveParties(trx, input.parties);
      const parsed = parseRequirement(input.requirementText, {
        columnName: column.name,
        cobuilt: isCobuilt(parties),
      }).rule;
      const rule = chooseByHand(parsed, input);
      const id = await this.createIn(trx, {
        columnId: column.id,
        requirementText: input.requirementText,
        rule,
        note: input.note ?? null,
        effectiveFrom: input.effectiveFrom ?? this.today(),
        parties,
      });
      await emit({
        type: 'duty.created',
        actor,
        entityType: 'duty',
        entityId: id,
        siteId: column.site_id,
        summary: `新建栏目“${column.name}”的保障责任：${partySummary(parties)}，${input.requirementText}`,
        details: { input },
      });
      return (await this.views([(await this.repo.get(id, trx))!], trx))[0]!;
    });
  }

  async update(actor: Actor, id: number, patch: DutyPatch): Promise<DutyView> {
    authorize(actor, 'duty.write');
    return this.uow.run(async (trx, emit) => {
      const before = await this.repo.get(id, trx);
      if (!before) throw notFound('保障责任');
      const parties = patch.parties
        ? await this.resolveParties(trx, patch.parties)
        : toValues(await this.repo.parties([id], trx));
      const text = patch.requirementText ?? before.requirement_text;
      const stored = readDutyRule(before);
      // Wording sent from the editor is read afresh, and the person's choices are those sent with it;
      // otherwise the stored rule and its earlier choices are the base. The check parameters stay.
      const rule =
        patch.requirementText !== undefined
          ? chooseByHand(
              parseRequirement(text, { columnName: before.column_name, cobuilt: isCobuilt(parties) }).rule,
              patch,
              { check: stored.check },
            )
          : chooseByHand(readingOf(stored), patch, stored);
      await this.replaceIn(trx, id, {
        columnId: before.column_id,
        requirementText: text,
        rule,
        note: patch.note !== undefined ? patch.note : before.note,
        effectiveFrom: patch.effectiveFrom ?? before.effective_from,
        parties,
      });
      await emit({
        type: 'duty.updated',
        actor,
        entityType: 'duty',
        entityId: id,
        siteId: before.site_id,
        summary: `修改栏目“${before.column_name}”的保障责任`,
        details: {
          patch,
          before: {
            requirementText: before.requirement_text,
            rule: readDutyRule(before),
            effectiveFrom: before.effective_from,
          },
        },
      });
      return (await this.views([(await this.repo.get(id, trx))!], trx))[0]!;
    });
  }

  async remove(actor: Actor, id: number): Promise<void> {
    authorize(actor, 'duty.write');
    await this.uow.run(async (trx, emit) => {
      const before = await this.repo.get(id, trx);
      if (!before) throw notFound('保障责任');
      const parties = await this.repo.parties([id], trx);
      await this.repo.delete(trx, id);
      await emit({
        type: 'duty.deleted',
        actor,
        entityType: 'duty',
        entityId: id,
        siteId: before.site_id,
        summary: `删除栏目“${before.column_name}”的保障责任`,
        details: { requirementText: before.requirement_text, parties: parties.map((p) => p.label) },
      });
    });
  }

  /** Live preview while someone types a requirement and the responsible units: nothing is written. */
  async parse(actor: Actor, input: ParseInput) {
    authorize(actor, 'duty.read');
    const responsibility = parseResponsibility(input.responsibleText ?? '');
    const { text, rule } = parseRequirement(input.requirementText, {
      columnName: input.columnName,
      cobuilt: responsibility.cobuilt,
    });
    const [index, groups] = await Promise.all([this.units.nameIndex(), this.units.groups()]);
    const unitIds = responsibility.parties
      .flatMap((p) => (p.kind === 'unit' ? [index.resolve(p.label) ?? index.resolve(p.name)] : []))
      .filter((u): u is number => u !== null);
    const names = new Map((await this.units.findMany(unitIds)).map((u) => [u.id, u.shortName]));
    const parties = responsibility.parties.map((p) => {
      const common = {
        role: p.role,
        roleLabel: PARTY_ROLE_LABELS[p.role],
        label: p.label,
        unitId: null as number | null,
        unitName: null as string | null,
        groupId: null as number | null,
        groupName: null as string | null,
      };
      if (p.kind === 'vague') return { ...common, kind: 'vague' as const, status: '泛指，不对应具体单位' };
      if (p.kind === 'group') {
        const g = groups.find((x) => x.name === p.group);
        return {
          ...common,
          kind: 'group' as const,
          groupId: g?.id ?? null,
          groupName: p.group,
          status: g ? '单位分组' : '单位分组（导入时新建）',
        };
      }
      const unitId = index.resolve(p.label) ?? index.resolve(p.name);
      if (unitId !== null)
        return {
          ...common,
          kind: 'unit' as const,
          unitId,
          unitName: names.get(unitId) ?? null,
          alias: p.alias,
          status: '已有单位',
        };
      const known = this.catalogue().find(p.name);
      return {
        ...common,
        kind: known ? ('unit' as const) : ('unresolved' as const),
        alias: p.alias,
        status: known ? `导入时按单位目录新建“${known.name}”` : '未能识别的单位名称',
      };
    });
    return {
      requirement: {
        text,
        cadence: rule.cadence,
        cadenceLabel: cadenceLabel(rule.cadence, rule.minPerWeek),
        minPerWeek: rule.minPerWeek,
        channel: rule.channel,
        channelLabel: CHANNEL_LABELS[rule.channel],
        rule,
      },
      parties,
      cobuilt: responsibility.cobuilt,
      warnings: [...rule.warnings, ...responsibility.warnings],
    };
  }

  // Inside a transaction: the guarantee-list import ------------------------------------------------

  async createIn(trx: Executor, spec: DutySpec): Promise<number> {
    const now = nowIso();
    const id = await this.repo.insert(trx, { ...columnsOf(spec), created_at: now, updated_at: now });
    await this.repo.replaceParties(trx, id, spec.parties);
    return id;
  }

  async replaceIn(trx: Executor, id: number, spec: DutySpec): Promise<void> {
    await this.repo.update(trx, id, { ...columnsOf(spec), updated_at: nowIso() });
    await this.repo.replaceParties(trx, id, spec.parties);
  }

  /** The duties of a site's columns by column id, with their parties, for comparing with a list. */
  async forSiteIn(trx: Executor, siteId: number): Promise<Map<number, StoredDuty>> {
    const rows = await this.repo.list({ siteId }, trx);
    const parties = await this.repo.parties(
      rows.map((r) => r.id),
      trx,
    );
    const out = new Map<number, StoredDuty>();
    for (const r of rows) {
      if (out.has(r.column_id)) continue;
      out.set(r.column_id, {
        id: r.id,
        requirementText: r.requirement_text,
        rule: readDutyRule(r),
        note: r.note,
        effectiveFrom: r.effective_from,
        parties: toValues(parties.filter((p) => p.duty_id === r.id)),
      });
    }
    return out;
  }

  private async resolveParties(trx: Executor, input: readonly PartyInput[]): Promise<PartyValues[]> {
    const groups = input.some((p) => p.groupId) ? await this.units.groups(trx) : [];
    const out: PartyValues[] = [];
    for (const [i, p] of input.entries()) {
      if (p.unitId) {
        const unit = await this.units.find(p.unitId, trx);
        if (!unit) throw invalid(`parties.${i}.unitId`, '单位不存在');
        out.push({ unitId: unit.id, groupId: null, role: p.role, label: p.label || unit.shortName });
      } else if (p.groupId) {
        const group = groups.find((g) => g.id === p.groupId);
        if (!group) throw invalid(`parties.${i}.groupId`, '单位分组不存在');
        out.push({ unitId: null, groupId: group.id, role: p.role, label: p.label || group.name });
      } else {
        out.push({ unitId: null, groupId: null, role: p.role, label: p.label! });
      }
    }
    return out;
  }

  private async views(rows: DutyRow[], db?: Executor): Promise<DutyView[]> {
    if (!rows.length) return [];
    const [parties, paths] = await Promise.all([
      this.repo.parties(
        rows.map((r) => r.id),
        db,
      ),
      this.repo.namePaths(
        rows.map((r) => r.column_id),
        db,
      ),
    ]);
    return rows.map((r) => {
      const rule = readDutyRule(r);
      return {
        id: r.id,
        siteId: r.site_id,
        columnId: r.column_id,
        columnName: r.column_name,
        columnPath: paths.get(r.column_id) ?? r.column_name,
        columnSlugPath: r.column_path,
        requirementText: r.requirement_text,
        cadence: rule.cadence,
        cadenceLabel: cadenceLabel(rule.cadence, rule.minPerWeek),
        minPerWeek: rule.minPerWeek,
        channel: rule.channel,
        channelLabel: CHANNEL_LABELS[rule.channel],
        rule,
        note: r.note,
        effectiveFrom: r.effective_from,
        parties: parties.filter((p) => p.duty_id === r.id).map(toPartyView),
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      };
    });
  }
}

function toPartyView(p: PartyRow): PartyView {
  const role = p.role as PartyRole;
  return {
    id: p.id,
    kind: partyKind(p),
    unitId: p.unit_id,
    unitName: p.unit_name,
    groupId: p.group_id,
    groupName: p.group_name,
    role,
    roleLabel: PARTY_ROLE_LABELS[role],
    label: p.label,
  };
}

function toValues(rows: PartyRow[]): PartyValues[] {
  return rows.map((p) => ({ unitId: p.unit_id, groupId: p.group_id, role: p.role as PartyRole, label: p.label }));
}

function columnsOf(spec: DutySpec) {
  return {
    column_id: spec.columnId,
    requirement_text: spec.requirementText,
    ...dutyRuleColumns(spec.rule),
    note: spec.note,
    effective_from: spec.effectiveFrom,
  };
}

const isCobuilt = (parties: readonly PartyValues[]) =>
  parties.some((p) => p.role === 'lead') && parties.some((p) => p.role === 'cooperate');

function partySummary(parties: readonly PartyValues[]): string {
  return parties.length
    ? parties.map((p) => (p.role === 'cooperate' ? `${p.label}（配合）` : p.label)).join('、')
    : '未明确保障单位';
}
