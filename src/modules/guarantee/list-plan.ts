import type { ColumnKind, UpdateClass } from '../sites/sites.schemas.js';
import type { ListRow } from './list-file.js';
import { parseRequirement, type ParsedRequirement } from './requirement.js';
import { proposeUpdateClass } from './update-class.js';
import { planTree, type PlanTree } from './list-tree.js';
import { parseResponsibility, type ParsedResponsibility } from './responsibility.js';

// What a guarantee list means for the column tree, worked out before touching the database: which
// columns exist, of what kind, which 首页栏目 entries only show a 政务公开 column, and which duty each
// column carries. Kept pure so the rules can be read and tested on their own.

export const HOME_COLUMN = '首页栏目';
export const DISCLOSURE_COLUMN = '政务公开';
const INTERACTION_COLUMN = '政民互动';
const TOPIC_COLUMN = '专题';

/** Addresses of external-link columns a list names without one. */
export const KNOWN_LINKS: Record<string, string> = {
  中华人民共和国政府信息公开条例: 'https://www.gov.cn/zhengce/content/2019-04/15/content_5382991.htm',
  // The portal's own page (modules/foi, TEN_GUIDES_URL): the procedure of applying, from the 条例.
  申请获取政府信息10项指引: '/ysqgk/guide/',
};

export const GAP_NO_UNIT = '未明确保障单位';
export const GAP_NO_LINK = '外链栏目未设置链接地址';

export interface PlanColumn {
  key: string; // the name path, "政务公开/决策公开/政府文件"
  names: string[];
  name: string;
  parentKey: string | null;
  /** Position among its siblings in the file. */
  position: number;
  kind: ColumnKind;
  updateClass: UpdateClass | null;
  inNav: boolean;
  linkUrl: string | null;
  /** Key of the 政务公开 column this 首页栏目 entry shows. */
  mirrorOf: string | null;
  /** File row that names the column (null for a parent only implied by the rows below it). */
  row: number | null;
}

export interface PlanDuty {
  row: number;
  columnKey: string;
  requirement: ParsedRequirement;
  responsibility: ParsedResponsibility;
}

export interface PlanNote {
  row: number;
  path: string;
  problem: string;
}

export interface ListPlan {
  columns: PlanColumn[];
  duties: PlanDuty[];
  mirrors: Array<{ row: number; path: string; sourcePath: string }>;
  gaps: PlanNote[];
  warnings: PlanNote[];
  /** Columns carrying a duty whose name and place say no national update class: the office decides. */
  unclassified: Array<{ row: number; path: string }>;
  /** The per-unit 信息公开 tree, when the list has its row. */
  tree: PlanTree | null;
}

/** The national inspection's update class a column most likely falls in (update-class.ts). */
export const updateClassFor = proposeUpdateClass;

function kindFor(names: readonly string[], isLink: boolean): ColumnKind {
  if (names.length === 1 && names[0] === DISCLOSURE_COLUMN) return 'catalogue';
  if (names[0] === INTERACTION_COLUMN && names.length > 1) return 'interaction';
  if (names.includes(TOPIC_COLUMN)) return 'topic';
  return isLink ? 'link' : 'list';
}

const sameDuty = (a: PlanDuty, b: PlanDuty) =>
  a.requirement.text === b.requirement.text &&
  JSON.stringify(a.responsibility.parties) === JSON.stringify(b.responsibility.parties);

export function planList(rows: readonly ListRow[]): ListPlan {
  const columns = new Map<string, PlanColumn>();
  const childCount = new Map<string | null, number>();
  const duties = new Map<string, PlanDuty>();
  const gaps: PlanNote[] = [];
  const warnings: PlanNote[] = [];

  const ensure = (names: string[], row: number | null): PlanColumn => {
    const key = names.join('/');
    let col = columns.get(key);
    if (!col) {
      const parentKey = names.length > 1 ? names.slice(0, -1).join('/') : null;
      if (parentKey !== null) ensure(names.slice(0, -1), null);
      const position = childCount.get(parentKey) ?? 0;
      childCount.set(parentKey, position + 1);
      col = {
        key,
        names,
        name: names.at(-1)!,
        parentKey,
        position,
        kind: 'list',
        updateClass: null,
        inNav: names[0] !== HOME_COLUMN || names.length > 1,
        linkUrl: null,
        mirrorOf: null,
        row,
      };
      col.kind = kindFor(names, false);
      col.updateClass = updateClassFor(names, col.kind);
      columns.set(key, col);
    }
    if (row !== null) col.row = row;
    return col;
  };

  for (const r of rows) {
    const col = ensure(r.path, r.row);
    const responsibility = parseResponsibility(r.responsibleText);
    const requirement = parseRequirement(r.requirementText, { columnName: col.name, cobuilt: responsibility.cobuilt });
    if (requirement.rule.cadence === 'external_link') {
      col.kind = kindFor(col.names, true);
      col.updateClass = updateClassFor(col.names, col.kind);
      col.linkUrl = KNOWN_LINKS[col.name] ?? null;
    }
    duties.set(col.key, { row: r.row, columnKey: col.key, requirement, responsibility });
    for (const w of [...requirement.rule.warnings, ...responsibility.warnings])
      warnings.push({ row: r.row, path: col.key, problem: w });
  }

  // 首页栏目 entries come before the 政务公开 block that lists them again, so mirrors are settled once
  // every row has been read.
  const mirrors: ListPlan['mirrors'] = [];
  for (const col of columns.values()) {
    if (col.names.length !== 2 || col.names[0] !== HOME_COLUMN || col.row === null) continue;
    const hasChildren = [...columns.values()].some((c) => c.parentKey === col.key);
    const source = columns.get(`${DISCLOSURE_COLUMN}/${col.name}`);
    if (hasChildren || !source || source.row === null) continue;
    col.mirrorOf = source.key;
    col.kind = source.kind;
    col.linkUrl = source.linkUrl;
    col.updateClass = source.updateClass;
    mirrors.push({ row: col.row, path: col.key, sourcePath: source.key });
    const own = duties.get(col.key)!;
    const held = duties.get(source.key)!;
    if (!sameDuty(own, held)) {
      warnings.push({
        row: own.row,
        path: col.key,
        problem: `与第 ${held.row} 行“${source.key}”的保障单位或要求不一致，以“${source.key}”为准`,
      });
    }
    // The duty is held once, by the column whose items both show.
    duties.delete(col.key);
  }

  // The 信息公开 rows every unit keeps for itself go to the per-unit tree (list-tree.ts).
  const tree = planTree([...columns.values()], duties);
  for (const key of tree?.dropColumns ?? []) columns.delete(key);
  for (const key of tree?.dropDuties ?? []) duties.delete(key);

  for (const col of columns.values()) {
    if (col.kind === 'link' && !col.linkUrl && col.row !== null && !col.mirrorOf)
      gaps.push({ row: col.row, path: col.key, problem: GAP_NO_LINK });
  }
  for (const d of duties.values()) {
    if (!d.responsibility.parties.length) gaps.push({ row: d.row, path: d.columnKey, problem: GAP_NO_UNIT });
  }
  gaps.sort((a, b) => a.row - b.row);
  warnings.sort((a, b) => a.row - b.row);
  const unclassified = [...duties.values()]
    .filter((d) => columns.get(d.columnKey)!.updateClass === null)
    .map((d) => ({ row: d.row, path: d.columnKey }))
    .sort((a, b) => a.row - b.row);
  return {
    columns: [...columns.values()],
    duties: [...duties.values()],
    mirrors,
    gaps,
    warnings,
    unclassified,
    tree: tree?.tree ?? null,
  };
}
