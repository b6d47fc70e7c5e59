import crypto from 'node:crypto';
import path from 'node:path';
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';

// One e-mailed item read from its raw bytes: who sent it, what the subject's 【tags】 name, the body
// and the files. mailparser decodes the charsets units' mail clients use (UTF-8, GB2312/GBK/GB18030,
// Big5), RFC 2047 subjects and RFC 2231 file names; a forwarded mail (message/rfc822) is opened and its
// body and files taken as the item's.

export interface MailFile {
  /** The name as the mail gave it (decoded), before any cleaning. */
  name: string;
  contentType: string;
  bytes: Buffer;
  /** Content-ID of an inline picture, without the angle brackets. */
  cid: string | null;
}

export interface MailItem {
  messageId: string | null;
  /** sha256 of the Message-ID, else of the raw bytes: a second reading of the same mail finds the first. */
  keyHash: string;
  sender: string | null;
  senderName: string | null;
  subject: string;
  /** The subject without 【tags】 and forwarding prefixes: the item's title. */
  title: string;
  /** The words of the subject's 【…】 / [..] tags: a unit or a column. */
  tags: string[];
  date: Date | null;
  html: string | null;
  text: string;
  files: MailFile[];
  forwarded: boolean;
}

/** Files a government item never carries: the mail is refused rather than any of them stored. */
const DANGEROUS = new Set(
  'exe com bat cmd scr pif msi msp jar js jse vbs vbe wsf wsh ps1 psm1 hta cpl lnk reg dll sys apk app dmg iso vhd scf inf chm'.split(
    ' ',
  ),
);

export function isDangerousName(name: string): boolean {
  // "通知.pdf.exe" counts by its last extension; a trailing dot or space does not hide it.
  const ext = path
    .extname(name.replace(/[.\s]+$/, ''))
    .slice(1)
    .toLowerCase();
  return DANGEROUS.has(ext);
}

const FORWARD_PREFIX = /^\s*((fwd?|fw|转发|回复|re)\s*[:：]\s*)+/i;
const TAG = /【([^】]{1,50})】|\[([^\]]{1,50})\]/g;

export function subjectParts(subject: string): { title: string; tags: string[]; forwarded: boolean } {
  const forwarded = /^\s*(fwd?|fw|转发)\s*[:：]/i.test(subject);
  const tags = [...subject.matchAll(TAG)].map((m) => (m[1] ?? m[2] ?? '').trim()).filter(Boolean);
  const title = subject.replace(TAG, ' ').replace(FORWARD_PREFIX, '').replace(/\s+/g, ' ').trim();
  return { title, tags, forwarded };
}

export function keyHashOf(messageId: string | null, raw: Buffer): string {
  const basis = messageId
    ? `mid\n${messageId.trim().toLowerCase()}`
    : `raw\n${crypto.createHash('sha256').update(raw).digest('hex')}`;
  return crypto.createHash('sha256').update(basis).digest('hex');
}

const firstAddress = (a: AddressObject | AddressObject[] | undefined) => {
  const list = Array.isArray(a) ? a.flatMap((x) => x.value) : (a?.value ?? []);
  return list.find((v) => v.address) ?? null;
};

const parse = (raw: Buffer): Promise<ParsedMail> =>
  simpleParser(raw, { keepCidLinks: true, skipImageLinks: true, maxHtmlLengthToParse: 5_000_000 });

function toFile(a: Attachment): MailFile {
  return {
    name: a.filename ?? '',
    contentType: a.contentType,
    bytes: a.content,
    cid: a.contentId ? a.contentId.replace(/^<|>$/g, '') : null,
  };
}

/** Reads a raw message. A forwarded message attached whole (message/rfc822) gives the body and files. */
export async function readMail(raw: Buffer): Promise<MailItem> {
  const mail = await parse(raw);
  const from = firstAddress(mail.from);
  const subject = (mail.subject ?? '').trim();
  const parts = subjectParts(subject);
  let html = typeof mail.html === 'string' ? mail.html : null;
  let text = mail.text ?? '';
  let files: MailFile[] = [];
  let forwarded = parts.forwarded;
  for (const a of mail.attachments) {
    if (a.contentType === 'message/rfc822') {
      // The forwarded original: its body stands for the item when the forwarding note is short.
      const inner = await parse(a.content);
      forwarded = true;
      if (text.trim().length < 200 || !html) {
        html = typeof inner.html === 'string' ? inner.html : html;
        text = inner.text ?? text;
      }
      files.push(...inner.attachments.filter((x) => x.contentType !== 'message/rfc822').map(toFile));
    } else {
      files.push(toFile(a));
    }
  }
  files = files.filter((f) => f.bytes.length > 0);
  const messageId = mail.messageId?.trim() || null;
  return {
    messageId,
    keyHash: keyHashOf(messageId, raw),
    sender: from?.address?.toLowerCase() ?? null,
    senderName: from?.name || null,
    subject: subject || '（无主题）',
    title: parts.title || '（无主题）',
    tags: parts.tags,
    date: mail.date ?? null,
    html,
    text,
    files,
    forwarded,
  };
}

/** A plain-text body as paragraphs (the editor's shape). */
export function textToHtml(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\r?\n\s*\r?\n|\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('\n');
}

/** The headers of a message without its body (a mail too big is recorded by these alone). */
export async function readHeaders(
  raw: Buffer,
): Promise<Pick<MailItem, 'messageId' | 'keyHash' | 'sender' | 'senderName' | 'subject'>> {
  const head = raw.subarray(0, 256 * 1024);
  const end = head.indexOf('\r\n\r\n') !== -1 ? head.indexOf('\r\n\r\n') : head.indexOf('\n\n');
  const mail = await parse(Buffer.concat([end === -1 ? head : head.subarray(0, end), Buffer.from('\r\n\r\n')]));
  const from = firstAddress(mail.from);
  const messageId = mail.messageId?.trim() || null;
  return {
    messageId,
    keyHash: keyHashOf(messageId, raw),
    sender: from?.address?.toLowerCase() ?? null,
    senderName: from?.name || null,
    subject: (mail.subject ?? '').trim() || '（无主题）',
  };
}
