import { z } from 'zod';
import { IdParams, NoContent } from '../../contract/common.js';
import { actorOf, clearSessionCookie, setSessionCookie } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import type { AccountsService } from './accounts.service.js';
import type { AuthService } from './auth.service.js';
import { twoFactorRoutes } from './two-factor.routes.js';
import type { TwoFactorService } from './two-factor.service.js';
import { SecondStep } from '../../contract/two-factor.js';
import type { GrantsService } from './grants.service.js';
import {
  Account,
  AccountFilter,
  AccountInput,
  AccountPatch,
  Grant,
  GrantInput,
  Group,
  GroupInput,
  LoginInput,
  Me,
  NewPasswordLoginInput,
  MissingPersonnel,
  PasswordChange,
  PasswordReset,
  PersonInput,
  PersonPatch,
  Person,
  SavedPerson,
  Unit,
  UnitFilter,
  UnitGroup,
  UnitInput,
  UnitListQuery,
  UnitPatch,
} from './org.schemas.js';
import { personnelRoutes } from './personnel.routes.js';
import type { PersonnelService } from './personnel.service.js';
import type { RosterImportService } from './roster-import.service.js';
import type { UnitsService } from './units.service.js';

export interface OrgServices {
  units: UnitsService;
  personnel: PersonnelService;
  rosterImport: RosterImportService;
  accounts: AccountsService;
  auth: AuthService;
  twoFactor: TwoFactorService;
  grants: GrantsService;
}

