import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ApplicationFields, AnswerType, FoiState } from '../../contract/foi.js';
import { systemActor } from '../../platform/auth/actor.js';
import type { DB } from '../../platform/db/tables.js';
import type { FieldIssue } from '../../platform/errors.js';
import { AppError } from '../../platform/errors.js';
import {
  issueChallenge,
  maskName,
  normalisePhone,
  normaliseQueryCode,
  refuseBlocked,
  takeRateLimit,
  validateForm,
  verifyChallenge,
} from '../../platform/public-forms/index.js';
import { annualRows } from './foi-annual.js';
import { clockOf } from './foi-states.js';
import { factsOf } from './foi-view.js';
import type { FoiRepository } from './foi.repository.js';
import type { FoiService } from './foi.service.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';

// The applicant's side on the public site: the unit's 依申请公开 page (its office, how to apply, the
// form, its yearly figures), the form sent without JavaScript, and following an application with its
// 申请编号 and phone. Nothing here shows an ID number or a whole phone number or name.

/**
 * The site's own page on how to apply (the nav's 申请获取政府信息10项指引 column links to it, and so does
 * every unit's page). The national guidance's own text was not available to check against, so the
 * page sets out the procedure from the 条例 and says so (themes/default/templates/foi-guide.liquid).
 */
export const TEN_GUIDES_URL = '/ysqgk/guide/';

const FORM = 'foi';
const QUERY_FORM = 'foi-query';

/** The form's text fields: an empty choice is "not given", as the schema's optional fields expect. */
const PublicApplication = z.preprocess(
  (raw) =>
    Object.fromEntries(Object.entries(raw as Record<string, string>).map(([k, v]) => [k, v === '' ? undefined : v])),
  ApplicationFields,
);

const QueryInput = z.object({
  number: z.string().trim().min(1, '请填写申请编号').max(40, '申请编号不正确'),
  phone: z.string().trim().min(1, '请填写申请时留的联系电话').max(32, '联系电话不正确'),
});

export type SubmitResult =
  | { ok: true; number: string; receivedDay: string; dueDay: string }
  | { ok: false; issues: FieldIssue[]; values: Record<string, string> };

export class FoiPublicService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: FoiRepository,
    private readonly foi: FoiService,
    private readonly calendar: CalendarService,
  ) {}

  challenge() {
    return issueChallenge(this.db);
  }

  units() {
    return this.repo.handlingUnits();
  }

  /** A unit's page: its office, and its figures of this year and last year (section 三 totals). */
  async unitPage(unitId: number) {
    const unit = (await this.repo.handlingUnits()).find((u) => u.id === unitId);
    if (!unit) return null;
    const guide = await this.repo.guide(unitId);
    const year = Number(this.foi.today().slice(0, 4));
    const figures = [];
    for (const y of [year - 1, year]) {
      const rows = annualRows(y, await this.repo.forYear(y, unitId));
      figures.push({
        year: y,
        rows: rows.filter((r) => r.cells.length && r.level < 2).map((r) => ({ label: r.label, total: r.cells.at(-1) })),
      });
    }
    return {
      unit,
      guide: {
        officeName: guide?.office_name ?? null,
        address: guide?.address ?? null,
        hours: guide?.hours ?? null,
        phone: guide?.phone ?? null,
        postcode: guide?.postcode ?? null,
        fax: guide?.fax ?? null,
        email: guide?.email ?? null,
        // Plain text: paragraphs at empty lines, lines kept; the template escapes every piece.
        paragraphs: (guide?.guide_text ?? '')
          .split(/\n\s*\n/)
          .map((p) => p.trim())
          .filter(Boolean)
          .map((p) => p.split('\n')),
      },
      tenGuidesUrl: TEN_GUIDES_URL,
      figures,
    };
  }

  /** read → validate → blacklist → challenge → rate limit → store (docs/interaction.md's order). */
  async submit(unitId: number, fields: Record<string, string>, ip: string): Promise<SubmitResult> {
    const values = { ...fields, unitId: String(unitId) };
    const parsed = validateForm(PublicApplication, values);
    if (!parsed.ok) return { ok: false, issues: parsed.issues, values };
    const phone = normalisePhone(parsed.value.phone);
    try {
      this.foi.precheck(parsed.value);
      await refuseBlocked(this.db, { address: ip, phone });
      await verifyChallenge(this.db, fields.challengeToken, fields.challengeAnswer);
      await takeRateLimit(this.db, { form: FORM, address: ip, phone });
      const made = await this.foi.submitOnline(systemActor('public', ip), { ...parsed.value, phone });
      const row = await this.repo.byNumberAndPhone(made.number, phone);
      const clock = clockOf(await this.calendar.current(), factsOf(row!), this.foi.today());
      return { ok: true, number: made.number, receivedDay: clock.receivedDay, dueDay: clock.dueDay };
    } catch (error) {
      if (error instanceof AppError && error.status < 500) {
        const issues = error.details?.issues?.length ? error.details.issues : [{ field: '', message: error.message }];
        return { ok: false, issues, values };
      }
      throw error;
    }
  }

  /** The applicant following an application: its number and the phone given, nothing personal shown. */
  async query(fields: Record<string, string>, ip: string) {
    const parsed = validateForm(QueryInput, fields);
    if (!parsed.ok) return { ok: false as const, issues: parsed.issues };
    try {
      await takeRateLimit(this.db, { form: QUERY_FORM, address: ip });
    } catch (error) {
      if (error instanceof AppError) return { ok: false as const, issues: [{ field: '', message: error.message }] };
      throw error;
    }
    const number = normaliseQueryCode(parsed.value.number);
    const row = await this.repo.byNumberAndPhone(number, normalisePhone(parsed.value.phone));
    if (!row)
      return { ok: false as const, issues: [{ field: 'number', message: '没有找到该申请，请核对申请编号和联系电话' }] };
    const clock = clockOf(await this.calendar.current(), factsOf(row), this.foi.today());
    return {
      ok: true as const,
      result: {
        number: row.number,
        unitName: row.unit_name,
        applicantName: maskName(row.applicant_name),
        receivedDay: row.received_day,
        state: FoiState.labels[row.state as keyof typeof FoiState.labels] ?? row.state,
        dueDay: row.state === 'answered' || row.state === 'withdrawn' ? null : clock.dueDay,
        extended: clock.extended,
        correction: row.state === 'correction' ? { note: row.correction_note, dueDay: row.correction_due_day } : null,
        answer: row.answer_type
          ? {
              type: AnswerType.labels[row.answer_type as keyof typeof AnswerType.labels] ?? row.answer_type,
              day: row.answer_day,
            }
          : null,
      },
    };
  }
}
