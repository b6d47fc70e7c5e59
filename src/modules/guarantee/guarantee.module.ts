import type { Kysely } from 'kysely';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import type { DB } from '../../platform/db/tables.js';
import type { Settings } from '../../platform/settings.js';
import { EvaluationRepository } from './evaluation.repository.js';
import { GuaranteeEvaluator, type InteractionSource } from './evaluation.service.js';
import { ReportService } from './report.service.js';
import { StatusService } from './status.service.js';

export interface GuaranteeDeps {
  db: Kysely<DB>;
  calendar: CalendarService;
  settings: Settings;
  interaction?: InteractionSource | null;
  clock?: () => Date;
}

/** The content-guarantee checks, built once in the composition root (services.ts). */
export function createGuarantee(d: GuaranteeDeps) {
  const repo = new EvaluationRepository(d.db);
  const evaluator = new GuaranteeEvaluator(repo, d.calendar, d.settings, d.interaction ?? null);
  const status = new StatusService(d.db, evaluator, repo, d.clock);
  const report = new ReportService(evaluator, repo);
  return { repo, evaluator, status, report };
}

export type Guarantee = ReturnType<typeof createGuarantee>;
