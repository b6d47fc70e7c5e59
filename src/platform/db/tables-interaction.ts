import type { Generated } from 'kysely';
import type { PublicFormsTables } from '../public-forms/tables.js';

// The 政民互动 tables (migration 0010) and the public-form tables (0009). Conventions as in tables.ts.

export interface MailboxesTable {
  id: Generated<number>;
  kind: string;
  slug: string;
  name: string;
  unit_id: number | null;
  enabled: Generated<number>;
  accept_days: number;
  consult_days: number;
  other_days: number;
  created_at: string;
  column_id: number | null; // the column its published replies count toward (0020)
}

export interface LettersTable {
  id: Generated<number>;
  mailbox_id: number;
  query_code: string;
  category: string;
  status: string;
  writer_name: string;
  writer_phone: string;
  writer_email: string | null;
  writer_ip: string;
  title: string;
  body: string;
  public_allowed: number;
  received_at: string;
  accept_due: string;
  accepted_at: string | null;
  reject_kind: string | null;
  reject_reason: string | null;
  lead_unit_id: number | null;
  helper_unit_ids: Generated<string>;
  assigned_at: string | null;
  reply_due: string | null;
  unit_return_reason: string | null;
  extension_days: number | null;
  extension_reason: string | null;
  extension_state: string | null;
  draft: string | null;
  reply: string | null;
  reply_unit_id: number | null;
  answered_at: string | null;
  first_answered_at: string | null;
  rating: string | null;
  rating_note: string | null;
  reopened: Generated<number>;
  closed_at: string | null;
  published_at: string | null;
  version: Generated<number>;
  updated_at: string;
}

export interface LetterEventsTable {
  id: Generated<number>;
  letter_id: number;
  action: string;
  from_status: string | null;
  to_status: string;
  account_id: number | null;
  actor_name: string;
  unit_id: number | null;
  note: string | null;
  at: string;
}

export interface LetterAttachmentsTable {
  id: Generated<number>;
  letter_id: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  blob_key: string;
}

export interface LetterFaqsTable {
  id: Generated<number>;
  question: string;
  answer: string;
  created_by: number | null;
  created_at: string;
  published_at: string | null;
  column_id: number | null; // the 刊登共性问题 column it counts toward (0020)
}

export interface LetterFaqLinksTable {
  faq_id: number;
  letter_id: number;
}

export interface InteractionTables extends PublicFormsTables {
  mailboxes: MailboxesTable;
  letters: LettersTable;
  letter_events: LetterEventsTable;
  letter_attachments: LetterAttachmentsTable;
  letter_faqs: LetterFaqsTable;
  letter_faq_links: LetterFaqLinksTable;
}
