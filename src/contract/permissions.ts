// Contract: the permission names a route may need and the scope a role gets (the table itself is
// platform/auth/policy.ts). Each new module adds its names here.

import { z } from 'zod';

/** What a route may need (the permission table, platform/auth/policy.ts, gives each role its scope). */
export const PERMISSIONS = [
  'site.read',
  'site.write',
  'column.read',
  'column.write',
  'unit.read',
  'unit.write',
  'personnel.read',
  'personnel.write',
  'personnel.manage',
  'account.read',
  'account.write',
  'duty.read',
  'duty.write',
  'article.read',
  'article.write',
  'article.publish',
  'article.delete',
  'audit.read',
  'import.run',
  'backup.manage',
  'review.act',
  'review.emergency',
  'review.chain.write',
  'checks.write',
  'submission.read',
  'submission.write',
  'guarantee.read',
  'guarantee.write',
  'foi.read',
  'foi.handle',
  'foi.approve',
  'foi.report',
  'letter.read',
  'letter.dispatch',
  'letter.draft',
  'letter.sign',
  'crawl.read',
  'crawl.write',
  'consult.read',
  'consult.write',
  'interview.host',
  'public_form.block',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** 'all': every unit's records; 'unit': only the actor's own unit's. */
export const ScopeKind = z.enum(['all', 'unit']);
export type ScopeKind = z.infer<typeof ScopeKind>;
