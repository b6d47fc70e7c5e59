import { shanghaiDateTime } from '../../platform/time.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../platform/auth/password.js';
import { ROLE_LABELS, type Role } from '../../platform/auth/roles.js';
import type { SessionStore } from '../../platform/auth/sessions.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import type { AccountView, AccountsRepository } from './accounts.repository.js';
import { lockedError } from './auth.service.js';
import type { LoginThrottle } from './login-throttle.js';
import type { AccountInput, AccountPatch } from './org.schemas.js';

export class AccountsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: AccountsRepository,
    private readonly sessions: SessionStore,
    private readonly throttle: LoginThrottle,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async list(actor: Actor, filter: { unitId?: number; role?: string }): Promise<AccountView[]> {
    authorize(actor, 'account.read');
    return this.repo.list(filter, this.clock());
  }

  async get(actor: Actor, id: number): Promise<AccountView> {
    authorize(actor, 'account.read');
    const a = await this.repo.get(id, this.clock());
    if (!a) throw notFound('账号');
    return a;
  }

  find(id: number, db?: Executor): Promise<AccountView | undefined> {
    return this.repo.get(id, this.clock(), db);
  }

  async create(actor: Actor, input: AccountInput): Promise<AccountView> {
    authorize(actor, 'account.write');
    const problem = passwordProblem(input.password, input.username);
    if (problem) throw invalid('password', problem);
    const hash = await hashPassword(input.password);
    return this.uow.run(async (trx, emit) => {
      const id = await this.createIn(trx, input, hash);
      await emit({
        type: 'account.created',
        actor,
        entityType: 'account',
        entityId: id,
        summary: `新建账号 ${input.username}（${input.roles.map((r) => ROLE_LABELS[r]).join('、')}）`,
        details: { username: input.username, unitId: input.unitId, roles: input.roles },
      });
      return (await this.repo.get(id, this.clock(), trx))!;
    });
  }

  /** Insert inside a running transaction with an already computed hash (first-start demo). */
  async createIn(trx: Executor, input: Omit<AccountInput, 'password'>, passwordHash: string): Promise<number> {
    if (await this.repo.findRowByUsername(input.username, trx))
      throw new AppError('DUPLICATE', `用户名 ${input.username} 已被使用`);
    const unit = await trx.selectFrom('units').select('id').where('id', '=', input.unitId).executeTakeFirst();
    if (!unit) throw invalid('unitId', '所属单位不存在');
    const now = nowIso(this.clock);
    return this.repo.insert(
      trx,
      {
        username: input.username,
        display_name: input.displayName,
        password_hash: passwordHash,
        unit_id: input.unitId,
        phone: input.phone ?? null,
        email: input.email ?? null,
        active: input.active ? 1 : 0,
        failed_attempts: 0,
        locked_until: null,
        last_login_at: null,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      },
      input.roles,
    );
  }

  async update(actor: Actor, id: number, patch: AccountPatch): Promise<AccountView> {
    authorize(actor, 'account.write');
    return this.uow.run(async (trx, emit) => {
      const before = await this.repo.get(id, this.clock(), trx);
      if (!before) throw notFound('账号');
      if (
        actor.kind === 'account' &&
        actor.accountId === id &&
        patch.roles &&
        !patch.roles.includes('sysadmin') &&
        before.roles.includes('sysadmin')
      ) {
        throw invalid('roles', '不能取消自己的系统管理员角色，以免无人能管理系统');
      }
      if (
        patch.unitId !== undefined &&
        !(await trx.selectFrom('units').select('id').where('id', '=', patch.unitId).executeTakeFirst())
      ) {
        throw invalid('unitId', '所属单位不存在');
      }
      await this.repo.update(trx, id, {
        ...(patch.displayName !== undefined && { display_name: patch.displayName }),
        ...(patch.unitId !== undefined && { unit_id: patch.unitId }),
        ...(patch.phone !== undefined && { phone: patch.phone }),
        ...(patch.email !== undefined && { email: patch.email }),
        ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
        updated_at: nowIso(this.clock),
      });
      if (patch.roles) await this.repo.replaceRoles(trx, id, patch.roles);
      // A changed unit, role set or deactivation changes what the person may do: end their sessions.
      if (patch.unitId !== undefined || patch.roles || patch.active === false)
        await this.sessions.destroyAllFor(id, trx);
      await emit({
        type: 'account.updated',
        actor,
        entityType: 'account',
        entityId: id,
        summary: `修改账号 ${before.username}`,
        details: { patch },
      });
      return (await this.repo.get(id, this.clock(), trx))!;
    });
  }

  async resetPassword(actor: Actor, id: number, password: string): Promise<void> {
    authorize(actor, 'account.write');
    const target = await this.repo.findRow(id);
    if (!target) throw notFound('账号');
    const problem = passwordProblem(password, target.username);
    if (problem) throw invalid('password', problem);
    const hash = await hashPassword(password);
    await this.uow.run(async (trx, emit) => {
      const before = await this.repo.findRow(id, trx);
      if (!before) throw notFound('账号');
      await this.repo.update(trx, id, {
        password_hash: hash,
        password_changed_at: nowIso(this.clock),
        failed_attempts: 0,
        locked_until: null,
        updated_at: nowIso(this.clock),
      });
      // A new password from the administrator also lifts the sign-in locks of the name.
      await this.throttle.clearName(trx, before.username);
      await this.sessions.destroyAllFor(id, trx);
      await emit({
        type: 'account.password_reset',
        actor,
        entityType: 'account',
        entityId: id,
        summary: `重置账号 ${before.username} 的密码`,
      });
    });
  }

  /**
   * Change one's own password. A wrong current password counts like a wrong password at sign-in
   * (someone holding a stolen session must not guess it at leisure); the change ends every other
   * session of the account, the one making it stays.
   */
  async changeOwnPassword(
    actor: Actor,
    current: string,
    next: string,
    from: { ip: string | null; sessionToken: string | null } = { ip: null, sessionToken: null },
  ): Promise<void> {
    if (actor.kind !== 'account') throw new AppError('UNAUTHENTICATED');
    const source = from.ip ?? 'unknown';
    const locked = await this.throttle.lockedUntil(actor.username, source);
    if (locked) throw lockedError(locked);
    const row = await this.repo.findRow(actor.accountId);
    if (!row || !(await verifyPassword(row.password_hash, current))) {
      const outcome = await this.throttle.fail(actor.username, source);
      await this.uow.run(async (_trx, emit) => {
        await emit({
          type: outcome.lockedUntil ? 'auth.locked' : 'auth.password_change_failed',
          actor,
          entityType: 'account',
          entityId: actor.accountId,
          summary: `${actor.username} 修改密码时当前密码不正确${outcome.lockedUntil ? `，暂停登录至 ${shanghaiDateTime(outcome.lockedUntil)}` : ''}`,
        });
      });
      if (outcome.lockedUntil)
        throw new AppError(
          'ACCOUNT_LOCKED',
          `当前密码连续错误，已暂停登录和修改密码 ${outcome.lockMinutes} 分钟；如需立即处理，请联系系统管理员`,
        );
      throw invalid('currentPassword', `当前密码不正确，再错 ${outcome.left} 次将暂停登录`);
    }
    const problem = passwordProblem(next, actor.username);
    if (problem) throw invalid('newPassword', problem);
    if (current === next) throw invalid('newPassword', '新密码不能与当前密码相同');
    const hash = await hashPassword(next);
    await this.uow.run(async (trx, emit) => {
      await this.repo.update(trx, actor.accountId, {
        password_hash: hash,
        password_changed_at: nowIso(this.clock),
        updated_at: nowIso(this.clock),
      });
      // Whoever else holds a session of this account (a forgotten browser, a thief) is signed out.
      await this.sessions.destroyAllFor(actor.accountId, trx, from.sessionToken ?? undefined);
      await emit({
        type: 'account.password_changed',
        actor,
        entityType: 'account',
        entityId: actor.accountId,
        summary: `${actor.username} 修改了自己的密码（其他会话已退出）`,
      });
    });
  }

  async unlock(actor: Actor, id: number): Promise<AccountView> {
    authorize(actor, 'account.write');
    return this.uow.run(async (trx, emit) => {
      const before = await this.repo.findRow(id, trx);
      if (!before) throw notFound('账号');
      await this.repo.update(trx, id, { failed_attempts: 0, locked_until: null, updated_at: nowIso(this.clock) });
      await this.throttle.clearName(trx, before.username);
      await emit({
        type: 'account.unlocked',
        actor,
        entityType: 'account',
        entityId: id,
        summary: `解锁账号 ${before.username}`,
      });
      return (await this.repo.get(id, this.clock(), trx))!;
    });
  }

  async remove(actor: Actor, id: number): Promise<void> {
    authorize(actor, 'account.write');
    if (actor.kind === 'account' && actor.accountId === id) throw new AppError('FORBIDDEN', '不能删除自己的账号');
    await this.uow.run(async (trx, emit) => {
      const before = await this.repo.findRow(id, trx);
      if (!before) throw notFound('账号');
      if (await this.repo.isReferenced(trx, id)) {
        throw new AppError('IN_USE', `账号 ${before.username} 编辑过信息，为保留记录不能删除；可改为停用`);
      }
      await this.repo.delete(trx, id);
      await emit({
        type: 'account.deleted',
        actor,
        entityType: 'account',
        entityId: id,
        summary: `删除账号 ${before.username}`,
      });
    });
  }

  rolesOf(id: number): Promise<Role[]> {
    return this.repo.rolesOf(id);
  }
}
