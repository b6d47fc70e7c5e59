// The security tables (migration 0007). Conventions as in tables.ts.

export interface LoginThrottleTable {
  key: string;
  kind: string; // pair | source | name
  name: string | null;
  failures: number;
  lockouts: number;
  locked_until: string | null;
  updated_at: string;
}

export interface SecurityTables {
  login_throttle: LoginThrottleTable;
}
