import type { Generated } from 'kysely';

// The tables of migration 0011 (e-mail and paper intake). Conventions as in tables.ts.

export interface IntakeItemsTable {
  id: Generated<number>;
  /** sha256 of the Message-ID (else of the raw message); paper: of a fresh random value. */
  key_hash: string;
  channel: string; // email | paper
  source: string; // imap | upload | paper
  message_id: string | null;
  sender: string | null;
  sender_name: string | null;
  subject: string;
  received_at: string;
  size: number;
  raw_key: string | null; // the raw message in the blob store
  state: string; // IntakeState
  reason: string | null;
  notes: string | null; // JSON array of Chinese notes
  unit_id: number | null;
  column_id: number | null;
  article_id: number | null;
  submission_id: number | null;
  pages: number | null;
  receipt_sent_at: string | null;
  decision_sent_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** The column a unit's mailed items go to when the subject names none. */
export interface IntakeUnitColumnsTable {
  unit_id: number;
  column_id: number;
  updated_at: string;
}

export interface IntakeTables {
  intake_items: IntakeItemsTable;
  intake_unit_columns: IntakeUnitColumnsTable;
}
