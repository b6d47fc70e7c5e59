import { labelOf } from '../../contract/common.js';
import { IntakeChannel, IntakeSource, IntakeState, type IntakeItem as IntakeItemView } from '../../contract/intake.js';
import { SUBMISSION_STATE_LABELS } from '../review/review.schemas.js';
import type { IntakeItem } from './intake.repository.js';

// An intake item as the contract shows it: its row with the labels and the names read beside it.

export function toView(
  r: IntakeItem,
  names: {
    unit_name?: string | null;
    column_name?: string | null;
    article_status?: string | null;
    ledger_state?: string | null;
    ledger_reason?: string | null;
  },
): IntakeItemView {
  return {
    id: r.id,
    channel: r.channel as IntakeItemView['channel'],
    channelLabel: IntakeChannel.labels[r.channel as IntakeItemView['channel']] ?? r.channel,
    source: r.source as IntakeItemView['source'],
    sourceLabel: IntakeSource.labels[r.source as IntakeItemView['source']] ?? r.source,
    messageId: r.message_id,
    sender: r.sender,
    senderName: r.sender_name,
    subject: r.subject,
    receivedAt: r.received_at,
    size: Number(r.size),
    state: r.state as IntakeItemView['state'],
    stateLabel: labelOf(IntakeState.labels, r.state),
    reason: r.reason,
    notes: r.notes ? (JSON.parse(r.notes) as string[]) : [],
    unitId: r.unit_id,
    unitName: names.unit_name ?? null,
    columnId: r.column_id,
    columnName: names.column_name ?? null,
    articleId: r.article_id,
    articleStatus: names.article_status ?? null,
    pages: r.pages === null ? null : Number(r.pages),
    receiptSentAt: r.receipt_sent_at,
    decisionSentAt: r.decision_sent_at,
    ledgerState: names.ledger_state ?? null,
    ledgerStateLabel: names.ledger_state ? labelOf(SUBMISSION_STATE_LABELS, names.ledger_state) : null,
    ledgerReason: names.ledger_reason ?? null,
  };
}
