import type { Generated } from 'kysely';

// The crawl tables and the co-built shares (migration 0013). Conventions as in tables.ts.

export interface CrawlSourcesTable {
  id: Generated<number>;
  site_id: number;
  unit_id: number;
  column_id: number;
  name: string;
  url: string;
  kind: string; // feed | html
  mode: string; // link | full
  link_selector: string | null;
  title_selector: string | null;
  date_selector: string | null;
  body_selector: string | null;
  every_minutes: number;
  stale_days: number;
  enabled: number;
  last_run_at: string | null;
  last_success_at: string | null;
  consecutive_failures: number;
  newest_item_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface CrawlItemsTable {
  id: Generated<number>;
  source_id: number;
  url: string;
  url_hash: string;
  content_hash: string;
  title: string;
  published_at: string | null;
  article_id: number | null;
  created_at: string;
}

export interface CrawlLogsTable {
  id: Generated<number>;
  source_id: number;
  at: string;
  ok: number;
  found: number;
  added: number;
  message: string;
  duration_ms: number;
}

export interface DutySharesTable {
  duty_id: number;
  unit_id: number;
  min_items: number;
  period: string; // month | quarter | year
}

export interface CrawlTables {
  crawl_sources: CrawlSourcesTable;
  crawl_items: CrawlItemsTable;
  crawl_logs: CrawlLogsTable;
  duty_shares: DutySharesTable;
}
