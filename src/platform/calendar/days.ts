// Arithmetic on calendar days written "YYYY-MM-DD" (days in Asia/Shanghai, see ../time.ts). A day is
// turned into a UTC midnight only to do the arithmetic; no time zone is involved, so the results never
// depend on the machine's zone.

const DAY_MS = 86_400_000;

/** Is the string a real calendar day ("2026-02-30" is not)? Shared with the admin app. */
export { isDay } from '../../contract/common.js';

// The checks do this arithmetic millions of times over a few thousand distinct days: parsing and
// formatting are remembered (bounded, so a long-running process does not grow without end).
const msMemo = new Map<string, number>();
const addMemo = new Map<string, string>();
const MEMO_LIMIT = 200_000;

function ms(day: string): number {
  let v = msMemo.get(day);
  if (v === undefined) {
    v = Date.parse(`${day}T00:00:00.000Z`);
    if (msMemo.size > MEMO_LIMIT) msMemo.clear();
    msMemo.set(day, v);
  }
  return v;
}

function fromMs(value: number): string {
  return new Date(value).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const key = `${day}|${n}`;
  let v = addMemo.get(key);
  if (v === undefined) {
    v = fromMs(ms(day) + n * DAY_MS);
    if (addMemo.size > MEMO_LIMIT) addMemo.clear();
    addMemo.set(key, v);
  }
  return v;
}

/** "2026-01-05 00:30" in Shanghai time for a stored UTC instant, for people. */
export function dateTimeOfInstant(iso: string): string {
  if (iso.length >= 20 && iso.endsWith('Z') && iso[10] === 'T') {
    const hour = Number(iso.slice(11, 13)) + 8;
    return `${hour >= 24 ? addDays(iso.slice(0, 10), 1) : iso.slice(0, 10)} ${String(hour % 24).padStart(2, '0')}:${iso.slice(14, 16)}`;
  }
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The Asia/Shanghai day of a stored UTC instant ("2026-01-04T16:30:00.000Z" → "2026-01-05"). */
export function dayOfInstant(iso: string): string {
  // Stored instants are canonical UTC ISO strings: Shanghai's day turns at 16:00 UTC.
  if (iso.length >= 20 && iso.endsWith('Z') && iso[10] === 'T')
    return iso.slice(11, 13) >= '16' ? addDays(iso.slice(0, 10), 1) : iso.slice(0, 10);
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((ms(to) - ms(from)) / DAY_MS);
}

/** 1 = Monday … 7 = Sunday (ISO). */
export function isoWeekday(day: string): number {
  const d = new Date(ms(day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday of the natural week (Monday to Sunday) that holds the day. */
export function mondayOf(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

const monthMemo = new Map<string, string>();

/** Add calendar months; the day is clamped to the month's length (01-31 + 1 month = 02-28/29). */
export function addMonths(day: string, n: number): string {
  const key = `${day}|${n}`;
  let v = monthMemo.get(key);
  if (v === undefined) {
    v = computeAddMonths(day, n);
    if (monthMemo.size > MEMO_LIMIT) monthMemo.clear();
    monthMemo.set(key, v);
  }
  return v;
}

function computeAddMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** "2026-02" → first and last day of that month. */
export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  return { from, to: addDays(addMonths(from, 1), -1) };
}

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

/** Every day from `from` to `to`, both included. */
export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  const end = ms(to);
  for (let t = ms(from); t <= end; t += DAY_MS) out.push(fromMs(t));
  return out;
}

export const minDay = (a: string, b: string) => (a < b ? a : b);
export const maxDay = (a: string, b: string) => (a > b ? a : b);
