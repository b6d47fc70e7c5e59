import { PERSONNEL_ROLE_LABELS, type PersonnelRole } from './org.schemas.js';
import type { PersonView } from './personnel.repository.js';
import type { RosterBlock, RosterPerson } from './roster-file.js';

// What importing a roster changes, worked out before anything is written (pure), so the preview and
// the import are the same plan. For each unit the file names, per role: the people it lists replace
// the ones registered (matched by name, so an unchanged person keeps its record); a role the file
// leaves blank keeps what is registered. Then every unit is held to what the office expects of it.

export interface Requirement {
  /** Exactly this many 分管领导 (the notice: one). */
  leaders: number;
  /** At least this many 信息员 (the notice: one). */
  minOfficers: number;
  note: string | null;
}

export const DEFAULT_REQUIREMENT: Requirement = { leaders: 1, minOfficers: 1, note: null };

export interface UnitRef {
  id: number;
  name: string;
  shortName: string;
  active: boolean;
}

type Fields = Pick<RosterPerson, 'post' | 'phone' | 'mobile' | 'email'>;

export interface RosterChange {
  action: 'create' | 'update' | 'delete';
  unitId: number;
  unitName: string;
  role: PersonnelRole;
  name: string;
  /** The spreadsheet row it comes from (none for a removal). */
  row: number | null;
  personId: number | null;
  /** The values written (create, update). */
  values: Fields | null;
  detail: string;
}

export interface RosterWarning {
  row: number | null;
  unitName: string;
  message: string;
}

export interface RosterPlan {
  units: Array<{ unitId: number; unitName: string; written: string[]; rows: number[] }>;
  unresolved: Array<{ name: string; rows: number[] }>;
  changes: RosterChange[];
  counts: { created: number; updated: number; unchanged: number; removed: number };
  warnings: RosterWarning[];
  /** Units (all active ones) that still miss a 分管领导 or 信息员 after the import, as the office expects. */
  missing: Array<{ unitId: number; unitName: string; missing: string }>;
}

const key = (name: string) => name.replace(/\s+/g, '');
const FIELD_NAMES: Record<keyof Fields, string> = { post: '职务', phone: '办公电话', mobile: '手机', email: '邮箱' };

/** The people of one role as the file lists them: a name read twice (a merged cell) is one person. */
function mergeByName(people: RosterPerson[], unitName: string, warnings: RosterWarning[]): RosterPerson[] {
  const byName = new Map<string, RosterPerson>();
  for (const p of people) {
    const first = byName.get(key(p.name));
    if (!first) {
      byName.set(key(p.name), { ...p });
      continue;
    }
    for (const f of Object.keys(FIELD_NAMES) as Array<keyof Fields>) {
      if (first[f] === null) first[f] = p[f];
      else if (p[f] !== null && p[f] !== first[f])
        warnings.push({
          row: p.row,
          unitName,
          message: `${PERSONNEL_ROLE_LABELS[p.role]}“${p.name}”的${FIELD_NAMES[f]}与第 ${first.row} 行不同（“${p[f]}”/“${first[f]}”），采用第 ${first.row} 行`,
        });
    }
  }
  return [...byName.values()];
}

