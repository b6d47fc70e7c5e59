import type { Actor } from './actor.js';
import { AppError } from '../errors.js';
import type { Permission, ScopeKind } from '../../contract/org.js';
import type { Role } from './roles.js';

// The authorization table, written once. A permission granted with scope 'unit' lets the role act
// only on its own unit's records (and, for articles, only in columns its unit is responsible for or
// was granted); repositories turn that scope into a WHERE clause, so a forgotten check cannot leak rows.

// Permission names and scope kinds are shared with the admin app (src/contract/org.ts).
export type { Permission, ScopeKind } from '../../contract/org.js';

const ALL = 'all' as const;
const UNIT = 'unit' as const;

const TABLE: Record<Permission, Partial<Record<Role, ScopeKind>>> = {
  //                 sysadmin     website centre      政务公开科              office leader      unit leader        information officer  12345
  'site.read': /*   */ {
    sysadmin: ALL,
    site_editor: ALL,
    disclosure_reviewer: ALL,
    office_leader: ALL,
    unit_head: ALL,
    unit_leader: ALL,
    unit_officer: ALL,
    hotline_operator: ALL,
  },
  'site.write': /*  */ { sysadmin: ALL, site_editor: ALL },
  'column.read': /* */ {
    sysadmin: ALL,
    site_editor: ALL,
    disclosure_reviewer: ALL,
    office_leader: ALL,
    unit_head: ALL,
    unit_leader: ALL,
    unit_officer: ALL,
    hotline_operator: ALL,
  },
  'column.write': /**/ { sysadmin: ALL, site_editor: ALL },
  'unit.read': /*   */ {
    sysadmin: ALL,
    site_editor: ALL,
    disclosure_reviewer: ALL,
    office_leader: ALL,
    unit_head: ALL,
    unit_leader: ALL,
    unit_officer: ALL,
    hotline_operator: ALL,
  },
  'unit.write': /*  */ { sysadmin: ALL, site_editor: ALL },
  'personnel.read': {
    sysadmin: ALL,
    site_editor: ALL,
    disclosure_reviewer: ALL,
    office_leader: ALL,
    unit_head: UNIT,
    unit_leader: UNIT,
    unit_officer: UNIT,
    hotline_operator: UNIT,
  },
  'personnel.write': { sysadmin: ALL, site_editor: ALL, unit_head: UNIT, unit_leader: UNIT, unit_officer: UNIT },
  // The office's side of the roster: importing its spreadsheet, setting what a unit must name.
  'personnel.manage': { sysadmin: ALL, site_editor: ALL },
  'account.read': { sysadmin: ALL, site_editor: ALL },
  'account.write': { sysadmin: ALL },
  'duty.read': /*   */ {
    sysadmin: ALL,
    site_editor: ALL,
    disclosure_reviewer: ALL,
    office_leader: ALL,
    unit_head: ALL,
    unit_leader: ALL,
    unit_officer: ALL,
    hotline_operator: ALL,
  },
  'duty.write': /*  */ { sysadmin: ALL, site_editor: ALL },
  'article.read': {
    sysadmin: ALL,
    site_editor: ALL,
    disclosure_reviewer: ALL,
    office_leader: ALL,
    unit_head: UNIT,
    unit_leader: UNIT,
    unit_officer: UNIT,
    hotline_operator: UNIT,
  },
  'article.write': {
    sysadmin: ALL,
    site_editor: ALL,
    disclosure_reviewer: ALL,
    unit_head: UNIT,
    unit_leader: UNIT,
    unit_officer: UNIT,
    hotline_operator: UNIT,
  },
  'article.publish': { sysadmin: ALL, site_editor: ALL, office_leader: ALL },
  'article.delete': { sysadmin: ALL, site_editor: ALL, unit_officer: UNIT, hotline_operator: UNIT },
  'audit.read': /*  */ { sysadmin: ALL, site_editor: ALL, office_leader: ALL },
  'import.run': /*  */ { sysadmin: ALL },
  'backup.manage': /* */ { sysadmin: ALL },
  // Acting on a review step; which steps an actor may act on is decided by the step's role and unit.
  'review.act': /*  */ {
    sysadmin: ALL,
    site_editor: ALL,
    disclosure_reviewer: ALL,
    office_leader: ALL,
    unit_head: UNIT,
    unit_leader: UNIT,
  },
  'review.emergency': { office_leader: ALL },
  'review.chain.write': { sysadmin: ALL },
  'checks.write': /**/ { sysadmin: ALL, site_editor: ALL, disclosure_reviewer: ALL },
  'submission.read': {
    sysadmin: ALL,
    site_editor: ALL,
    disclosure_reviewer: ALL,
    office_leader: ALL,
    unit_head: UNIT,
    unit_leader: UNIT,
    unit_officer: UNIT,
    hotline_operator: UNIT,
  },
  'submission.write': { sysadmin: ALL, site_editor: ALL },
  // Content guarantee: the county sees every unit's status and 通报; a unit sees its own.
  'guarantee.read': {
    sysadmin: ALL,
    site_editor: ALL,
    disclosure_reviewer: ALL,
    office_leader: ALL,
    unit_head: UNIT,
    unit_leader: UNIT,
    unit_officer: UNIT,
    hotline_operator: UNIT,
  },
  'guarantee.write': { sysadmin: ALL, site_editor: ALL },
  // 依申请公开 (issue 13): applications carry ID numbers and phones, so only the unit handling them and
  // the 政务公开科 see them (not the website centre, not the system administrator). Extending the time
  // limit needs the unit's head (条例第三十三条). The annual figures carry no personal data.
  'foi.read': { disclosure_reviewer: ALL, unit_head: UNIT, unit_leader: UNIT, unit_officer: UNIT },
  'foi.handle': { disclosure_reviewer: ALL, unit_head: UNIT, unit_leader: UNIT, unit_officer: UNIT },
  'foi.approve': { unit_head: UNIT },
  'foi.report': {
    disclosure_reviewer: ALL,
    office_leader: ALL,
    site_editor: ALL,
    unit_head: UNIT,
    unit_leader: UNIT,
    unit_officer: UNIT,
  },
  // 民意征集 (issue 12 item 6): the website centre and the units, each unit its own consultations and comments.
  'consult.read': {
    sysadmin: ALL,
    site_editor: ALL,
    disclosure_reviewer: ALL,
    office_leader: ALL,
    unit_head: UNIT,
    unit_leader: UNIT,
    unit_officer: UNIT,
  },
  // 政民互动 (issue 12): the 12345 office dispatches and reviews every letter (its leader too: the
  // service counts the office's unit as the office); a unit's 信息员 drafts, its leader signs.
  'letter.read': {
    sysadmin: ALL,
    site_editor: ALL,
    office_leader: ALL,
    hotline_operator: ALL,
    unit_head: UNIT,
    unit_leader: UNIT,
    unit_officer: UNIT,
  },
  'letter.dispatch': { sysadmin: ALL, hotline_operator: ALL },
  'letter.draft': { unit_head: UNIT, unit_leader: UNIT, unit_officer: UNIT },
  'letter.sign': { unit_head: UNIT, unit_leader: UNIT },
  // Department sites crawled into columns (issue 11): the website centre keeps the sources, a unit sees its own.
  'crawl.read': {
    sysadmin: ALL,
    site_editor: ALL,
    office_leader: ALL,
    unit_head: UNIT,
    unit_leader: UNIT,
    unit_officer: UNIT,
  },
  'crawl.write': { sysadmin: ALL, site_editor: ALL },
  'consult.write': { sysadmin: ALL, site_editor: ALL, unit_head: UNIT, unit_leader: UNIT, unit_officer: UNIT },
  // 在线访谈 (item 7) belongs to the government office: its website centre and leader host and moderate.
  'interview.host': { sysadmin: ALL, site_editor: ALL, office_leader: ALL },
  // The blacklist of every public form (letters, 依申请公开, 民意征集, 在线访谈): the 12345 office, which meets
  // the abuse first, and the website centre, which runs the consultation and interview forms.
  'public_form.block': { sysadmin: ALL, hotline_operator: ALL, site_editor: ALL },
};

