// 索引号 (the identifier of every disclosed item): unique and permanent. The national form is
// "<organisation code>/<year>-<5-digit sequence>" (e.g. 000014349/2017-00110); counties vary it, so
// the pattern is a setting. Tokens: {unitCode} {year} {month} and {seq} or {seqN} (N digits).

export const DEFAULT_INDEX_PATTERN = '{unitCode}/{year}-{seq5}';

const SEQ = /\{seq(\d*)\}/;

export interface IndexParts {
  unitCode: string;
  year: number;
  month: number;
}

export function validatePattern(pattern: string): string | null {
  const seqs = pattern.match(/\{seq\d*\}/g) ?? [];
  if (seqs.length !== 1) return '索引号规则须包含且只包含一个 {seq} 或 {seqN}';
  const unknown = (pattern.match(/\{[^}]*\}/g) ?? []).filter((t) => !/^\{(unitCode|year|month|seq\d*)\}$/.test(t));
  if (unknown.length) return `索引号规则含未知占位符：${unknown.join(' ')}`;
  if (!pattern.includes('{year}')) return '索引号规则须包含 {year}，以便按年编号';
  return null;
}

/** The part of the number that the sequence counts within: everything but the sequence itself. */
export function sequenceKey(pattern: string, parts: IndexParts): string {
  return fill(pattern, parts).replace(SEQ, '#');
}

export function formatIndexNumber(pattern: string, parts: IndexParts, seq: number): string {
  return fill(pattern, parts).replace(SEQ, (_, digits: string) =>
    String(seq).padStart(digits ? Number(digits) : 1, '0'),
  );
}

function fill(pattern: string, parts: IndexParts): string {
  return pattern
    .replaceAll('{unitCode}', parts.unitCode.replace(/-/g, ''))
    .replaceAll('{year}', String(parts.year))
    .replaceAll('{month}', String(parts.month).padStart(2, '0'));
}

/** Year and month in Asia/Shanghai of an instant. */
export function shanghaiYearMonth(iso: string): { year: number; month: number } {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}
