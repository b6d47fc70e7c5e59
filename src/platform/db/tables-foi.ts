import type { Generated } from 'kysely';

// The tables of migration 0012 (依申请公开, issue 13). Conventions as in tables.ts; days are
// Asia/Shanghai "YYYY-MM-DD".

export interface FoiApplicationsTable {
  id: Generated<number>;
  number: string;
  unit_id: number;
  applicant_kind: string;
  applicant_category: string;
  applicant_name: string;
  id_type: string | null;
  id_number: string | null;
  org_code: string | null;
  legal_rep: string | null;
  contact_name: string | null;
  phone: string;
  email: string | null;
  address: string | null;
  postcode: string | null;
  description: string;
  doc_number: string | null;
  purpose: string | null;
  provision_form: string;
  receipt_way: string;
  channel: string;
  submitted_at: string;
  received_day: string;
  state: string;
  correction_day: string | null;
  correction_due_day: string | null;
  correction_note: string | null;
  corrected_day: string | null;
  consult_day: string | null;
  consult_party: string | null;
  consult_reply_day: string | null;
  extension_days: number | null;
  extension_day: string | null;
  extension_approver: string | null;
  extension_reason: string | null;
  answer_type: string | null;
  answer_ground: string | null;
  answer_day: string | null;
  answer_link: string | null;
  answer_organ: string | null;
  answer_note: string | null;
  concluded_day: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface FoiEventsTable {
  id: Generated<number>;
  application_id: number;
  action: string;
  from_state: string | null;
  to_state: string;
  day: string;
  note: string | null;
  account_id: number | null;
  username: string;
  at: string;
}

export interface FoiFilesTable {
  id: Generated<number>;
  application_id: number;
  kind: string;
  storage_key: string;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  created_by: number | null;
  created_at: string;
}

export interface FoiAppealsTable {
  id: Generated<number>;
  unit_id: number;
  year: number;
  kind: string;
  outcome: string;
  count: number;
  updated_by: number | null;
  updated_at: string;
}

export interface FoiUnitGuidesTable {
  unit_id: number;
  office_name: string | null;
  address: string | null;
  hours: string | null;
  phone: string | null;
  postcode: string | null;
  fax: string | null;
  email: string | null;
  guide_text: string | null;
  updated_by: number | null;
  updated_at: string;
}

export interface FoiTables {
  foi_applications: FoiApplicationsTable;
  foi_events: FoiEventsTable;
  foi_files: FoiFilesTable;
  foi_appeals: FoiAppealsTable;
  foi_unit_guides: FoiUnitGuidesTable;
}
