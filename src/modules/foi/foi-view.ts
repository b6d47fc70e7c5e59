import type { ApplicationDetail, ApplicationSummary, ClockView } from '../../contract/foi.js';
import { ANSWER_GROUNDS } from '../../contract/foi.js';
import type { WorkCalendar } from '../../platform/calendar/calendar.js';
import { maskName, maskPhone } from './foi-mask.js';
import { clockOf, type AppFacts, type State } from './foi-states.js';
import type { FoiRepository } from './foi.repository.js';

// Rows into what the API shows. Lists mask the applicant (name, phone); only the detail, which is
// audited, shows them whole.

type Row = NonNullable<Awaited<ReturnType<FoiRepository['get']>>>;

export function factsOf(r: Row): AppFacts {
  return {
    state: r.state as State,
    receivedDay: r.received_day,
    correctionDay: r.correction_day,
    correctionDueDay: r.correction_due_day,
    correctedDay: r.corrected_day,
    consultDay: r.consult_day,
    consultReplyDay: r.consult_reply_day,
    extensionDays: r.extension_days,
    concludedDay: r.concluded_day,
  };
}

export function clockView(cal: WorkCalendar, r: Row, today: string): ClockView {
  return clockOf(cal, factsOf(r), today);
}

export function groundLabel(type: string | null, ground: string | null): string | null {
  if (!type || !ground) return null;
  return (ANSWER_GROUNDS as Record<string, Record<string, string>>)[type]?.[ground] ?? ground;
}

export function summaryOf(cal: WorkCalendar, r: Row, today: string): ApplicationSummary {
  return {
    id: r.id,
    number: r.number,
    unitId: r.unit_id,
    unitName: r.unit_name,
    applicantKind: r.applicant_kind as ApplicationSummary['applicantKind'],
    applicantName: r.applicant_kind === 'person' ? maskName(r.applicant_name) : r.applicant_name,
    phone: maskPhone(r.phone),
    description: r.description.length > 80 ? `${r.description.slice(0, 80)}…` : r.description,
    channel: r.channel as ApplicationSummary['channel'],
    state: r.state as ApplicationSummary['state'],
    answerType: (r.answer_type ?? null) as ApplicationSummary['answerType'],
    clock: clockView(cal, r, today),
  };
}

export function detailOf(
  cal: WorkCalendar,
  r: Row,
  today: string,
  extra: Pick<ApplicationDetail, 'events' | 'files' | 'actions'>,
): ApplicationDetail {
  return {
    ...summaryOf(cal, r, today),
    applicantName: r.applicant_name,
    phone: r.phone,
    description: r.description,
    applicantCategory: r.applicant_category as ApplicationDetail['applicantCategory'],
    idType: r.id_type,
    idNumber: r.id_number,
    orgCode: r.org_code,
    legalRep: r.legal_rep,
    contactName: r.contact_name,
    email: r.email,
    address: r.address,
    postcode: r.postcode,
    docNumber: r.doc_number,
    purpose: r.purpose,
    provisionForm: r.provision_form as ApplicationDetail['provisionForm'],
    receiptWay: r.receipt_way as ApplicationDetail['receiptWay'],
    submittedAt: r.submitted_at,
    correction: r.correction_day
      ? {
          day: r.correction_day,
          dueDay: r.correction_due_day ?? '',
          note: r.correction_note,
          correctedDay: r.corrected_day,
        }
      : null,
    consultation: r.consult_day
      ? { day: r.consult_day, party: r.consult_party ?? '', replyDay: r.consult_reply_day }
      : null,
    extension: r.extension_days
      ? {
          days: r.extension_days,
          day: r.extension_day ?? '',
          approver: r.extension_approver ?? '',
          reason: r.extension_reason ?? '',
        }
      : null,
    answer:
      r.answer_type && r.answer_day
        ? {
            type: r.answer_type as NonNullable<ApplicationDetail['answer']>['type'],
            ground: r.answer_ground,
            groundLabel: groundLabel(r.answer_type, r.answer_ground),
            day: r.answer_day,
            link: r.answer_link,
            organ: r.answer_organ,
            note: r.answer_note,
          }
        : null,
    ...extra,
    today,
  };
}
