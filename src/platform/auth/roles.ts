// The roles and their labels are part of the contract with the admin app (src/contract/org.ts).
import { ROLES, type Role } from '../../contract/org.js';

export { ROLE_LABELS, ROLES, type Role } from '../../contract/org.js';

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
