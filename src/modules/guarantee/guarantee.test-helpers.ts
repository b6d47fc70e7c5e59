import { Command } from 'commander';
import { vi } from 'vitest';
import { dayOfInstant } from '../../platform/calendar/days.js';
import { insertReturningId } from '../../platform/db/helpers.js';
import type { Services } from '../../services.js';
import { registerGuaranteeCommands } from './guarantee.cli.js';

// Test data with chosen dates, written straight into the tables: the scenarios are about what the
// checks count, and only a direct insert can place an item at 2026-02-12T16:30Z. (Going online through
// the review is tested in the review module; test/harness/publish.ts does it for single items.)

let seq = 0;

export async function insertArticle(
  s: Services,
  a: {
    siteId: number;
    columnId: number;
    unitId: number;
    publishedAt: string;
    status?: string;
    extraColumns?: number[];
    title?: string;
  },
): Promise<number> {
  const title = a.title ?? `测试信息 ${++seq}`;
  const id = await insertReturningId(s.database.db, 'articles', {
    site_id: a.siteId,
    column_id: a.columnId,
    unit_id: a.unitId,
    type: 'news',
    title,
    body_html: `<p>${title}</p>`,
    body_text: title,
    status: a.status ?? 'published',
    published_at: a.status && a.status !== 'published' ? null : a.publishedAt,
    created_at: a.publishedAt,
    updated_at: a.publishedAt,
    subtitle: null,
    summary: null,
    source: null,
    author: null,
    link_url: null,
    index_no: null,
    doc_no: null,
    written_on: null,
    issuer: null,
    topic_category: null,
    genre: null,
    keywords: null,
    validity: null,
    created_by: null,
    updated_by: null,
    scheduled_publish_at: null,
    scheduled_offline_at: null,
    status_reason: null,
    review_form_attachment_id: null,
    revision: 1,
    imported: 0,
    is_top: 0,
  });
  for (const c of a.extraColumns ?? [])
    await s.database.db.insertInto('article_columns').values({ article_id: id, column_id: c }).execute();
  return id;
}

export async function insertSubmission(
  s: Services,
  x: { unitId: number; columnId: number; receivedAt: string; channel?: string; state?: string },
): Promise<number> {
  return insertReturningId(s.database.db, 'submissions', {
    unit_id: x.unitId,
    channel: x.channel ?? 'email',
    column_id: x.columnId,
    article_id: null,
    title: `报送 ${++seq}`,
    state: x.state ?? 'received',
    reason: null,
    source_ref: null,
    received_at: x.receivedAt,
    decided_at: null,
    decided_by: null,
    created_at: x.receivedAt,
  });
}

/** A duty with a chosen cadence and parties, as the import would store it. */
export async function insertDuty(
  s: Services,
  columnId: number,
  rule: {
    cadence: string;
    minPerWeek?: number | null;
    perUnit?: boolean;
    workdaysOnly?: boolean;
    check?: Record<string, unknown>;
  },
  parties: Array<{ unitId?: number; groupId?: number; role?: 'lead' | 'cooperate'; label?: string }>,
  createdAt = '2025-01-01T00:00:00.000Z',
  /** The day the duty applies from; the Shanghai day of `createdAt` when absent. */
  effectiveFrom?: string,
): Promise<number> {
  const full = {
    channel: 'backoffice',
    emailTo: null,
    basis: null,
    warnings: [],
    minPerWeek: null,
    perUnit: rule.cadence === 'weekly_min',
    workdaysOnly: rule.cadence !== 'dynamic',
    ...rule,
  };
  const id = await insertReturningId(s.database.db, 'duties', {
    column_id: columnId,
    requirement_text:
      rule.cadence === 'weekly_min'
        ? `每周至少${rule.minPerWeek ?? 1}篇`
        : rule.cadence === 'workday_daily'
          ? '工作日每天维护'
          : '动态维护',
    cadence: rule.cadence,
    min_per_week: rule.minPerWeek ?? null,
    channel: 'backoffice',
    rule: JSON.stringify(full),
    note: null,
    effective_from: effectiveFrom ?? dayOfInstant(createdAt),
    created_at: createdAt,
    updated_at: createdAt,
  });
  for (const p of parties) {
    await s.database.db
      .insertInto('duty_units')
      .values({
        duty_id: id,
        unit_id: p.unitId ?? null,
        group_id: p.groupId ?? null,
        role: p.role ?? 'lead',
        label: p.label ?? 'test',
      })
      .execute();
  }
  return id;
}

/** Backdate rows the factories create "now" (columns, units), so a scenario in the past applies to them. */
export async function backdate(s: Services, table: 'columns' | 'units', ids: number[], at: string): Promise<void> {
  await s.database.db.updateTable(table).set({ created_at: at }).where('id', 'in', ids).execute();
}

/**
 * Run one `govportal` guarantee command line (import-list, guarantee check, ...) against a test app's
 * services: what it printed, and the exit code it set (put back afterwards, so the test run's own
 * exit code is left alone). The caller restores the console with vi.restoreAllMocks().
 */
export async function runCli(services: Services, args: string[]): Promise<{ lines: string[]; exitCode?: number }> {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(' ')));
  const program = new Command().exitOverride();
  registerGuaranteeCommands(program, (work) => work(services));
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'govportal', ...args]);
    return { lines, exitCode: process.exitCode === undefined ? undefined : Number(process.exitCode) };
  } finally {
    process.exitCode = before;
  }
}
