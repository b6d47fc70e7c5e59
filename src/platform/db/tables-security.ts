import type { Generated } from 'kysely';

// The security tables (migrations 0007, 0016, 0017). Conventions as in tables.ts.

export interface LoginThrottleTable {
  key: string;
  kind: string; // pair | source | name
  name: string | null;
  failures: number;
  lockouts: number;
  locked_until: string | null;
  updated_at: string;
}

/** The head of the audit log's hash chain (migration 0016, one row, id 1; platform/audit/chain.ts). */
export interface AuditChainTable {
  id: number;
  last_seq: number;
  last_hash: string;
  anchor_seq: number;
  anchor_hash: string;
  pruned_before: string | null;
  updated_at: string;
}

/** An account's second factor (migration 0017; modules/org/two-factor.service.ts). Secrets are sealed. */
export interface AccountTwoFactorTable {
  account_id: number;
  secret: string | null;
  pending_secret: string | null;
  enabled_at: string | null;
  /** The TOTP time step of the last code accepted; that step and earlier ones are refused. */
  last_step: number | null;
  updated_at: string;
}

export interface AccountRecoveryCodeTable {
  id: Generated<number>;
  account_id: number;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

/** Between a right password and the second step: server-side, minutes long. */
export interface TwoFactorChallengeTable {
  id: string;
  account_id: number;
  purpose: string; // verify | enrol
  ip: string | null;
  failures: number;
  created_at: string;
  expires_at: string;
}

export interface SecurityTables {
  login_throttle: LoginThrottleTable;
  audit_chain: AuditChainTable;
  account_two_factor: AccountTwoFactorTable;
  account_recovery_codes: AccountRecoveryCodeTable;
  two_factor_challenges: TwoFactorChallengeTable;
}
