// Turning the weekly trend series into what the charts draw. Pure, tested.

export interface SeriesLike {
  unitId: number;
  unitName: string;
  published: number[];
  submitted: number[];
  adopted: number[];
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** "3/2" from a Monday "2026-03-02". */
export const weekLabel = (monday: string) => `${Number(monday.slice(5, 7))}/${Number(monday.slice(8, 10))}`;

/** Per-unit totals over the period, most published first (then most submitted), at most `limit` units. */
export function unitTotals(series: readonly SeriesLike[], limit = 15) {
  return series
    .map((s) => ({
      unitId: s.unitId,
      unitName: s.unitName,
      published: sum(s.published),
      submitted: sum(s.submitted),
      adopted: sum(s.adopted),
    }))
    .filter((u) => u.published + u.submitted > 0)
    .sort(
      (a, b) => b.published - a.published || b.submitted - a.submitted || a.unitName.localeCompare(b.unitName, 'zh-CN'),
    )
    .slice(0, limit);
}