export type Scope = { kind: 'all' } | { kind: 'unit'; unitId: number };

/** The widest scope any of the actor's roles gives for a permission, or null when none does. */
export function scopeOf(actor: Actor, permission: Permission): Scope | null {
  if (actor.kind === 'system') return { kind: 'all' };
  let best: ScopeKind | null = null;
  for (const role of actor.roles) {
    const s = TABLE[permission][role];
    if (s === 'all') return { kind: 'all' };
    if (s === 'unit') best = 'unit';
  }
  return best === 'unit' ? { kind: 'unit', unitId: actor.unitId } : null;
}

export function can(actor: Actor, permission: Permission): boolean {
  return scopeOf(actor, permission) !== null;
}

/** Permissions of an account, for the admin app to show each role only what it may use. */
export function permissionsOf(actor: Actor): Record<string, ScopeKind> {
  const out: Record<string, ScopeKind> = {};
  for (const p of Object.keys(TABLE) as Permission[]) {
    const s = scopeOf(actor, p);
    if (s) out[p] = s.kind;
  }
  return out;
}

/** The actor's scope for a permission, or a 403 naming what was refused. */
export function authorize(actor: Actor, permission: Permission): Scope {
  const scope = scopeOf(actor, permission);
  if (!scope) throw new AppError('FORBIDDEN');
  return scope;
}
