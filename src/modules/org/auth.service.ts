import { systemActor, type Actor } from '../../platform/auth/actor.js';
import { hashPassword, verifyPassword } from '../../platform/auth/password.js';
import { permissionsOf } from '../../platform/auth/policy.js';
import { ROLE_LABELS } from '../../platform/auth/roles.js';
import type { SessionStore } from '../../platform/auth/sessions.js';
import { nowIso } from '../../platform/db/helpers.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import type { AccountsRepository } from './accounts.repository.js';

export interface LoginResult {
  token: string;
  csrfToken: string;
  actor: Actor;
}

/** Signing in and out, and turning a session into an actor. */
export class AuthService {
  // Verifying against a real hash for unknown users keeps the answer time the same, so response
  // timing does not tell which usernames exist.
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly accounts: AccountsRepository,
    private readonly sessions: SessionStore,
    private readonly limits: { maxFailures: number; lockMinutes: number },
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async login(username: string, password: string, ip: string | null, userAgent: string | null): Promise<LoginResult> {
    const row = await this.accounts.findRowByUsername(username);
    if (!row) {
      this.dummyHash ??= hashPassword('govportal-timing-equaliser');
      await verifyPassword(await this.dummyHash, password);
      await this.audit(username, ip, 'auth.login_failed', null, `登录失败：用户名 ${username} 不存在`);
      throw new AppError('BAD_CREDENTIALS');
    }
    const now = this.clock();
    if (row.locked_until && Date.parse(row.locked_until) > now.getTime()) {
      throw new AppError(
        'ACCOUNT_LOCKED',
        `账号已被锁定，请于 ${lockedUntilText(row.locked_until)} 后再试，或联系管理员解锁`,
      );
    }
    if (!(await verifyPassword(row.password_hash, password))) {
      const failures = await this.accounts.recordFailure(this.uow.db, row.id);
      if (failures >= this.limits.maxFailures) {
        const until = new Date(now.getTime() + this.limits.lockMinutes * 60_000).toISOString();
        await this.accounts.update(this.uow.db, row.id, { locked_until: until, failed_attempts: 0 });
        await this.audit(
          username,
          ip,
          'auth.locked',
          row.id,
          `账号 ${username} 连续 ${failures} 次密码错误，锁定至 ${until}`,
        );
        throw new AppError('ACCOUNT_LOCKED', `密码连续错误 ${failures} 次，账号已锁定 ${this.limits.lockMinutes} 分钟`);
      }
      await this.audit(
        username,
        ip,
        'auth.login_failed',
        row.id,
        `登录失败：账号 ${username} 密码错误（第 ${failures} 次）`,
      );
      const left = this.limits.maxFailures - failures;
      throw new AppError('BAD_CREDENTIALS', `用户名或密码错误，再错 ${left} 次账号将被锁定`);
    }
    if (row.active !== 1) throw new AppError('ACCOUNT_DISABLED');
    const { token, csrfToken } = await this.sessions.create(row.id, ip, userAgent);
    const actor = await this.actorFor(row.id, ip);
    await this.uow.run(async (trx, emit) => {
      await this.accounts.update(trx, row.id, {
        failed_attempts: 0,
        locked_until: null,
        last_login_at: nowIso(this.clock),
      });
      await emit({
        type: 'auth.login',
        actor: actor!,
        entityType: 'account',
        entityId: row.id,
        summary: `${username} 登录`,
      });
    });
    return { token, csrfToken, actor: actor! };
  }

  async logout(actor: Actor, token: string): Promise<void> {
    await this.sessions.destroy(token);
    await this.uow.run(async (_trx, emit) => {
      await emit({
        type: 'auth.logout',
        actor,
        entityType: 'account',
        entityId: actor.kind === 'account' ? actor.accountId : null,
        summary: `${actor.username} 退出登录`,
      });
    });
  }

  /** The actor behind a live session; null when the account is gone or disabled. */
  async actorFor(accountId: number, ip: string | null): Promise<Actor | null> {
    const row = await this.accounts.findRow(accountId);
    if (row?.active !== 1) return null;
    const roles = await this.accounts.rolesOf(accountId);
    return {
      kind: 'account',
      accountId: row.id,
      username: row.username,
      displayName: row.display_name,
      unitId: row.unit_id,
      roles,
      ip,
    };
  }

  async me(actor: Actor, csrfToken: string | null) {
    if (actor.kind !== 'account') throw new AppError('UNAUTHENTICATED');
    const row = await this.uow.db
      .selectFrom('accounts')
      .innerJoin('units', 'units.id', 'accounts.unit_id')
      .select([
        'accounts.id',
        'accounts.username',
        'accounts.display_name',
        'accounts.unit_id',
        'units.name as unit_name',
        'units.short_name as unit_short_name',
        'accounts.last_login_at',
      ])
      .where('accounts.id', '=', actor.accountId)
      .executeTakeFirstOrThrow();
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      unit: { id: row.unit_id, name: row.unit_name, shortName: row.unit_short_name },
      roles: actor.roles.map((r) => ({ role: r, label: ROLE_LABELS[r] })),
      permissions: permissionsOf(actor),
      lastLoginAt: row.last_login_at,
      csrfToken,
    };
  }

  private async audit(username: string, ip: string | null, type: string, accountId: number | null, summary: string) {
    await this.uow.run(async (_trx, emit) => {
      await emit({
        type,
        actor: systemActor(username.slice(0, 64), ip),
        entityType: 'account',
        entityId: accountId,
        summary,
      });
    });
  }
}

function lockedUntilText(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
