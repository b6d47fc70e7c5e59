import { shanghaiDateTime } from '../../platform/time.js';
import type { Actor } from '../../platform/auth/actor.js';
import { hashPassword, verifyPassword } from '../../platform/auth/password.js';
import { ROLE_LABELS, ROLES, type Role } from '../../platform/auth/roles.js';
import { randomToken, sha256, type SessionStore } from '../../platform/auth/sessions.js';
import {
  isTotpCode,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  qrDataUrl,
  totpStep,
  totpUri,
} from '../../platform/auth/totp.js';
import { nowIso } from '../../platform/db/helpers.js';
import type { TwoFactorChallengeTable } from '../../platform/db/tables.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import type { SecretBox } from '../../platform/secrets/secret-box.js';
import type { Settings } from '../../platform/settings.js';
import type { Enrolment, SecondStep, TwoFactorPolicy, TwoFactorStatus } from '../../contract/two-factor.js';
import type { LoginThrottle } from './login-throttle.js';
import type { TwoFactorRepository } from './two-factor.repository.js';

// Two-factor sign-in (issue 9 item 8, docs/security.md). The password step (auth.service.ts) hands
// over to a challenge kept here, server-side and a few minutes long; the browser holds only its token.
// Which roles must use it is a setting of the administrator, with the server's default
// (TWO_FACTOR_REQUIRED_ROLES) until it is saved.

export const TWO_FACTOR_ROLES_SETTING = 'auth.two_factor_roles';
export const CHALLENGE_MINUTES = 5;
/** Wrong codes one challenge takes before the password must be typed again (the throttle counts too). */
export const CHALLENGE_MAX_FAILURES = 5;
const ISSUER = '涟水县政府网站保障系统';

export type CodeKind = 'totp' | 'recovery';