export function planRoster(
  blocks: readonly RosterBlock[],
  resolve: (name: string) => number | null,
  units: ReadonlyMap<number, UnitRef>,
  existing: readonly PersonView[],
  requirements: ReadonlyMap<number, Requirement>,
): RosterPlan {
  const warnings: RosterWarning[] = [];
  const unresolved = new Map<string, number[]>();
  const byUnit = new Map<number, { written: string[]; rows: number[]; people: RosterPerson[] }>();
  for (const b of blocks) {
    const id = resolve(b.unitName);
    const unit = id === null ? undefined : units.get(id);
    if (!unit) {
      unresolved.set(b.unitName, [...(unresolved.get(b.unitName) ?? []), ...b.rows]);
      continue;
    }
    const seen = byUnit.get(unit.id);
    if (seen) {
      warnings.push({
        row: b.rows[0] ?? null,
        unitName: unit.shortName,
        message: `“${b.unitName}”与第 ${seen.rows[0]} 行的“${seen.written[0]}”是同一单位，两处人员合并导入`,
      });
      seen.written.push(b.unitName);
      seen.rows.push(...b.rows);
      seen.people.push(...b.people);
    } else byUnit.set(unit.id, { written: [b.unitName], rows: [...b.rows], people: [...b.people] });
  }

  const changes: RosterChange[] = [];
  const counts = { created: 0, updated: 0, unchanged: 0, removed: 0 };
  const after = new Map<number, Array<{ role: PersonnelRole; name: string }>>();
  for (const [unitId, listed] of byUnit) {
    const unit = units.get(unitId)!;
    const mine = existing.filter((p) => p.unitId === unitId);
    if (listed.people.length === 0) {
      warnings.push({
        row: listed.rows[0] ?? null,
        unitName: unit.shortName,
        message: '名单中该单位没有填写任何人员，保留系统中原有的登记',
      });
      continue;
    }
    const result: Array<{ role: PersonnelRole; name: string }> = [];
    for (const role of ['leader', 'officer'] as const) {
      const registered = mine.filter((p) => p.role === role);
      const inFile = mergeByName(
        listed.people.filter((p) => p.role === role),
        unit.shortName,
        warnings,
      );
      if (inFile.length === 0) {
        if (registered.length)
          warnings.push({
            row: listed.rows[0] ?? null,
            unitName: unit.shortName,
            message: `名单未填写${PERSONNEL_ROLE_LABELS[role]}，保留系统中原有的${registered.map((p) => p.name).join('、')}`,
          });
        result.push(...registered);
        continue;
      }
      for (const p of inFile) {
        const match = registered.find((r) => key(r.name) === key(p.name));
        // A blank cell keeps what is registered: the file adds and corrects, it does not erase.
        const values: Fields = {
          post: p.post ?? match?.post ?? null,
          phone: p.phone ?? match?.phone ?? null,
          mobile: p.mobile ?? match?.mobile ?? null,
          email: p.email ?? match?.email ?? null,
        };
        const base = { unitId, unitName: unit.shortName, role, name: p.name, row: p.row, values };
        if (!match) {
          changes.push({ ...base, action: 'create', personId: null, detail: '新增' });
          counts.created++;
        } else {
          const changed = (Object.keys(FIELD_NAMES) as Array<keyof Fields>).filter((f) => values[f] !== match[f]);
          if (changed.length) {
            changes.push({
              ...base,
              action: 'update',
              personId: match.id,
              detail: `更新${changed.map((f) => FIELD_NAMES[f]).join('、')}`,
            });
            counts.updated++;
          } else counts.unchanged++;
        }
        result.push({ role, name: p.name });
      }
      for (const r of registered) {
        if (inFile.some((p) => key(p.name) === key(r.name))) continue;
        changes.push({
          action: 'delete',
          unitId,
          unitName: unit.shortName,
          role,
          name: r.name,
          row: null,
          personId: r.id,
          values: null,
          detail: '名单中已无此人，删除登记',
        });
        counts.removed++;
      }
    }
    after.set(unitId, result);
  }

  const missing: RosterPlan['missing'] = [];
  for (const unit of [...units.values()].filter((u) => u.active)) {
    const people = after.get(unit.id) ?? existing.filter((p) => p.unitId === unit.id);
    const need = requirements.get(unit.id) ?? DEFAULT_REQUIREMENT;
    const leaders = people.filter((p) => p.role === 'leader');
    const officers = people.filter((p) => p.role === 'officer').length;
    const lacking = [
      leaders.length < need.leaders ? PERSONNEL_ROLE_LABELS.leader : null,
      officers < need.minOfficers ? PERSONNEL_ROLE_LABELS.officer : null,
    ].filter((x): x is '分管领导' | '信息员' => x !== null);
    if (lacking.length) missing.push({ unitId: unit.id, unitName: unit.shortName, missing: lacking.join('、') });
    if (need.leaders > 0 && leaders.length > need.leaders && byUnit.has(unit.id))
      warnings.push({
        row: byUnit.get(unit.id)!.rows[0] ?? null,
        unitName: unit.shortName,
        message: tooManyLeaders(
          leaders.map((l) => l.name),
          need.leaders,
        ),
      });
  }

  return {
    units: [...byUnit].map(([unitId, b]) => ({
      unitId,
      unitName: units.get(unitId)!.shortName,
      written: b.written,
      rows: b.rows,
    })),
    unresolved: [...unresolved].map(([name, rows]) => ({ name, rows })),
    changes,
    counts,
    warnings,
    missing,
  };
}

/** The warning a second 分管领导 gets, wherever it comes from (import, the personnel screen). */
export function tooManyLeaders(names: readonly string[], expected: number): string {
  return `有 ${names.length} 名分管领导（${names.join('、')}），应为 ${expected} 名：请确认后删除多余的登记；如确需 ${names.length} 名，请在“人员要求”中为该单位设置`;
}
