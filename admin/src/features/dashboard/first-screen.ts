import type { Me } from '@contract/org';

export type FirstScreen = 'centre' | 'leader' | 'officer';

// Who runs the site first (the centre's queue and board), then who approves (what awaits them), then
// who writes (their unit's items). A person holding roles of two kinds lands where their main work is.
const CENTRE = ['sysadmin', 'site_editor'];
const REVIEWERS = ['office_leader', 'unit_head', 'unit_leader', 'disclosure_reviewer'];

/** Each role's first screen after signing in (the dashboard at /). */
export function firstScreenOf(me: Pick<Me, 'roles'>): FirstScreen {
  const roles = me.roles.map((r) => r.role as string);
  if (roles.some((r) => CENTRE.includes(r))) return 'centre';
  if (roles.some((r) => REVIEWERS.includes(r))) return 'leader';
  return 'officer';
}
