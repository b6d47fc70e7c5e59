import type { Kysely } from 'kysely';
import { NoticesRepository } from './notices.repository.js';
import type { Actor } from '../../platform/auth/actor.js';
import { systemActor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { addDays, mondayOf } from '../../platform/calendar/days.js';
import type { Executor } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { nowIso } from '../../platform/db/helpers.js';
import type { NotifyService } from '../notify/notify.service.js';
import type { DutyStatusView } from './evaluation.service.js';
import type { Status } from './rules/counted.js';
import type { GuaranteeSettings } from './rules/params.js';
import type { CheckResult } from './status.service.js';

// Warnings and escalation. Due-soon and breached duties are told to the responsible unit's 信息员 and
// 分管领导 (their unit_officer / unit_leader accounts: the 附件3 roster lists people, not accounts, so
// roster e-mail addresses are not written to); a breach that lasts is escalated to the website centre.
// Every notice has a key made of what it is about (duty, unit, level, and the day the breach began or
// the period it warns of): the same notice is never created twice, across runs and restarts, and each
// one is recorded in guarantee_notices with its recipients.

export type NoticeLevel = 'due_soon' | 'breached' | 'escalated' | 'indicator';

interface Draft {
  key: string;
  siteId: number;
  dutyId: number | null;
  columnId: number | null;
  unitId: number | null;
  indicator: string | null;
  level: NoticeLevel;
  periodKey: string;
  title: string;
  body: string;
  accountIds: number[];
}

const ROLE_NAMES = ['unit_officer', 'unit_leader'];

export class NoticesService {
  private readonly repo: NoticesRepository;

  constructor(
    db: Kysely<DB>,
    private readonly uow: UnitOfWork,
    private readonly notify: NotifyService,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.repo = new NoticesRepository(db);
  }

  /** Turn a status check into notices; returns how many new ones were recorded. */
  async send(
    check: CheckResult,
    settings: GuaranteeSettings,
    workdaysSince: (since: string) => number,
  ): Promise<{ created: number; skipped: number }> {
    const drafts: Draft[] = [];
    const [unitAccounts, centre] = await Promise.all([this.unitAccounts(), this.centreAccounts()]);
    const push = (
      d: DutyStatusView,
      unitId: number | null,
      unitName: string | null,
      status: Status,
      since: string | null,
      sinceKey: string | null,
      periodKey: string | null,
      found: string,
      expected: string,
    ) => {
      if (status === 'met' || status === 'not_in_force') return;
      if (status === 'due_soon' && !settings.notices.sendDueSoon) return;
      const level: NoticeLevel = status;
      const period = (status === 'breached' ? (sinceKey ?? since) : periodKey) ?? check.day;
      const who = unitId ?? 'column';
      // A per-unit verdict goes to that unit; a column's verdict to the units named for it one by one
      // (a column kept by a whole group is the website centre's to chase).
      const named =
        unitId !== null
          ? (unitAccounts.get(unitId) ?? [])
          : [...new Set(d.namedUnitIds.flatMap((u) => unitAccounts.get(u) ?? []))];
      const noAccount = named.length === 0;
      const title = `【内容保障${status === 'breached' ? '未达标' : '提醒'}】${d.columnPath}${unitName ? `（${unitName}）` : ''}`;
      const body = [
        `栏目：${d.columnPath}`,
        unitName ? `保障单位：${unitName}` : `保障单位：${d.partyLabels.join('、') || '未明确'}`,
        `要求：${expected}`,
        `情况：${found}${status === 'breached' && since ? `（自 ${since} 起）` : ''}`,
        status === 'breached' ? '请尽快按要求报送或更新，并在内容保障页面查看详情。' : '请在期限前按要求报送或更新。',
        noAccount
          ? unitId !== null || d.namedUnitIds.length
            ? '（保障单位没有信息员或分管领导账号，本提醒已转网站中心）'
            : '（该栏目由单位分组共同保障，本提醒发送网站中心）'
          : '',
      ]
        .filter(Boolean)
        .join('\n');
      // A column one unit answers for alone (a unit's own 信息公开 columns) is that unit's notice.
      const about = unitId ?? (d.namedUnitIds.length === 1 ? d.namedUnitIds[0]! : null);
      drafts.push({
        key: `g:${level}:${d.dutyId}:${who}:${period}`,
        siteId: d.siteId,
        dutyId: d.dutyId,
        columnId: d.columnId,
        unitId: about,
        indicator: null,
        level,
        periodKey: period,
        title,
        body,
        accountIds: noAccount ? centre : named,
      });
      if (
        status === 'breached' &&
        since &&
        workdaysSince(since.slice(0, 10)) >= settings.notices.escalateAfterWorkdays
      ) {
        drafts.push({
          key: `g:escalated:${d.dutyId}:${who}:${period}`,
          siteId: d.siteId,
          dutyId: d.dutyId,
          columnId: d.columnId,
          unitId: about,
          indicator: null,
          level: 'escalated',
          periodKey: period,
          title: `【内容保障督办】${d.columnPath}${unitName ? `（${unitName}）` : ''}未达标已超过 ${settings.notices.escalateAfterWorkdays} 个工作日`,
          body: `${body}\n该项自 ${since} 起未达标，已超过 ${settings.notices.escalateAfterWorkdays} 个工作日，请网站中心督办。`,
          accountIds: centre,
        });
      }
    };
    for (const d of check.duties) {
      if (d.perUnit)
        for (const u of d.units)
          push(d, u.unitId, u.unitName, u.status, u.since, u.sinceKey, u.periodKey, u.found, u.expected);
      else push(d, null, null, d.status, d.since, d.sinceKey, d.periodKey, d.found, d.expected);
    }
    for (const site of check.sites) {
      for (const i of site.indicators) {
        if (i.level !== 'warning' && i.level !== 'veto') continue;
        const week = mondayOf(check.day);
        drafts.push({
          key: `g:indicator:${site.siteId}:${i.key}:${i.level}:${week}`,
          siteId: site.siteId,
          dutyId: null,
          columnId: null,
          unitId: null,
          indicator: i.key,
          level: 'indicator',
          periodKey: week,
          title: `【网站检查指标${i.level === 'veto' ? '达到单项否决' : '预警'}】${site.siteName}：${i.label}`,
          body: `${i.explanation}${
            i.columns.length
              ? `\n涉及栏目：${i.columns
                  .slice(0, 20)
                  .map((c) => c.path)
                  .join('；')}${i.columns.length > 20 ? ` 等 ${i.columns.length} 个` : ''}`
              : ''
          }`,
          accountIds: centre,
        });
      }
    }
    return this.record(drafts);
  }

  private async record(drafts: Draft[]): Promise<{ created: number; skipped: number }> {
    if (!drafts.length) return { created: 0, skipped: 0 };
    return this.uow.run(async (trx, emit) => {
      const existing = await this.repo.knownKeys(
        trx,
        drafts.map((d) => d.key),
      );
      const fresh = drafts.filter((d) => !existing.has(d.key));
      const accounts = await this.accountInfo(trx, [...new Set(fresh.flatMap((d) => d.accountIds))]);
      for (const d of fresh) {
        await this.notify.notifyIn(trx, {
          accountIds: d.accountIds,
          kind: `guarantee.${d.level}`,
          title: d.title,
          body: d.body,
          link: d.dutyId ? `/admin/guarantee?duty=${d.dutyId}` : '/admin/guarantee',
          dedupeKey: d.key,
        });
        await this.repo.insert(trx, {
          site_id: d.siteId,
          duty_id: d.dutyId,
          column_id: d.columnId,
          unit_id: d.unitId,
          indicator: d.indicator,
          level: d.level,
          period_key: d.periodKey.slice(0, 32),
          dedupe_key: d.key,
          title: d.title.slice(0, 300),
          body: d.body,
          recipients: JSON.stringify(d.accountIds.map((id) => accounts.get(id)).filter(Boolean)),
          created_at: nowIso(this.clock),
        });
      }
      if (fresh.length) {
        await emit({
          type: 'guarantee.notices_sent',
          actor: systemActor('guarantee'),
          entityType: 'guarantee_notice',
          entityId: null,
          summary: `发送内容保障提醒 ${fresh.length} 条（即将到期 ${fresh.filter((d) => d.level === 'due_soon').length}，未达标 ${fresh.filter((d) => d.level === 'breached').length}，督办 ${fresh.filter((d) => d.level === 'escalated').length}，站点指标 ${fresh.filter((d) => d.level === 'indicator').length}）`,
        });
      }
      return { created: fresh.length, skipped: drafts.length - fresh.length };
    });
  }

  /** The notice log, newest first; a unit sees the notices about itself. */
  async list(
    actor: Actor,
    q: { unitId?: number; level?: string; from?: string; to?: string; page: number; pageSize: number },
  ) {
    const scope = authorize(actor, 'guarantee.read');
    const { rows, total } = await this.repo.list(
      { scopeUnitId: scope.kind === 'unit' ? scope.unitId : undefined, ...q },
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    );
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        siteId: r.site_id,
        dutyId: r.duty_id,
        columnId: r.column_id,
        unitId: r.unit_id,
        indicator: r.indicator,
        level: r.level,
        periodKey: r.period_key,
        title: r.title,
        body: r.body,
        recipients: JSON.parse(r.recipients) as unknown[],
        createdAt: r.created_at,
      })),
    };
  }

  private async unitAccounts(): Promise<Map<number, number[]>> {
    const rows = await this.repo.accountsWithRoles(ROLE_NAMES);
    const out = new Map<number, number[]>();
    for (const r of rows) out.set(r.unit_id, [...new Set([...(out.get(r.unit_id) ?? []), r.id])]);
    return out;
  }

  private async centreAccounts(): Promise<number[]> {
    const rows = await this.repo.accountsWithRoles(['site_editor']);
    return [...new Set(rows.map((r) => r.id))];
  }

  private async accountInfo(db: Executor, ids: number[]) {
    const out = new Map<number, { accountId: number; username: string; email: string | null }>();
    for (const r of await this.repo.accountInfo(db, ids))
      out.set(r.id, { accountId: r.id, username: r.username, email: r.email });
    return out;
  }
}

/** Working days after `since` up to and including `day`: how long a breach has lasted. */
export function workdaysAfter(
  cal: { workdaysBetween(from: string, to: string): string[] },
  since: string,
  day: string,
): number {
  return since >= day ? 0 : cal.workdaysBetween(addDays(since, 1), day).length;
}
