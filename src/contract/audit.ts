// Contract of the audit module (modules/audit): the audit log as the admin app reads it. Shared with
// the admin app as '@contract/audit'.

import { z } from 'zod';
import { Instant } from './common.js';

export const AuditEntry = z.object({
  id: z.number().int(),
  at: Instant,
  accountId: z.number().int().nullable(),
  username: z.string(),
  unitId: z.number().int().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  summary: z.string(),
  /** The event's own fields as it recorded them (JSON), or null. */
  details: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditList = z.object({ total: z.number().int(), items: z.array(AuditEntry) });
export type AuditList = z.infer<typeof AuditList>;
