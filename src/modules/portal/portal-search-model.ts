import { ARTICLE_TYPE_LABELS, ARTICLE_TYPES } from '../content/content.schemas.js';
import type { PaginationModel, SiteContext } from './portal.models.js';

// The search page's model and its filters (portal.service.ts searchPage builds it): what the form shows
// and how the filters travel in the page links.

export interface SearchModel {
  query: string;
  maxChars: number;
  cut: boolean;
  total: number;
  results: Array<{ url: string; titleHtml: string; snippetHtml: string; date: string; columnName: string }>;
  pagination: PaginationModel | null;
  filters: SearchFiltersModel;
}

type Choice = { value: string; label: string; selected: boolean };

/** The search form's filter fields with the values in force. */
export interface SearchFiltersModel {
  columns: Choice[];
  types: Choice[];
  unit: string;
  from: string;
  to: string;
}

/** The search page's optional filters, as the query string gives them. */
export interface SearchPageFilters {
  columnId?: number;
  unitId?: number;
  type?: string;
  /** Shanghai calendar days (YYYY-MM-DD), both included. */
  fromDay?: string;
  toDay?: string;
}

export function filtersModel(ctx: SiteContext, f: SearchPageFilters): SearchFiltersModel {
  // Indented by depth, in the tree's order, so a parent column can be chosen for its whole section.
  const columns: Choice[] = [];
  const walk = (parentId: number | null, depth: number) => {
    for (const c of ctx.children.get(parentId) ?? []) {
      if (c.kind !== 'link' && c.kind !== 'page')
        columns.push({ value: String(c.id), label: '\u3000'.repeat(depth) + c.name, selected: c.id === f.columnId });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return {
    columns,
    types: ARTICLE_TYPES.map((t) => ({ value: t, label: ARTICLE_TYPE_LABELS[t], selected: t === f.type })),
    unit: f.unitId === undefined ? '' : String(f.unitId),
    from: f.fromDay ?? '',
    to: f.toDay ?? '',
  };
}

export function searchParamsOf(f: SearchPageFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.columnId !== undefined) out.column = String(f.columnId);
  if (f.unitId !== undefined) out.unit = String(f.unitId);
  if (f.type !== undefined) out.type = f.type;
  if (f.fromDay !== undefined) out.from = f.fromDay;
  if (f.toDay !== undefined) out.to = f.toDay;
  return out;
}
