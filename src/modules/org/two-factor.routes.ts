import { IdParams, NoContent } from '../../contract/common.js';
import {
  ChallengeCodeInput,
  ChallengeInput,
  CodeInput,
  EnrolledSignIn,
  Enrolment,
  RecoveryCodes,
  TwoFactorPolicy,
  TwoFactorPolicyInput,
  TwoFactorStatus,
} from '../../contract/two-factor.js';
import { actorOf, setSessionCookie } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import { Account, Me } from './org.schemas.js';
import type { OrgServices } from './org.routes.js';

// Two-factor sign-in (two-factor.service.ts). The second step of signing in is anonymous: the
// challenge token the password step returned (202) stands for the right password, for minutes.

export function twoFactorRoutes(app: Api, s: OrgServices, cookieSecure: 'auto' | boolean): void {
  const tags = ['登录'];
  app.post(
    '/auth/login/verify',
    {
      schema: { tags, summary: '登录第二步：验证码或恢复码', body: ChallengeCodeInput, response: { 200: Me } },
      config: { anonymous: true },
    },
    async (req, reply) => {
      const ua = req.headers['user-agent'] ?? null;
      const r = await s.auth.verifySecondStep(req.body.challenge, req.body.code, req.ip, ua);
      setSessionCookie(reply, req, r.token, cookieSecure);
      return s.auth.me(r.actor, r.csrfToken);
    },
  );
  app.post(
    '/auth/login/enrolment',
    {
      schema: {
        tags,
        summary: '登录时设置两步验证：生成密钥与二维码',
        body: ChallengeInput,
        response: { 200: Enrolment },
      },
      config: { anonymous: true },
    },
    (req) => s.auth.beginEnrolmentAtSignIn(req.body.challenge, req.ip),
  );
  app.post(
    '/auth/login/enrolment/confirm',
    {
      schema: {
        tags,
        summary: '登录时设置两步验证：以第一个验证码确认并登录（返回恢复码，仅此一次）',
        body: ChallengeCodeInput,
        response: { 200: EnrolledSignIn },
      },
      config: { anonymous: true },
    },
    async (req, reply) => {
      const ua = req.headers['user-agent'] ?? null;
      const r = await s.auth.confirmEnrolmentAtSignIn(req.body.challenge, req.body.code, req.ip, ua);
      setSessionCookie(reply, req, r.token, cookieSecure);
      return { ...(await s.auth.me(r.actor, r.csrfToken)), recoveryCodes: r.recoveryCodes };
    },
  );

  // One's own second factor (signed in) ----------------------------------------------------------
  app.get(
    '/auth/two-factor',
    { config: { signedIn: true }, schema: { tags, summary: '本人的两步验证状态', response: { 200: TwoFactorStatus } } },
    (req) => s.twoFactor.status(actorOf(req)),
  );
  app.post(
    '/auth/two-factor/enrolment',
    {
      config: { signedIn: true },
      schema: { tags, summary: '开启两步验证：生成密钥与二维码', response: { 200: Enrolment } },
    },
    (req) => s.twoFactor.beginOwnEnrolment(actorOf(req)),
  );
  app.post(
    '/auth/two-factor/enrolment/confirm',
    {
      config: { signedIn: true },
      schema: {
        tags,
        summary: '开启两步验证：以第一个验证码确认（返回恢复码，仅此一次）',
        body: CodeInput,
        response: { 200: RecoveryCodes },
      },
    },
    async (req) => ({ recoveryCodes: await s.twoFactor.confirmOwnEnrolment(actorOf(req), req.body.code) }),
  );
  app.post(
    '/auth/two-factor/recovery-codes',
    {
      config: { signedIn: true },
      schema: { tags, summary: '重新生成恢复码（原有的作废）', body: CodeInput, response: { 200: RecoveryCodes } },
    },
    async (req) => ({ recoveryCodes: await s.twoFactor.regenerateRecoveryCodes(actorOf(req), req.body.code) }),
  );
  app.post(
    '/auth/two-factor/disable',
    {
      config: { signedIn: true },
      schema: { tags, summary: '关闭本人的两步验证（角色不要求时）', body: CodeInput, response: { 204: NoContent } },
    },
    async (req, reply) => {
      await s.twoFactor.disableOwn(actorOf(req), req.body.code);
      return reply.code(204).send(null);
    },
  );

  // The administrator's side ---------------------------------------------------------------------
  app.get(
    '/settings/two-factor',
    {
      schema: { tags: ['账号'], summary: '必须使用两步验证的角色', response: { 200: TwoFactorPolicy } },
      config: { permission: 'account.read' },
    },
    () => s.twoFactor.policy(),
  );
  app.put(
    '/settings/two-factor',
    {
      schema: {
        tags: ['账号'],
        summary: '设置必须使用两步验证的角色',
        body: TwoFactorPolicyInput,
        response: { 200: TwoFactorPolicy },
      },
      config: { permission: 'account.write' },
    },
    (req) => s.twoFactor.setPolicy(actorOf(req), req.body.requiredRoles),
  );
  app.post(
    '/accounts/:id/two-factor/reset',
    {
      schema: {
        tags: ['账号'],
        summary: '重置账号的两步验证（手机丢失等）',
        params: IdParams,
        response: { 200: Account },
      },
      config: { permission: 'account.write' },
    },
    async (req) => {
      const actor = actorOf(req);
      const account = await s.accounts.get(actor, req.params.id);
      await s.twoFactor.reset(actor, account.id, account.username);
      return s.accounts.get(actor, account.id);
    },
  );
}
