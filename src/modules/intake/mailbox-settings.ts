import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { SecretBox } from '../../platform/secrets/secret-box.js';
import type { Settings } from '../../platform/settings.js';
import { invalid } from '../../platform/errors.js';
import type { MailboxSettings, MailboxSettingsInput } from '../../contract/intake.js';

// The website centre's mailbox (lswzzx@126.com in the notice): where intake reads mail from. Kept in
// the settings table; the password sealed with the SecretBox, never sent back to the admin app.

const KEY = 'intake.mailbox';
export const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;

export interface MailboxConfig extends Omit<MailboxSettings, 'passwordSet'> {
  /** The sealed password (SecretBox), or null. */
  passwordSealed: string | null;
}

export const MAILBOX_DEFAULTS: MailboxConfig = {
  enabled: false,
  host: '',
  port: 993,
  security: 'tls',
  user: '',
  passwordSealed: null,
  folder: 'INBOX',
  pollSeconds: 300,
  maxMessageMb: 25,
  receipts: true,
  defaultColumnId: null,
};

export class MailboxSettingsService {
  constructor(
    private readonly settings: Settings,
    private readonly uow: UnitOfWork,
    private readonly box: SecretBox,
  ) {}

  async config(): Promise<MailboxConfig> {
    return { ...MAILBOX_DEFAULTS, ...(await this.settings.get<Partial<MailboxConfig>>(KEY, {})) };
  }

  /** The password in clear, for the IMAP login only. */
  async password(): Promise<string | null> {
    const sealed = (await this.config()).passwordSealed;
    return sealed ? this.box.open(sealed) : null;
  }

  /** Where the poller stopped: the last UID it finished under the mailbox's UIDVALIDITY. */
  async cursor(): Promise<{ uidValidity: string; lastUid: number }> {
    return this.settings.get(`${KEY}.cursor`, { uidValidity: '', lastUid: 0 });
  }

  async setCursor(cursor: { uidValidity: string; lastUid: number }): Promise<void> {
    await this.settings.set(this.uow.db, `${KEY}.cursor`, cursor);
  }

  async get(actor: Actor): Promise<MailboxSettings> {
    authorize(actor, 'submission.write');
    const { passwordSealed, ...rest } = await this.config();
    return { ...rest, passwordSet: passwordSealed !== null };
  }

  async put(actor: Actor, input: MailboxSettingsInput): Promise<MailboxSettings> {
    authorize(actor, 'submission.write');
    const current = await this.config();
    const { password, ...rest } = input;
    if (rest.security === 'none' && rest.enabled && !LOOPBACK.test(rest.host))
      throw invalid('security', '不加密的连接只允许连接本机（测试用），请选择 SSL/TLS 或 STARTTLS');
    const next: MailboxConfig = {
      enabled: rest.enabled,
      host: rest.host,
      port: rest.port,
      security: rest.security,
      user: rest.user,
      folder: rest.folder,
      pollSeconds: rest.pollSeconds,
      maxMessageMb: rest.maxMessageMb,
      receipts: rest.receipts,
      defaultColumnId: rest.defaultColumnId,
      passwordSealed: password ? this.box.seal(password) : current.passwordSealed,
    };
    await this.uow.run(async (trx, emit) => {
      await this.settings.set(trx, KEY, next);
      await emit({
        type: 'intake.mailbox_changed',
        actor,
        entityType: 'settings',
        entityId: KEY,
        summary: `修改报送邮箱设置（${rest.user}@${rest.host}:${rest.port}，${rest.enabled ? '启用' : '停用'}${password ? '，更换密码' : ''}）`,
      });
    });
    return this.get(actor);
  }
}
