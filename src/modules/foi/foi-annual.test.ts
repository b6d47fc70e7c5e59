import { describe, expect, it } from 'vitest';
import { annualRows, appealCells, checkAnnual, type YearApplication } from './foi-annual.js';

// A year (2026) of mixed applications, each counted by hand into section 三 of the annual report.
// Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
const app = (
  category: string,
  received: string,
  concluded: string | null,
  type: string | null = null,
  ground: string | null = null,
): YearApplication => ({
  applicant_category: category,
  received_day: received,
  concluded_day: concluded,
  answer_type: type,
  answer_ground: ground,
});

const YEAR: YearApplication[] = [
  app('natural', '2025-12-20', '2026-01-10', 'disclose'), // A carried in, answered
  app('business', '2025-12-28', null), // B carried in, still open → carried out
  app('natural', '2025-11-01', '2025-12-01', 'disclose'), // C finished last year: not in 2026
  app('natural', '2026-03-02', '2026-03-20', 'refuse', 'state_secret'), // D
  app('natural', '2026-04-01', '2026-04-20', 'unable', 'not_held'), // E
  app('legal_service', '2026-05-06', '2026-05-20', 'not_ours'), // F → 无法提供 / 本机关不掌握
  app('research', '2026-06-01', '2026-06-30', 'partial'), // G
  app('natural', '2026-07-01', '2026-07-02', 'published'), // H → 予以公开
  app('public_interest', '2026-08-03', '2026-08-20', 'not_handled', 'repeated'), // I
  app('natural', '2026-09-01', '2026-09-30', 'other', 'correction_overdue'), // J withdrawn
  app('other_org', '2026-12-28', null), // K open at the year's end
  app('natural', '2026-12-30', '2027-01-05', 'disclose'), // L answered next year → carried out
  app('natural', '2027-01-02', null), // M next year's
];

const cells = (rows: ReturnType<typeof annualRows>, key: string) => rows.find((r) => r.key === key)?.cells;

describe('annual report section 三', () => {
  const rows = annualRows(2026, YEAR);

  it('counts new and carried-over applications by applicant type', () => {
    expect(cells(rows, 'new')).toEqual([5, 0, 1, 1, 1, 1, 9]);
    expect(cells(rows, 'carried_in')).toEqual([1, 1, 0, 0, 0, 0, 2]);
    expect(cells(rows, 'carried_out')).toEqual([1, 1, 0, 0, 0, 1, 3]);
  });

  it('counts the results by answer type and ground', () => {
    expect(cells(rows, 'disclose')).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(cells(rows, 'partial')).toEqual([0, 0, 1, 0, 0, 0, 1]);
    expect(cells(rows, 'refuse')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(cells(rows, 'refuse.state_secret')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(cells(rows, 'unable')).toEqual([1, 0, 0, 0, 1, 0, 2]);
    expect(cells(rows, 'unable.not_held')).toEqual([1, 0, 0, 0, 1, 0, 2]);
    expect(cells(rows, 'not_handled.repeated')).toEqual([0, 0, 0, 1, 0, 0, 1]);
    expect(cells(rows, 'other.correction_overdue')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(cells(rows, 'results_total')).toEqual([5, 0, 1, 1, 1, 0, 8]);
  });

  it('passes every sum check (一 + 二 = 三 + 四, totals equal their parts)', () => {
    expect(checkAnnual(rows)).toEqual([]);
  });

  it('names the sum that fails when a figure is wrong', () => {
    const tampered = rows.map((r) => (r.key === 'refuse.state_secret' ? { ...r, cells: [2, 0, 0, 0, 0, 0, 2] } : r));
    const problems = checkAnnual(tampered);
    expect(problems.some((p) => p.includes('不予公开') && p.includes('各项理由之和'))).toBe(true);
  });

  it('adds the appeals entered by hand, with their totals', () => {
    const a = appealCells([
      { kind: 'review', outcome: 'upheld', count: 2 },
      { kind: 'review', outcome: 'pending', count: 1 },
      { kind: 'suit_direct', outcome: 'corrected', count: 1 },
    ]);
    expect(a.review).toEqual([2, 0, 0, 1, 3]);
    expect(a.suit_direct).toEqual([0, 1, 0, 0, 1]);
    expect(a.suit_after_review).toEqual([0, 0, 0, 0, 0]);
  });
});
