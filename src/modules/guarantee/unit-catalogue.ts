import fs from 'node:fs';
import { z } from 'zod';
import { UNIT_CATEGORIES, type UnitInput } from '../org/org.schemas.js';
import { normalizeUnitName, splitParenthetical } from '../org/unit-names.js';

// The county's directory of units (seed/units.json). A guarantee list names units by short names and
// nicknames; when a name is not in the database yet, the import creates the unit from this directory
// with its full name, category, code and submit address, instead of inventing a unit from a nickname.

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * A well-formed 统一社会信用代码 (GB 32100-2015): 18 characters whose last is the check character of
 * the first 17, with a 组织机构代码 (GB 11714) inside whose own check digit is right.
 */
export function isCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-Z]{9}[0-9A-HJ-NPQRTUWXY]$/.test(code)) return false;
  const sum = [...code.slice(0, 17)].reduce((acc, ch, i) => acc + CHARSET.indexOf(ch) * CREDIT_WEIGHTS[i]!, 0);
  if (CHARSET[(31 - (sum % 31)) % 31] !== code[17]) return false;
  const org = code.slice(8, 17);
  const value = (ch: string) => (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55);
  const orgSum = [...org.slice(0, 8)].reduce((acc, ch, i) => acc + value(ch) * ORG_WEIGHTS[i]!, 0);
  const check = 11 - (orgSum % 11);
  return org[8] === (check === 10 ? 'X' : check === 11 ? '0' : String(check));
}

const CatalogueUnit = z.object({
  name: z.string().min(2).max(200),
  shortName: z.string().min(2).max(100),
  category: z.enum(UNIT_CATEGORIES),
  code: z.string().refine(isCreditCode, '不是格式正确的统一社会信用代码'),
  aliases: z.array(z.string().min(2).max(200)).default([]),
  emails: z.array(z.string().email()).default([]),
  sortOrder: z.number().int().min(0),
});
export type CatalogueUnit = z.infer<typeof CatalogueUnit>;

const CatalogueFile = z.object({ county: z.string(), units: z.array(CatalogueUnit).min(1) });

export class UnitCatalogue {
  private readonly byName = new Map<string, CatalogueUnit>();

  constructor(readonly units: readonly CatalogueUnit[]) {
    const codes = new Set<string>();
    for (const u of units) {
      if (codes.has(u.code)) throw new Error(`单位目录中代码 ${u.code} 重复`);
      codes.add(u.code);
      for (const n of UnitCatalogue.namesOf(u)) {
        const key = normalizeUnitName(n);
        const other = this.byName.get(key);
        if (other && other !== u) throw new Error(`单位目录中名称“${n}”同时属于“${other.name}”和“${u.name}”`);
        this.byName.set(key, u);
      }
    }
  }

  static load(file: string): UnitCatalogue {
    const parsed = CatalogueFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`单位目录 ${file} 有误（${issue.path.join('.')}）：${issue.message}`);
    }
    return new UnitCatalogue(parsed.data.units);
  }

  /** Read the directory on first use (most processes never import a list) and keep it. */
  static lazy(file: string): () => UnitCatalogue {
    let catalogue: UnitCatalogue | undefined;
    return () => (catalogue ??= UnitCatalogue.load(file));
  }

  static namesOf(u: CatalogueUnit): string[] {
    return [u.name, u.shortName, ...u.aliases];
  }

  /** The unit a name denotes ("民政局（双拥办）" denotes 民政局), or undefined. */
  find(name: string): CatalogueUnit | undefined {
    return this.byName.get(normalizeUnitName(name)) ?? this.byName.get(splitParenthetical(name).main);
  }

  /** The input that creates the unit, leaving out names some other unit already answers to. */
  static toInput(u: CatalogueUnit, nameTaken: (name: string) => boolean): UnitInput {
    const own = new Set([normalizeUnitName(u.name), normalizeUnitName(u.shortName)]);
    return {
      name: u.name,
      shortName: u.shortName,
      category: u.category,
      code: u.code,
      aliases: u.aliases.filter((a) => !own.has(normalizeUnitName(a)) && !nameTaken(a)),
      emails: u.emails,
      sortOrder: u.sortOrder,
      active: true,
    };
  }
}
