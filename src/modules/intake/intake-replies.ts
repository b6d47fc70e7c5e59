import type { Logger } from 'pino';
import { nowIso } from '../../platform/db/helpers.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import { shanghaiDateTime } from '../../platform/time.js';
import type { IntakeItem, IntakeRepository } from './intake.repository.js';
import type { MailboxConfig } from './mailbox-settings.js';

// What the sender of an e-mailed item hears back: a receipt when the mail was read (or why it was
// refused), and later the decision (采用 / 退回 with the reason / 不予采用). Sent by the worker from
// the intake items themselves, like an outbox: a failed send is tried again next round, a sent one
// never twice (receipt_sent_at, decision_sent_at).

const RECENT_MS = 3 * 24 * 3600_000;

export class IntakeReplies {
  constructor(
    private readonly repo: IntakeRepository,
    private readonly mailer: Mailer,
    private readonly mailbox: () => Promise<MailboxConfig>,
    private readonly log: Logger,
  ) {}

  /** One round: receipts, then decisions. Answers how many mails went out. */
  async run(): Promise<number> {
    if (!this.mailer.enabled || !(await this.mailbox()).receipts) return 0;
    let sent = 0;
    const since = new Date(Date.now() - RECENT_MS).toISOString();
    for (const item of await this.repo.pendingReceipts()) {
      if (item.created_at < since) continue; // older than a receipt is worth: not sent after a long outage
      if (await this.send(item, receiptOf(item))) {
        await this.repo.update(this.repo.db, item.id, { receipt_sent_at: nowIso() });
        sent++;
      }
    }
    for (const item of await this.repo.pendingDecisions()) {
      if (await this.send(item, decisionOf(item.subject, item.decision, item.decision_reason))) {
        await this.repo.update(this.repo.db, item.id, { decision_sent_at: nowIso() });
        sent++;
      }
    }
    return sent;
  }

  private async send(item: IntakeItem, m: { subject: string; text: string }): Promise<boolean> {
    try {
      await this.mailer.send({ to: item.sender!, subject: m.subject, text: m.text });
      return true;
    } catch (error) {
      this.log.warn({ err: error, intakeItem: item.id, to: item.sender }, 'intake reply not sent');
      return false;
    }
  }
}

export function receiptOf(item: Pick<IntakeItem, 'subject' | 'state' | 'reason' | 'received_at'>) {
  const subject = `回执：${item.subject}`;
  const when = shanghaiDateTime(item.received_at); // people read Beijing time, the row keeps UTC
  if (item.state === 'refused')
    return {
      subject,
      text: `您好！您于 ${when}发送的邮件“${item.subject}”未被接收。\n原因：${item.reason}\n\n县政府网站中心`,
    };
  const next =
    item.state === 'unclaimed'
      ? '网站中心将确认报送单位后登记审核。'
      : '已登记为报送信息，进入审核流程，审核结果将另行告知。';
  return { subject, text: `您好！已收到您于 ${when}发送的邮件“${item.subject}”。${next}\n\n县政府网站中心` };
}

export function decisionOf(subject: string, decision: string, reason: string | null) {
  const what =
    decision === 'adopted'
      ? '已采用，已在网站发布。'
      : decision === 'returned'
        ? `已退回修改。\n退回原因：${reason ?? '（未填写）'}\n请修改后重新报送。`
        : `未予采用。\n原因：${reason ?? '（未填写）'}`;
  const label = decision === 'adopted' ? '已采用' : decision === 'returned' ? '已退回' : '未采用';
  return { subject: `报送结果（${label}）：${subject}`, text: `您好！您报送的“${subject}”${what}\n\n县政府网站中心` };
}
