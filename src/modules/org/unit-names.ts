// How unit names are written in lists and letters: with or without the county prefix, with full- or
// half-width brackets and quotes, with stray spaces. Names are compared in this normal form.

const COUNTY_PREFIXES = ['涟水县', '县'];

export function normalizeUnitName(raw: string): string {
  let s = raw
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[“”"'‘’「」『』]/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')');
  for (const p of COUNTY_PREFIXES) {
    if (s.startsWith(p) && s.length > p.length + 1) {
      s = s.slice(p.length);
      break;
    }
  }
  return s;
}

/**
 * "民政局（双拥办）" names 民政局, with 双拥办 as the office inside it that does the work.
 * Returns the main name and the bracketed sub-office, if any.
 */
export function splitParenthetical(raw: string): { main: string; inner: string | null } {
  const s = normalizeUnitName(raw);
  const m = /^(.+?)\(([^()]+)\)$/.exec(s);
  return m ? { main: m[1]!, inner: m[2]! } : { main: s, inner: null };
}

/** Lookup table from every normalised name to unit ids (a name may, wrongly, belong to two units). */
export class UnitNameIndex {
  private readonly byName = new Map<string, Set<number>>();

  constructor(entries: Iterable<{ unitId: number; name: string }>) {
    for (const e of entries) this.add(e.unitId, e.name);
  }

  add(unitId: number, name: string): void {
    const key = normalizeUnitName(name);
    if (!key) return;
    const set = this.byName.get(key) ?? new Set<number>();
    set.add(unitId);
    this.byName.set(key, set);
  }

  /** The unit a name denotes, or null when unknown or ambiguous. */
  resolve(name: string): number | null {
    const direct = this.byName.get(normalizeUnitName(name));
    if (direct?.size === 1) return [...direct][0]!;
    const { main, inner } = splitParenthetical(name);
    if (inner) {
      const m = this.byName.get(main);
      if (m?.size === 1) return [...m][0]!;
    }
    return null;
  }
}
