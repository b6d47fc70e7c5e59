// Contract of the intake module (modules/intake): items sent in by e-mail (网络报送) and on paper
// (介质报送), the 待认领 queue, the mailbox settings.

import { z } from 'zod';
import { Day, Instant, labelledEnum } from './common.js';

export const IntakeChannel = labelledEnum(['email', 'paper'], { email: '邮件报送', paper: '纸质报送' });
export const IntakeSource = labelledEnum(['imap', 'upload', 'paper'], {
  imap: '邮箱收取',
  upload: '手工上传 .eml',
  paper: '纸质登记',
});
export const IntakeState = labelledEnum(['drafted', 'unclaimed', 'refused'], {
  drafted: '已生成草稿',
  unclaimed: '待认领',
  refused: '已拒收',
});
export type IntakeStateValue = (typeof IntakeState.values)[number];

export const MailSecurity = labelledEnum(['tls', 'starttls', 'none'], {
  tls: 'SSL/TLS（993）',
  starttls: 'STARTTLS（143）',
  none: '不加密（仅限本机测试）',
});

export const IntakeItem = z.object({
  id: z.number().int(),
  channel: IntakeChannel.schema,
  channelLabel: z.string(),
  source: IntakeSource.schema,
  sourceLabel: z.string(),
  messageId: z.string().nullable(),
  sender: z.string().nullable(),
  senderName: z.string().nullable(),
  subject: z.string(),
  receivedAt: Instant,
  size: z.number().int(),
  state: IntakeState.schema,
  stateLabel: z.string(),
  reason: z.string().nullable(),
  notes: z.array(z.string()),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  columnId: z.number().int().nullable(),
  columnName: z.string().nullable(),
  articleId: z.number().int().nullable(),
  articleStatus: z.string().nullable(),
  pages: z.number().int().nullable(),
  receiptSentAt: Instant.nullable(),
  decisionSentAt: Instant.nullable(),
  /** The item's entry in the ledger (报送台账): 已接收, 已退回修改, 已采用, 未采用; the reason of a 退回 or 未采用. */
  ledgerState: z.string().nullable(),
  ledgerStateLabel: z.string().nullable(),
  ledgerReason: z.string().nullable(),
});
export type IntakeItem = z.infer<typeof IntakeItem>;

export const IntakeList = z.object({ total: z.number().int(), items: z.array(IntakeItem) });
export type IntakeList = z.infer<typeof IntakeList>;

export const IntakeListQuery = z.object({
  channel: IntakeChannel.schema.optional(),
  state: IntakeState.schema.optional(),
  unitId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type IntakeListQuery = z.infer<typeof IntakeListQuery>;

/** A unit's own mailed and paper items (its unit comes from the session, never from the query). */
export const OwnIntakeQuery = IntakeListQuery.omit({ unitId: true });
export type OwnIntakeQuery = z.infer<typeof OwnIntakeQuery>;

/** What reading one message did: a new item, or the one a first reading recorded. */
export const IntakeReceipt = z.object({ duplicate: z.boolean(), item: IntakeItem });
export type IntakeReceipt = z.infer<typeof IntakeReceipt>;

export const ClaimInput = z.object({
  unitId: z.number().int().positive('请选择报送单位'),
  columnId: z.number().int().positive('请选择栏目'),
  remember: z.boolean().default(false).describe('记住该发件地址属于此单位，以后自动归属'),
});
export type ClaimInput = z.infer<typeof ClaimInput>;

export const PaperInput = z.object({
  unitId: z.number().int().positive('请选择报送单位'),
  columnId: z.number().int().positive('请选择栏目'),
  receivedOn: Day.describe('收到日期'),
  pages: z.number().int().min(1, '页数至少为 1').max(10_000, '页数过多'),
  scanAttachmentId: z.number().int().positive('请上传盖章签字的审核表扫描件'),
  title: z.string().trim().min(1, '请填写标题').max(500, '标题不能超过 500 个字符'),
  bodyHtml: z.string().max(5_000_000, '正文过长').default(''),
  attachmentIds: z.array(z.number().int().positive()).max(50).default([]),
});
export type PaperInput = z.infer<typeof PaperInput>;

export const MailboxSettings = z.object({
  enabled: z.boolean(),
  host: z.string(),
  port: z.number().int(),
  security: MailSecurity.schema,
  user: z.string(),
  /** Never the password itself: whether one is stored. */
  passwordSet: z.boolean(),
  folder: z.string(),
  pollSeconds: z.number().int(),
  maxMessageMb: z.number(),
  receipts: z.boolean(),
  defaultColumnId: z.number().int().nullable(),
});
export type MailboxSettings = z.infer<typeof MailboxSettings>;

export const MailboxSettingsInput = z.object({
  enabled: z.boolean(),
  host: z.string().trim().max(255),
  port: z.number().int().min(1).max(65535),
  security: MailSecurity.schema,
  user: z.string().trim().max(320),
  /** Omitted or empty: keep the stored password. */
  password: z.string().max(500).optional(),
  folder: z.string().trim().min(1).max(200).default('INBOX'),
  pollSeconds: z.number().int().min(30, '收信间隔至少 30 秒').max(86_400),
  maxMessageMb: z.number().min(1).max(100),
  receipts: z.boolean().default(true),
  defaultColumnId: z.number().int().positive().nullable().default(null),
});
export type MailboxSettingsInput = z.infer<typeof MailboxSettingsInput>;

export const UnitColumnInput = z.object({ columnId: z.number().int().positive().nullable() });

export const PollResult = z.object({
  seen: z.number().int(),
  drafted: z.number().int(),
  unclaimed: z.number().int(),
  refused: z.number().int(),
  duplicates: z.number().int(),
});
export type PollResult = z.infer<typeof PollResult>;
