import { createRequire } from 'node:module';

// Statutory holidays and 调休 working weekends as published by the State Council each year, from the
// chinese-days package (MIT; its data is checked against the gov.cn notices and covers 2004 onwards).
// Read as plain JSON so the process needs no network and no date library at run time.

interface ChineseDaysData {
  /** Day → "English,中文,days": a day off. */
  holidays: Record<string, string>;
  /** Day → "English,中文,days": a weekend day that is a working day (调休上班). */
  workdays: Record<string, string>;
}

const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;

export interface PublishedDay {
  workday: boolean;
  name: string;
}

const published = new Map<string, PublishedDay>();
for (const [day, label] of Object.entries(data.holidays))
  published.set(day, { workday: false, name: label.split(',')[1] ?? label });
for (const [day, label] of Object.entries(data.workdays))
  published.set(day, { workday: true, name: `${label.split(',')[1] ?? label}调休上班` });

/** Years whose State Council holiday notice the package carries. */
export const PUBLISHED_YEARS: ReadonlySet<number> = new Set([...published.keys()].map((d) => Number(d.slice(0, 4))));

/** The published holiday or 调休 working day, if the day is one. */
export function publishedDay(day: string): PublishedDay | undefined {
  return published.get(day);
}
