import type { Actor } from '../../platform/auth/actor.js';
import type { IntakeRepository } from './intake.repository.js';
import type { MailItem } from './mail-message.js';

// What a mail read from the mailbox is for the intake: whose it is (the unit and column it is filed
// under, or why that is not known, which leaves it 待认领) and the row that records it.

/** The unit by a 【tag】 naming it, else by the sender's address; the column by a tag, else the defaults. */
export async function attributeMail(repo: IntakeRepository, mail: MailItem, fallbackColumn: number | null) {
  let unitId: number | null = null;
  let why = '';
  for (const tag of mail.tags) {
    const units = await repo.unitsByName(tag);
    if (units.length === 1) unitId = units[0]!;
    if (unitId) break;
  }
  if (!unitId && mail.sender) {
    const units = await repo.unitsByAddress(mail.sender);
    if (units.length === 1) unitId = units[0]!;
    else if (units.length > 1) why = `发件地址 ${mail.sender} 同时属于 ${units.length} 个单位，请指定`;
    else why = `发件地址 ${mail.sender} 未登记，主题中也没有【单位名称】`;
  } else if (!unitId) why = '邮件没有发件地址，主题中也没有【单位名称】';
  let columnId: number | null = null;
  for (const tag of mail.tags) {
    const columns = await repo.columnsByName(tag);
    if (columns.length === 1) columnId = columns[0]!.id;
    if (columnId) break;
  }
  columnId ??= (unitId ? await repo.defaultColumn(unitId) : undefined) ?? fallbackColumn;
  if (unitId && !columnId) why = '未能确定栏目：主题中没有【栏目名称】，该单位也没有默认栏目';
  return { unitId, columnId, why };
}

/** What the intake records of every mail, even one refused before it is read whole. */
export type MailHeads = Pick<MailItem, 'keyHash' | 'messageId' | 'sender' | 'senderName' | 'subject'>;

/** The intake row of a mail, whatever becomes of it (refused, drafted or waiting to be claimed). */
export function mailRow(
  mail: MailHeads,
  source: 'imap' | 'upload',
  size: number,
  rawKey: string | null,
  receivedAt: string,
  actor: Actor,
) {
  return {
    key_hash: mail.keyHash,
    channel: 'email',
    source,
    message_id: mail.messageId?.slice(0, 1000) ?? null,
    sender: mail.sender?.slice(0, 320) ?? null,
    sender_name: mail.senderName?.slice(0, 200) ?? null,
    subject: mail.subject.slice(0, 1000),
    received_at: receivedAt,
    size,
    raw_key: rawKey,
    notes: null,
    article_id: null,
    submission_id: null,
    pages: null,
    receipt_sent_at: null,
    decision_sent_at: null,
    created_by: actor.kind === 'account' ? actor.accountId : null,
    created_at: receivedAt,
    updated_at: receivedAt,
  };
}
