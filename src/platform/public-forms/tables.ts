import type { Generated, Kysely } from 'kysely';

// The tables of migration 0009, typed here so that this piece stays self-contained: callers hand in
// any Kysely instance and the functions view it through `withTables`.

export interface PublicFormHitsTable {
  id: Generated<number>;
  form: string;
  kind: string; // address | phone
  key: string;
  at: string;
}

/** A lock row per counted key (migration 0036): see rate-limit.ts. */
export interface PublicFormBucketsTable {
  form: string;
  kind: string;
  key: string;
  at: string;
}

export interface PublicFormBlacklistTable {
  id: Generated<number>;
  kind: string; // address | phone
  value: string;
  reason: string;
  created_by: number | null;
  created_at: string;
  expires_at: string | null;
}

export interface PublicFormChallengesUsedTable {
  nonce: string;
  expires_at: string;
}

export interface PublicFormSecretsTable {
  name: string;
  secret: string;
  created_at: string;
}

export interface PublicFormsTables {
  public_form_hits: PublicFormHitsTable;
  public_form_buckets: PublicFormBucketsTable;
  public_form_blacklist: PublicFormBlacklistTable;
  public_form_challenges_used: PublicFormChallengesUsedTable;
  public_form_secrets: PublicFormSecretsTable;
}

// biome-ignore lint/suspicious/noExplicitAny: any application database; only our tables are used
export type AnyKysely = Kysely<any>;

export const formsDb = (db: AnyKysely) => db as unknown as Kysely<PublicFormsTables>;
