// The security tables (migrations 0007, 0016). Conventions as in tables.ts.

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

export interface SecurityTables {
  login_throttle: LoginThrottleTable;
  audit_chain: AuditChainTable;
}
