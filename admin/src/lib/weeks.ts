// Calendar weeks (Monday to Sunday) in YYYY-MM-DD days, for the "published per week" chart. Pure
// date arithmetic on day strings, so the browser's time zone never shifts a day.

export interface WeekRange {
  from: string;
  to: string;
  /** "3/2–3/8" */
  label: string;
}

const DAY = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const parse = (day: string) => Date.parse(`${day}T00:00:00Z`);
const short = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

/** The `count` weeks ending with the week that contains `today`, oldest first. */
export function lastWeeks(today: string, count: number): WeekRange[] {
  const t = parse(today);
  if (Number.isNaN(t)) throw new Error(`not a day: ${today}`);
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday = 0
  const monday = t - weekday * DAY;
  const out: WeekRange[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const from = toDay(monday - i * 7 * DAY);
    const to = toDay(monday - i * 7 * DAY + 6 * DAY);
    out.push({ from, to, label: `${short(from)}–${short(to)}` });
  }
  return out;
}
