import { shanghaiDateTime } from '../../platform/time.js';
import type { AuditAction } from '../../contract/audit.js';
import { systemActor, type Actor } from '../../platform/auth/actor.js';
import { hashPassword, verifyPassword } from '../../platform/auth/password.js';
import { permissionsOf } from '../../platform/auth/policy.js';
import { ROLE_LABELS } from '../../platform/auth/roles.js';
import type { SessionStore } from '../../platform/auth/sessions.js';
import { nowIso } from '../../platform/db/helpers.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid } from '../../platform/errors.js';
import { passwordProblem } from '../../platform/auth/password-policy.js';
import type { Enrolment, SecondStep } from '../../contract/two-factor.js';
import type { Account } from '../../platform/db/tables.js';
import type { TwoFactorChallengeTable } from '../../platform/db/tables.js';
import type { AccountsRepository } from './accounts.repository.js';
import type { LoginThrottle } from './login-throttle.js';
import type { TwoFactorService } from './two-factor.service.js';

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
    private readonly throttle: LoginThrottle,
    private readonly twoFactor: TwoFactorService,
    private readonly clock: () => Date = () => new Date(),
    /** A password that may sign in only by replacing it (see loginReplacingPassword). */
    private readonly mustReplace: (password: string) => boolean = () => false,
  ) {}

  /**
   * The password step. Signed in, or — for an account with two-factor sign-in, or whose role requires
   * it — a second step to take (two-factor.service.ts). The pair's failure count is cleared only when
   * the sign-in is complete, so wrong codes after a right password keep counting towards the lock.
   */
  async login(
    username: string,
    password: string,
    ip: string | null,
    userAgent: string | null,
  ): Promise<LoginResult | SecondStep> {
    const row = await this.passwordStep(username, password, ip);
    if (this.mustReplace(password)) {
      await this.audit(
        username,
        ip,
        'auth.password_change_required',
        row.id,
        `${username} 使用公开的演示密码登录，须先修改密码`,
      );
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
    return this.afterPassword(row, username, ip, userAgent);
  }

  /**
   * Sign in with a password that must be replaced (mustReplace: the demo accounts' published password
   * while the server listens beyond loopback), setting the new one in the same step; the rest of the
   * sign-in (second step, session) is as in login.
   */
  async loginReplacingPassword(
    username: string,
    password: string,
    newPassword: string,
    ip: string | null,
    userAgent: string | null,
  ): Promise<LoginResult | SecondStep> {
    const row = await this.passwordStep(username, password, ip);
    if (!this.mustReplace(password)) throw invalid('password', '该账号登录时无需修改密码，请直接登录');
    const problem = passwordProblem(newPassword, row.username);
    if (problem) throw invalid('newPassword', problem);
    if (newPassword === password || this.mustReplace(newPassword))
      throw invalid('newPassword', '新密码不能与演示密码相同');
    const hash = await hashPassword(newPassword);
    await this.uow.run(async (trx, emit) => {
      const now = this.clock().toISOString();
      await this.accounts.update(trx, row.id, { password_hash: hash, password_changed_at: now, updated_at: now });
      // Sessions opened with the old password (while the server was on loopback) end with it.
      await this.sessions.destroyAllFor(row.id, trx);
      await emit({
        type: 'account.password_changed',
        actor: systemActor(`login:${row.username}`),
        entityType: 'account',
        entityId: row.id,
        summary: `${row.username} 登录时修改了公开的演示密码`,
      });
    });
    return this.afterPassword(row, username, ip, userAgent);
  }

  /** The password itself, with the locks and the same answers for known and unknown names. */
  private async passwordStep(username: string, password: string, ip: string | null): Promise<Account> {
    const source = ip ?? 'unknown';
    // Every step below is the same for a name that exists and one that does not: the same locks
    // (kept by the name as typed), the same password hashing, the same answers.
    const locked = await this.throttle.lockedUntil(username, source);
    if (locked) {
      await this.audit(username, ip, 'auth.login_blocked', null, `登录被暂停：${username}（来源 ${source}）`);
      throw lockedError(locked);
    }
    const row = await this.accounts.findRowByUsername(username);
    this.dummyHash ??= hashPassword('govportal-timing-equaliser');
    const right = row
      ? await verifyPassword(row.password_hash, password)
      : (await verifyPassword(await this.dummyHash, password)) && false;
    if (!right) {
      const outcome = await this.throttle.fail(username, source);
      const who = row ? `账号 ${username} 密码错误` : `用户名 ${username} 不存在`;
      if (outcome.lockedUntil) {
        await this.audit(
          username,
          ip,
          'auth.locked',
          row?.id ?? null,
          `登录失败：${who}，暂停登录至 ${shanghaiDateTime(outcome.lockedUntil)}`,
        );
        throw new AppError(
          'ACCOUNT_LOCKED',
          `登录失败次数过多，已暂停登录 ${outcome.lockMinutes} 分钟；如需立即登录，请联系系统管理员解锁`,
        );
      }
      await this.audit(username, ip, 'auth.login_failed', row?.id ?? null, `登录失败：${who}`);
      const minutes = await this.throttle.nextLockMinutes(username, source);
      throw new AppError('BAD_CREDENTIALS', `用户名或密码错误，再错 ${outcome.left} 次将暂停登录 ${minutes} 分钟`);
    }
    if (row!.active !== 1) throw new AppError('ACCOUNT_DISABLED');
    return row!;
  }

  private async afterPassword(
    row: Account,
    username: string,
    ip: string | null,
    userAgent: string | null,
  ): Promise<LoginResult | SecondStep> {
    const roles = await this.accounts.rolesOf(row.id);
    const second = await this.twoFactor.stepAfterPassword(row.id, roles, row.display_name, ip);
    if (second) {
      const what = second.step === 'verify' ? '等待输入两步验证码' : '其角色须使用两步验证，等待设置';
      await this.audit(username, ip, 'auth.second_step', row.id, `${username} 密码正确，${what}`);
      return second;
    }
    await this.throttle.succeed(username, ip ?? 'unknown');
    return this.open(row, ip, userAgent, '登录');
  }

  /** The second step: a code from the authenticator app, or a recovery code. */
  async verifySecondStep(token: string, code: string, ip: string | null, userAgent: string | null) {
    const { challenge, row } = await this.challenge(token, 'verify', ip);
    const kind = await this.twoFactor.consumeCode(row.id, code);
    if (!kind) return this.wrongCode(challenge, row, ip);
    if (!(await this.twoFactor.closeChallenge(challenge))) throw new AppError('TWO_FACTOR_EXPIRED');
    await this.throttle.succeed(row.username, ip ?? 'unknown');
    return this.open(row, ip, userAgent, kind === 'recovery' ? '登录（两步验证：使用恢复码）' : '登录（两步验证）');
  }

  /** Enrolment asked at sign-in: the secret and QR code for the authenticator app. */
  async beginEnrolmentAtSignIn(token: string, ip: string | null): Promise<Enrolment> {
    const { row } = await this.challenge(token, 'enrol', ip);
    return this.twoFactor.beginEnrolment(row.id, row.username);
  }

  /** Enrolment asked at sign-in, confirmed by a first code: signed in, with the recovery codes. */
  async confirmEnrolmentAtSignIn(token: string, code: string, ip: string | null, userAgent: string | null) {
    const { challenge, row } = await this.challenge(token, 'enrol', ip);
    const actor = (await this.actorFor(row.id, ip))!;
    const recoveryCodes = await this.twoFactor.confirmEnrolment(actor, row.id, code);
    if (!recoveryCodes) return this.wrongCode(challenge, row, ip);
    await this.twoFactor.closeChallenge(challenge);
    await this.throttle.succeed(row.username, ip ?? 'unknown');
    return { ...(await this.open(row, ip, userAgent, '登录（首次设置两步验证）')), recoveryCodes };
  }

  private async challenge(token: string, purpose: SecondStep['step'], ip: string | null) {
    const challenge = await this.twoFactor.challenge(token, purpose);
    const row = await this.accounts.findRow(challenge.account_id);
    if (row?.active !== 1) throw new AppError('ACCOUNT_DISABLED');
    // A lock that began after the password (wrong codes from elsewhere) stops the second step too.
    const locked = await this.throttle.lockedUntil(row.username, ip ?? 'unknown');
    if (locked) {
      await this.twoFactor.closeChallenge(challenge);
      throw lockedError(locked);
    }
    return { challenge, row };
  }

  /** A wrong second-step code counts like a wrong password (pair, source and name). */
  private async wrongCode(challenge: TwoFactorChallengeTable, row: Account, ip: string | null): Promise<never> {
    const source = ip ?? 'unknown';
    const outcome = await this.throttle.fail(row.username, source);
    const spent = outcome.lockedUntil
      ? await this.twoFactor.closeChallenge(challenge)
      : await this.twoFactor.failChallenge(challenge);
    const type = outcome.lockedUntil ? 'auth.locked' : 'auth.two_factor_failed';
    const until = outcome.lockedUntil ? `，暂停登录至 ${shanghaiDateTime(outcome.lockedUntil)}` : '';
    await this.audit(row.username, ip, type, row.id, `登录失败：账号 ${row.username} 两步验证码错误${until}`);
    if (outcome.lockedUntil)
      throw new AppError(
        'ACCOUNT_LOCKED',
        `登录失败次数过多，已暂停登录 ${outcome.lockMinutes} 分钟；如需立即登录，请联系系统管理员解锁`,
      );
    if (spent) throw new AppError('TWO_FACTOR_EXPIRED');
    const minutes = await this.throttle.nextLockMinutes(row.username, source);
    throw new AppError(
      'TWO_FACTOR_INVALID',
      `验证码不正确或已使用过，再错 ${outcome.left} 次将暂停登录 ${minutes} 分钟`,
    );
  }

  private async open(row: Account, ip: string | null, userAgent: string | null, what: string): Promise<LoginResult> {
    const { token, csrfToken } = await this.sessions.create(row.id, ip, userAgent);
    const actor = (await this.actorFor(row.id, ip))!;
    await this.uow.run(async (trx, emit) => {
      await this.accounts.update(trx, row.id, { last_login_at: nowIso(this.clock) });
      await emit({
        type: 'auth.login',
        actor,
        entityType: 'account',
        entityId: row.id,
        summary: `${row.username} ${what}`,
      });
    });
    return { token, csrfToken, actor };
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

  private async audit(
    username: string,
    ip: string | null,
    type: AuditAction,
    accountId: number | null,
    summary: string,
  ) {
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

/** The end of a lock to the minute (rounded up), Beijing time: 2026/11/20 10:16. */
function lockedUntilText(iso: string): string {
  const minute = new Date(Math.ceil(Date.parse(iso) / 60_000) * 60_000);
  return minute.toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** The answer while a lock is in force: the same for every name, existing or not. */
export function lockedError(until: string): AppError {
  return new AppError(
    'ACCOUNT_LOCKED',
    `登录失败次数过多，已暂停登录，请于 ${lockedUntilText(until)} 后再试；如需立即登录，请联系系统管理员解锁`,
  );
}
