import type { Kysely } from 'kysely';
import { DutiesRepository } from './duties.repository.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { nowIso } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { notFound } from '../../platform/errors.js';
import type { Settings } from '../../platform/settings.js';
import type { GuaranteeEvaluator } from './evaluation.service.js';
import type { DutyParamsInput, SettingsInput } from './guarantee-status.schemas.js';
import {
  DEFAULT_SETTINGS,
  mergeSettings,
  planLabel,
  planOf,
  SETTINGS_KEY,
  type CheckOverrides,
  type GuaranteeSettings,
} from './rules/params.js';
import { checkOf, dutyRuleColumns, readDutyRule, withCheck } from './duty-rule.js';

// The editable numbers: the site-wide thresholds (windows, early warnings, notices, link probes) and
// each duty's own check parameters, kept in the duty's rule JSON under `check`.

export class GuaranteeSettingsService {
  private readonly duties: DutiesRepository;

  constructor(
    db: Kysely<DB>,
    private readonly uow: UnitOfWork,
    private readonly store: Settings,
    private readonly evaluator: GuaranteeEvaluator,
  ) {
    this.duties = new DutiesRepository(db);
  }

  async get(actor: Actor): Promise<{ settings: GuaranteeSettings; defaults: GuaranteeSettings }> {
    authorize(actor, 'guarantee.read');
    return { settings: await this.evaluator.settings(), defaults: DEFAULT_SETTINGS };
  }

  async put(actor: Actor, input: SettingsInput): Promise<{ settings: GuaranteeSettings; defaults: GuaranteeSettings }> {
    authorize(actor, 'guarantee.write');
    return this.uow.run(async (trx, emit) => {
      const before = mergeSettings(await this.store.get<Partial<GuaranteeSettings> | null>(SETTINGS_KEY, null, trx));
      const next = mergeSettings({
        ...before,
        ...input,
        indicators: { ...before.indicators, ...(input.indicators ?? {}) },
        windows: { ...before.windows, ...(input.windows ?? {}) },
      } as Partial<GuaranteeSettings>);
      await this.store.set(trx, SETTINGS_KEY, next);
      await emit({
        type: 'guarantee.settings_updated',
        actor,
        entityType: 'settings',
        entityId: SETTINGS_KEY,
        summary: '修改内容保障检查参数（更新期限、预警阈值、提醒与外链检测）',
        details: { before, after: next },
      });
      return { settings: next, defaults: DEFAULT_SETTINGS };
    });
  }

  async dutyParams(actor: Actor, dutyId: number) {
    authorize(actor, 'guarantee.read');
    const row = await this.duties.withClass(dutyId);
    if (!row) throw notFound('保障责任');
    const settings = await this.evaluator.settings();
    const rule = readDutyRule(row);
    const overrides = checkOf(rule);
    const plan = planOf(rule, overrides, row.update_class, settings);
    return {
      dutyId: row.id,
      columnName: row.column_name,
      cadence: rule.cadence,
      overrides,
      plan,
      rule: planLabel(plan),
    };
  }

  /** Replace a duty's check parameters; fields left out go back to their defaults. */
  async putDutyParams(actor: Actor, dutyId: number, input: DutyParamsInput) {
    authorize(actor, 'guarantee.write');
    await this.uow.run(async (trx, emit) => {
      const row = await this.duties.get(dutyId, trx);
      if (!row) throw notFound('保障责任');
      const rule = readDutyRule(row);
      const before = checkOf(rule);
      const check = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as CheckOverrides;
      await this.duties.update(trx, dutyId, { ...dutyRuleColumns(withCheck(rule, check)), updated_at: nowIso() });
      await emit({
        type: 'duty.check_updated',
        actor,
        entityType: 'duty',
        entityId: dutyId,
        siteId: row.site_id,
        summary: `修改栏目“${row.column_name}”保障责任的考核参数`,
        details: { before, after: check },
      });
    });
    return this.dutyParams(actor, dutyId);
  }
}
