import iconv from 'iconv-lite';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import MimeNode from 'nodemailer/lib/mime-node/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';

// Mails as units' clients send them, built with nodemailer: UTF-8 through MailComposer; the legacy
// charsets (GB2312/GBK/GB18030, Big5) as Foxmail and Outlook write them, through MimeNode with the
// bytes encoded by iconv-lite, an RFC 2047 subject and an RFC 2231 file name in the same charset.

let counter = 0;
export const messageId = (tag = 'm') => `<${tag}.${process.pid}.${Date.now()}.${++counter}@units.lianshui.test>`;

/** A UTF-8 mail (MailComposer): text, HTML, attachments, inline pictures, a forwarded original. */
export function composeMail(options: Mail.Options): Promise<Buffer> {
  return new MailComposer({ messageId: messageId(), date: new Date(), ...options }).compile().build();
}

const encodedWord = (text: string, charset: string) =>
  `=?${charset}?B?${iconv.encode(text, charset).toString('base64')}?=`;
const rfc2231 = (name: string, charset: string) =>
  `${charset}''${[...iconv.encode(name, charset)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')}`;

/** A mail whose subject, body and file name are in a legacy Chinese charset. */
export function legacyMail(o: {
  charset: 'GB2312' | 'GBK' | 'GB18030' | 'Big5';
  from: string;
  subject: string;
  text?: string;
  html?: string;
  file?: { name: string; bytes: Buffer; contentType: string };
  transfer?: 'base64' | 'quoted-printable';
}): Promise<Buffer> {
  const root = new MimeNode(o.file ? 'multipart/mixed' : undefined);
  root.setHeader('From', o.from);
  root.setHeader('To', 'lswzzx@126.com');
  root.setHeader('Subject', { prepared: true, value: encodedWord(o.subject, o.charset) } as never);
  root.setHeader('Message-ID', messageId(o.charset));
  root.setHeader('Date', new Date().toUTCString());
  const bodyNode = o.file ? root.createChild(o.html ? 'text/html' : 'text/plain') : root;
  if (!o.file) root.setHeader('Content-Type', `${o.html ? 'text/html' : 'text/plain'}; charset=${o.charset}`);
  else bodyNode.setHeader('Content-Type', `${o.html ? 'text/html' : 'text/plain'}; charset=${o.charset}`);
  bodyNode.setHeader('Content-Transfer-Encoding', o.transfer ?? 'base64');
  bodyNode.setContent(iconv.encode(o.html ?? o.text ?? '', o.charset));
  if (o.file) {
    const part = root.createChild(o.file.contentType);
    part.setHeader('Content-Type', {
      prepared: true,
      value: `${o.file.contentType}; name*=${rfc2231(o.file.name, o.charset)}`,
    } as never);
    part.setHeader('Content-Disposition', {
      prepared: true,
      value: `attachment; filename*=${rfc2231(o.file.name, o.charset)}`,
    } as never);
    part.setHeader('Content-Transfer-Encoding', 'base64');
    part.setContent(o.file.bytes);
  }
  return root.build();
}
