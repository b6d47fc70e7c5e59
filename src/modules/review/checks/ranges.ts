/**
 * Keep the leftmost, then longest, of overlapping ranges. Several rules often see the same mark
 * ("秘密★1年" is both a star mark and a line mark); the reviewer should see it once.
 */
export function pickNonOverlapping<T extends { start: number; end: number }>(items: readonly T[]): T[] {
  const sorted = [...items].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: T[] = [];
  let end = -1;
  for (const item of sorted) {
    if (item.start < end) continue;
    out.push(item);
    end = item.end;
  }
  return out;
}
