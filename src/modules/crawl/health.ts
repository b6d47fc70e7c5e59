import { shanghaiDay } from '../../platform/time.js';
import { FAILING_AFTER } from '../../contract/crawl.js';

// A source's health, judged the same way for the list screen and the guarantee board: failing after
// FAILING_AFTER runs in a row without an answer, stale when its newest item (or, before any item, the
// day it was added) is older than the source's stale_days.

export interface HealthFacts {
  enabled: number;
  created_at: string;
  last_run_at: string | null;
  consecutive_failures: number;
  newest_item_at: string | null;
  stale_days: number;
}

export type Health = 'ok' | 'failing' | 'stale' | 'new' | 'disabled';

export function healthOf(s: HealthFacts, now: Date): Health {
  if (!s.enabled) return 'disabled';
  if (s.consecutive_failures >= FAILING_AFTER) return 'failing';
  const since = Date.parse(s.newest_item_at ?? s.created_at);
  if (now.getTime() - since > s.stale_days * 86_400_000) return 'stale';
  if (!s.last_run_at) return 'new';
  return 'ok';
}

/** Why the source counts against its unit, in the words of the board (Chinese). */
export function healthProblem(s: HealthFacts & { name: string; last_error: string | null }, now: Date): string | null {
  const h = healthOf(s, now);
  if (h === 'failing')
    return `抓取源“${s.name}”连续 ${s.consecutive_failures} 次抓取失败（${s.last_error ?? '原因不明'}）`;
  if (h === 'stale')
    return `抓取源“${s.name}”超过 ${s.stale_days} 天没有新信息${s.newest_item_at ? `（最新一条 ${shanghaiDay(s.newest_item_at)}）` : ''}`;
  return null;
}
