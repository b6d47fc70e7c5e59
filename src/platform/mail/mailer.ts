import nodemailer, { type Transporter } from 'nodemailer';

/** Sending e-mail. SMTP when configured; otherwise notifications stay in the app only. */
export interface Mailer {
  readonly enabled: boolean;
  send(message: { to: string; subject: string; text: string; html?: string }): Promise<void>;
}

export class SmtpMailer implements Mailer {
  readonly enabled = true;
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    // Government intranets often run plain SMTP on 25 without TLS; smtps:// or STARTTLS when offered.
    this.transport = nodemailer.createTransport(url, {
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    } as never);
  }

  async send(message: { to: string; subject: string; text: string; html?: string }): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...message });
  }
}

export class NoMailer implements Mailer {
  readonly enabled = false;
  async send(): Promise<void> {
    throw new Error('未配置 SMTP（SMTP_URL），无法发送邮件');
  }
}
