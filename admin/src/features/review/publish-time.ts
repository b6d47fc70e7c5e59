import type { Dayjs } from 'dayjs';

// The 定时发布 / 定时下线 pickers. A picker hands back a time in the browser's own zone; the times are
// Beijing times (the county's, the server's days and the published pages'), whatever zone the
// browser's machine is set to. So the picked calendar day and clock time are read as wall-clock
// figures and given Beijing's offset (+08:00 all year: China keeps no summer time).

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** The current Beijing wall-clock time as YYYY-MM-DD HH:mm (pure: no import, so the tests load it as is). */
const beijingNow = (now: Date) =>
  new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

/** The instant (ISO, UTC) of a picked day and time read as Beijing time. */
export function pickedInstant(picked: Dayjs): string {
  return new Date(`${picked.format('YYYY-MM-DDTHH:mm')}:00+08:00`).toISOString();
}

/** Whether the picked Beijing time is before the current minute in Beijing. */
export function pickedInPast(picked: Dayjs, now: Date = new Date()): boolean {
  return picked.format('YYYY-MM-DD HH:mm') < beijingNow(now);
}

/** Whether a calendar day is before today in Beijing (greyed out in the picker). */
export function dayBeforeToday(day: Dayjs, now: Date = new Date()): boolean {
  return day.format('YYYY-MM-DD') < beijingNow(now).slice(0, 10);
}