export function authRoutes(app: Api, s: OrgServices, cookieSecure: 'auto' | boolean): void {
  const tags = ['登录'];
  app.post(
    '/auth/login',
    {
      schema: {
        tags,
        summary: '登录（需要两步验证时答 202 与第二步的凭据）',
        body: LoginInput,
        response: { 200: Me, 202: SecondStep },
      },
      config: { anonymous: true },
    },
    async (req, reply) => {
      const r = await s.auth.login(req.body.username, req.body.password, req.ip, req.headers['user-agent'] ?? null);
      if ('challenge' in r) return reply.code(202).send(r);
      setSessionCookie(reply, req, r.token, cookieSecure);
      return s.auth.me(r.actor, r.csrfToken);
    },
  );
  app.post(
    '/auth/login/new-password',
    {
      schema: {
        tags,
        summary: '登录并修改须更换的密码（对外提供服务时的演示账号）',
        body: NewPasswordLoginInput,
        response: { 200: Me, 202: SecondStep },
      },
      config: { anonymous: true },
    },
    async (req, reply) => {
      const r = await s.auth.loginReplacingPassword(
        req.body.username,
        req.body.password,
        req.body.newPassword,
        req.ip,
        req.headers['user-agent'] ?? null,
      );
      if ('challenge' in r) return reply.code(202).send(r);
      setSessionCookie(reply, req, r.token, cookieSecure);
      return s.auth.me(r.actor, r.csrfToken);
    },
  );
  app.post(
    '/auth/logout',
    { schema: { tags, summary: '退出登录', response: { 204: NoContent } }, config: { signedIn: true } },
    async (req, reply) => {
      await s.auth.logout(actorOf(req), req.sessionToken!);
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/auth/me',
    {
      schema: { tags, summary: '当前用户、角色、权限与 CSRF 令牌', response: { 200: Me } },
      config: { signedIn: true },
    },
    (req) => s.auth.me(actorOf(req), req.csrfToken),
  );
  twoFactorRoutes(app, s, cookieSecure);
  app.post(
    '/auth/password',
    {
      schema: { tags, summary: '修改自己的密码', body: PasswordChange, response: { 204: NoContent } },
      config: { signedIn: true },
    },
    async (req, reply) => {
      await s.accounts.changeOwnPassword(actorOf(req), req.body.currentPassword, req.body.newPassword, {
        ip: req.ip,
        sessionToken: req.sessionToken,
      });
      return reply.code(204).send(null);
    },
  );
}

export function orgRoutes(app: Api, s: OrgServices): void {
  const unitTags = ['单位'];
  app.get(
    '/units',
    {
      schema: { tags: unitTags, summary: '单位列表', querystring: UnitListQuery, response: { 200: z.array(Unit) } },
      config: { permission: 'unit.read' },
    },
    (req) =>
      s.units.list(actorOf(req), {
        ...req.query,
        active: req.query.active === undefined ? undefined : req.query.active === 'true',
      }),
  );
  app.get(
    '/units/:id',
    {
      schema: { tags: unitTags, summary: '单位详情', params: IdParams, response: { 200: Unit } },
      config: { permission: 'unit.read' },
    },
    (req) => s.units.get(actorOf(req), req.params.id),
  );
  app.post(
    '/units',
    {
      schema: { tags: unitTags, summary: '新建单位', body: UnitInput, response: { 201: Unit } },
      config: { permission: 'unit.write' },
    },
    async (req, reply) => reply.code(201).send(await s.units.create(actorOf(req), req.body)),
  );
  app.patch(
    '/units/:id',
    {
      schema: { tags: unitTags, summary: '修改单位', params: IdParams, body: UnitPatch, response: { 200: Unit } },
      config: { permission: 'unit.write' },
    },
    (req) => s.units.update(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/units/:id',
    {
      schema: { tags: unitTags, summary: '删除单位', params: IdParams, response: { 204: NoContent } },
      config: { permission: 'unit.write' },
    },
    async (req, reply) => {
      await s.units.remove(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/units/:id/columns',
    {
      schema: {
        tags: unitTags,
        summary: '单位可发布的栏目编号',
        params: IdParams,
        response: { 200: z.array(z.number().int()) },
      },
      config: { permission: 'column.read' },
    },
    (req) => s.grants.columnsOfUnit(actorOf(req), req.params.id),
  );

  app.get(
    '/unit-groups',
    {
      schema: { tags: unitTags, summary: '单位分组（按类别解析成员）', response: { 200: z.array(UnitGroup) } },
      config: { permission: 'unit.read' },
    },
    (req) => s.units.listGroups(actorOf(req)),
  );
  app.post(
    '/unit-groups',
    {
      schema: { tags: unitTags, summary: '新建单位分组', body: GroupInput, response: { 201: Group } },
      config: { permission: 'unit.write' },
    },
    async (req, reply) => reply.code(201).send(await s.units.createGroup(actorOf(req), req.body)),
  );
  app.put(
    '/unit-groups/:id',
    {
      schema: { tags: unitTags, summary: '修改单位分组', params: IdParams, body: GroupInput, response: { 200: Group } },
      config: { permission: 'unit.write' },
    },
    (req) => s.units.updateGroup(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/unit-groups/:id',
    {
      schema: { tags: unitTags, summary: '删除单位分组', params: IdParams, response: { 204: NoContent } },
      config: { permission: 'unit.write' },
    },
    async (req, reply) => {
      await s.units.removeGroup(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/column-grants',
    {
      schema: { tags: unitTags, summary: '栏目授权列表', querystring: UnitFilter, response: { 200: z.array(Grant) } },
      config: { permission: 'unit.read' },
    },
    (req) => s.grants.list(actorOf(req), req.query.unitId),
  );
  app.post(
    '/column-grants',
    {
      schema: { tags: unitTags, summary: '授权单位维护栏目', body: GrantInput, response: { 201: z.array(Grant) } },
      config: { permission: 'unit.write' },
    },
    async (req, reply) => {
      await s.grants.grant(actorOf(req), req.body.unitId, req.body.columnId);
      return reply.code(201).send(await s.grants.list(actorOf(req), req.body.unitId));
    },
  );
  app.delete(
    '/column-grants/:id',
    {
      schema: { tags: unitTags, summary: '撤销栏目授权', params: IdParams, response: { 204: NoContent } },
      config: { permission: 'unit.write' },
    },
    async (req, reply) => {
      await s.grants.revoke(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  const peopleTags = ['保障人员'];
  app.get(
    '/personnel',
    {
      schema: {
        tags: peopleTags,
        summary: '保障人员名单（附件3）',
        querystring: UnitFilter,
        response: { 200: z.array(Person) },
      },
      config: { permission: 'personnel.read' },
    },
    (req) => s.personnel.list(actorOf(req), req.query.unitId),
  );
  app.get(
    '/personnel/missing',
    {
      schema: { tags: peopleTags, summary: '缺少分管领导或信息员的单位', response: { 200: z.array(MissingPersonnel) } },
      config: { permission: 'personnel.read' },
    },
    (req) => s.personnel.missingReport(actorOf(req)),
  );
  app.post(
    '/personnel',
    {
      schema: { tags: peopleTags, summary: '登记人员', body: PersonInput, response: { 201: SavedPerson } },
      config: { permission: 'personnel.write' },
    },
    async (req, reply) => reply.code(201).send(await s.personnel.create(actorOf(req), req.body)),
  );
  app.patch(
    '/personnel/:id',
    {
      schema: {
        tags: peopleTags,
        summary: '修改人员',
        params: IdParams,
        body: PersonPatch,
        response: { 200: SavedPerson },
      },
      config: { permission: 'personnel.write' },
    },
    (req) => s.personnel.update(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/personnel/:id',
    {
      schema: { tags: peopleTags, summary: '删除人员', params: IdParams, response: { 204: NoContent } },
      config: { permission: 'personnel.write' },
    },
    async (req, reply) => {
      await s.personnel.remove(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  personnelRoutes(app, s);

  const accountTags = ['账号'];
  app.get(
    '/accounts',
    {
      schema: {
        tags: accountTags,
        summary: '账号列表',
        querystring: AccountFilter,
        response: { 200: z.array(Account) },
      },
      config: { permission: 'account.read' },
    },
    (req) => s.accounts.list(actorOf(req), req.query),
  );
  app.get(
    '/accounts/:id',
    {
      schema: { tags: accountTags, summary: '账号详情', params: IdParams, response: { 200: Account } },
      config: { permission: 'account.read' },
    },
    (req) => s.accounts.get(actorOf(req), req.params.id),
  );
  app.post(
    '/accounts',
    {
      schema: { tags: accountTags, summary: '新建账号', body: AccountInput, response: { 201: Account } },
      config: { permission: 'account.write' },
    },
    async (req, reply) => reply.code(201).send(await s.accounts.create(actorOf(req), req.body)),
  );
  app.patch(
    '/accounts/:id',
    {
      schema: {
        tags: accountTags,
        summary: '修改账号',
        params: IdParams,
        body: AccountPatch,
        response: { 200: Account },
      },
      config: { permission: 'account.write' },
    },
    (req) => s.accounts.update(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/accounts/:id/password',
    {
      schema: {
        tags: accountTags,
        summary: '重置密码',
        params: IdParams,
        body: PasswordReset,
        response: { 204: NoContent },
      },
      config: { permission: 'account.write' },
    },
    async (req, reply) => {
      await s.accounts.resetPassword(actorOf(req), req.params.id, req.body.password);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/accounts/:id/unlock',
    {
      schema: { tags: accountTags, summary: '解锁账号', params: IdParams, response: { 200: Account } },
      config: { permission: 'account.write' },
    },
    (req) => s.accounts.unlock(actorOf(req), req.params.id),
  );
  app.delete(
    '/accounts/:id',
    {
      schema: { tags: accountTags, summary: '删除账号', params: IdParams, response: { 204: NoContent } },
      config: { permission: 'account.write' },
    },
    async (req, reply) => {
      await s.accounts.remove(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