export class TwoFactorService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: TwoFactorRepository,
    private readonly settings: Settings,
    private readonly box: SecretBox,
    private readonly sessions: SessionStore,
    private readonly throttle: LoginThrottle,
    private readonly defaultRoles: readonly Role[],
    private readonly clock: () => Date = () => new Date(),
  ) {}

  // The per-role requirement ---------------------------------------------------------------------

  async requiredRoles(): Promise<Role[]> {
    const saved = await this.settings.get<Role[] | null>(TWO_FACTOR_ROLES_SETTING, null);
    return saved ?? [...this.defaultRoles];
  }

  async isRequired(roles: readonly Role[]): Promise<boolean> {
    const required = await this.requiredRoles();
    return roles.some((r) => required.includes(r));
  }

  async policy(): Promise<TwoFactorPolicy> {
    const saved = await this.settings.get<Role[] | null>(TWO_FACTOR_ROLES_SETTING, null);
    const required = saved ?? this.defaultRoles;
    return {
      roles: ROLES.map((role) => ({ role, label: ROLE_LABELS[role], required: required.includes(role) })),
      saved: saved !== null,
    };
  }

  async setPolicy(actor: Actor, requiredRoles: Role[]): Promise<TwoFactorPolicy> {
    const roles = ROLES.filter((r) => requiredRoles.includes(r));
    await this.uow.run(async (trx, emit) => {
      await this.settings.set(trx, TWO_FACTOR_ROLES_SETTING, roles);
      await emit({
        type: 'settings.two_factor',
        actor,
        entityType: 'settings',
        entityId: null,
        summary: `设置必须使用两步验证的角色：${roles.map((r) => ROLE_LABELS[r]).join('、') || '无'}`,
        details: { requiredRoles: roles },
      });
    });
    return this.policy();
  }

  async status(actor: Actor): Promise<TwoFactorStatus> {
    const id = accountIdOf(actor);
    const row = await this.repo.find(id);
    const left = row?.enabled_at ? (await this.repo.unusedRecoveryCodes(id)).length : 0;
    return {
      enabled: Boolean(row?.enabled_at),
      required: await this.isRequired(actor.kind === 'account' ? actor.roles : []),
      enabledAt: row?.enabled_at ?? null,
      recoveryCodesLeft: left,
    };
  }

  // The challenge between the password and the second step --------------------------------------

  /** After a right password: the second step this account needs, or null when none. */
  async stepAfterPassword(
    accountId: number,
    roles: readonly Role[],
    displayName: string,
    ip: string | null,
  ): Promise<SecondStep | null> {
    const row = await this.repo.find(accountId);
    const step = row?.enabled_at ? 'verify' : (await this.isRequired(roles)) ? 'enrol' : null;
    if (!step) return null;
    const token = randomToken();
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + CHALLENGE_MINUTES * 60_000).toISOString();
    await this.repo.insertChallenge(this.uow.db, {
      id: sha256(token),
      account_id: accountId,
      purpose: step,
      ip: ip?.slice(0, 64) ?? null,
      failures: 0,
      created_at: now.toISOString(),
      expires_at: expiresAt,
    });
    return { step, challenge: token, expiresAt, displayName };
  }

  /** The live challenge of a token, for the step it was made for. */
  async challenge(token: string, purpose: SecondStep['step']): Promise<TwoFactorChallengeTable> {
    const row = await this.repo.findChallenge(sha256(token));
    if (!row || row.purpose !== purpose || Date.parse(row.expires_at) <= this.clock().getTime()) {
      if (row) await this.repo.deleteChallenge(this.uow.db, row.id);
      throw new AppError('TWO_FACTOR_EXPIRED');
    }
    return row;
  }

  /** A wrong code on a challenge: true when it is used up (the password must be typed again). */
  async failChallenge(row: TwoFactorChallengeTable): Promise<boolean> {
    const failures = await this.repo.failChallenge(this.uow.db, row.id);
    if (failures < CHALLENGE_MAX_FAILURES) return false;
    await this.repo.deleteChallenge(this.uow.db, row.id);
    return true;
  }

  /** Close a challenge once; false when another request closed it first (a replay of the step). */
  closeChallenge(row: TwoFactorChallengeTable): Promise<boolean> {
    return this.repo.deleteChallenge(this.uow.db, row.id);
  }

  // Codes -----------------------------------------------------------------------------------------

  /** Check a code of an enrolled account, using it up (its time step, or the recovery code). */
  async consumeCode(accountId: number, code: string): Promise<CodeKind | null> {
    const row = await this.repo.find(accountId);
    if (!row?.enabled_at || !row.secret) return null;
    const now = this.clock();
    if (isTotpCode(code)) {
      const step = await totpStep(this.open(row.secret), code, row.last_step, now);
      return step !== null && (await this.repo.takeStep(this.uow.db, accountId, step, now.toISOString()))
        ? 'totp'
        : null;
    }
    const typed = normaliseRecoveryCode(code);
    if (!typed) return null;
    for (const c of await this.repo.unusedRecoveryCodes(accountId)) {
      if (await verifyPassword(c.code_hash, typed))
        return (await this.repo.takeRecoveryCode(this.uow.db, c.id, now.toISOString())) ? 'recovery' : null;
    }
    return null;
  }

  // Enrolment -------------------------------------------------------------------------------------

  /** A new secret for the account, kept (sealed) as pending until a first code confirms it. */
  async beginEnrolment(accountId: number, username: string): Promise<Enrolment> {
    const row = await this.repo.find(accountId);
    if (row?.enabled_at)
      throw new AppError('CONFLICT', '已开启两步验证；如需更换手机，请先关闭两步验证或请系统管理员重置后再设置');
    const secret = newTotpSecret();
    await this.repo.setPending(this.uow.db, accountId, this.box.seal(secret), nowIso(this.clock));
    const uri = totpUri(ISSUER, username, secret);
    return { secret, otpauthUri: uri, qrDataUrl: await qrDataUrl(uri), issuer: ISSUER, account: username };
  }

  /**
   * Confirm the pending secret with a first code: two-factor sign-in is on, and the recovery codes
   * (returned this once) replace any earlier ones. Null when the code is wrong.
   */
  async confirmEnrolment(actor: Actor, accountId: number, code: string): Promise<string[] | null> {
    const row = await this.repo.find(accountId);
    if (!row?.pending_secret || row.enabled_at)
      throw new AppError('CONFLICT', '没有待确认的两步验证设置，请重新开始设置');
    const now = this.clock();
    const step = await totpStep(this.open(row.pending_secret), code, null, now);
    if (step === null) return null;
    const codes = newRecoveryCodes();
    const hashes = await Promise.all(codes.map((c) => hashPassword(normaliseRecoveryCode(c)!)));
    await this.uow.run(async (trx, emit) => {
      await this.repo.enable(trx, accountId, row.pending_secret!, step, now.toISOString());
      await this.repo.replaceRecoveryCodes(trx, accountId, hashes, now.toISOString());
      await emit({
        type: 'auth.two_factor_enabled',
        actor,
        entityType: 'account',
        entityId: accountId,
        summary: `${actor.username} 开启两步验证（生成 ${codes.length} 个恢复码）`,
      });
    });
    return codes;
  }

  /** Enrolment by a signed-in person (their role does not require it, or they enrol early). */
  beginOwnEnrolment(actor: Actor): Promise<Enrolment> {
    return this.beginEnrolment(accountIdOf(actor), actor.username);
  }

  /**
   * A wrong first code here is not counted towards the sign-in lock: the secret was shown to this
   * session a moment ago, so guessing would gain nothing.
   */
  async confirmOwnEnrolment(actor: Actor, code: string): Promise<string[]> {
    const codes = await this.confirmEnrolment(actor, accountIdOf(actor), code);
    if (!codes) throw new AppError('TWO_FACTOR_INVALID', '验证码不正确，请输入验证器应用上当前显示的 6 位验证码');
    return codes;
  }

  // Turning off, new recovery codes, the administrator's reset ----------------------------------

  /** A signed-in person's own code check (turning off, new recovery codes): wrong codes count as failures. */
  private async requireOwnCode(actor: Actor, code: string, what: string): Promise<CodeKind> {
    const id = accountIdOf(actor);
    const source = actor.ip ?? 'unknown';
    const locked = await this.throttle.lockedUntil(actor.username, source);
    if (locked) throw new AppError('ACCOUNT_LOCKED');
    const kind = await this.consumeCode(id, code);
    if (kind) return kind;
    const outcome = await this.throttle.fail(actor.username, source);
    await this.uow.run(async (_trx, emit) => {
      await emit({
        type: outcome.lockedUntil ? 'auth.locked' : 'auth.two_factor_failed',
        actor,
        entityType: 'account',
        entityId: id,
        summary: `${actor.username} ${what}时验证码不正确${outcome.lockedUntil ? `，暂停登录至 ${shanghaiDateTime(outcome.lockedUntil)}` : ''}`,
      });
    });
    throw new AppError(outcome.lockedUntil ? 'ACCOUNT_LOCKED' : 'TWO_FACTOR_INVALID');
  }

  async disableOwn(actor: Actor, code: string): Promise<void> {
    const id = accountIdOf(actor);
    if (actor.kind === 'account' && (await this.isRequired(actor.roles))) throw new AppError('TWO_FACTOR_REQUIRED');
    const row = await this.repo.find(id);
    if (!row?.enabled_at) throw new AppError('TWO_FACTOR_NOT_ENROLLED');
    await this.requireOwnCode(actor, code, '关闭两步验证');
    await this.uow.run(async (trx, emit) => {
      await this.repo.remove(trx, id);
      await emit({
        type: 'auth.two_factor_disabled',
        actor,
        entityType: 'account',
        entityId: id,
        summary: `${actor.username} 关闭两步验证`,
      });
    });
  }

  async regenerateRecoveryCodes(actor: Actor, code: string): Promise<string[]> {
    const id = accountIdOf(actor);
    const row = await this.repo.find(id);
    if (!row?.enabled_at) throw new AppError('TWO_FACTOR_NOT_ENROLLED');
    await this.requireOwnCode(actor, code, '重新生成恢复码');
    const codes = newRecoveryCodes();
    const hashes = await Promise.all(codes.map((c) => hashPassword(normaliseRecoveryCode(c)!)));
    await this.uow.run(async (trx, emit) => {
      await this.repo.replaceRecoveryCodes(trx, id, hashes, nowIso(this.clock));
      await emit({
        type: 'auth.recovery_codes_renewed',
        actor,
        entityType: 'account',
        entityId: id,
        summary: `${actor.username} 重新生成恢复码（原有恢复码作废）`,
      });
    });
    return codes;
  }

  /**
   * The administrator's reset (a lost phone, used-up recovery codes): the factor, the recovery codes
   * and the account's sessions go; at next sign-in the person enrols again if their role requires it.
   */
  async reset(actor: Actor, accountId: number, username: string): Promise<void> {
    await this.uow.run(async (trx, emit) => {
      const row = await this.repo.find(accountId, trx);
      if (!row) throw new AppError('TWO_FACTOR_NOT_ENROLLED', `账号 ${username} 尚未开启两步验证，无需重置`);
      await this.repo.remove(trx, accountId);
      await this.sessions.destroyAllFor(accountId, trx);
      await emit({
        type: 'account.two_factor_reset',
        actor,
        entityType: 'account',
        entityId: accountId,
        summary: `重置账号 ${username} 的两步验证（并结束其登录会话）`,
      });
    });
  }

  /** `govportal reset-two-factor NAME` on the server. */
  async resetByName(actor: Actor, username: string): Promise<void> {
    const id = await this.repo.accountIdByName(username);
    if (id === undefined) throw new AppError('NOT_FOUND', `账号不存在：${username}`);
    await this.reset(actor, id, username);
  }

  private open(sealed: string): string {
    const plain = this.box.open(sealed);
    // A secret that does not open was sealed with another key (SECRET_KEY changed, or secret.key lost):
    // no code can match it, and the administrator's reset is the way back (docs/security.md).
    if (plain === null)
      throw new AppError('CONFLICT', '两步验证密钥无法解密（服务器密钥已更换）；请联系系统管理员重置两步验证');
    return plain;
  }
}

function accountIdOf(actor: Actor): number {
  if (actor.kind !== 'account') throw new AppError('UNAUTHENTICATED');
  return actor.accountId;
}
