// Contract of two-factor sign-in (modules/org/two-factor.*): the second step after the password,
// enrolment (QR code, first code, recovery codes), the per-role requirement the administrator sets.
// docs/security.md says what it defends and how to recover.

import { z } from 'zod';
import { Instant } from './common.js';
import { Me, Role } from './org.js';

// Requests ---------------------------------------------------------------------------------------

/** A 6-digit code from the authenticator app, or a recovery code (xxxxx-xxxxx). */
export const OtpCode = z
  .string()
  .trim()
  .min(6, '请输入 6 位验证码或恢复码')
  .max(32, '验证码或恢复码过长')
  .describe('验证器应用上的 6 位验证码，或一个恢复码');

const ChallengeToken = z.string().min(20, '两步验证凭据无效').max(100, '两步验证凭据无效');

export const ChallengeInput = z.object({ challenge: ChallengeToken });
export const ChallengeCodeInput = z.object({ challenge: ChallengeToken, code: OtpCode });
export const CodeInput = z.object({ code: OtpCode });
export type CodeInput = z.infer<typeof CodeInput>;

export const TwoFactorPolicyInput = z.object({
  requiredRoles: z.array(Role.schema).max(Role.values.length).describe('必须使用两步验证的角色'),
});
export type TwoFactorPolicyInput = z.infer<typeof TwoFactorPolicyInput>;

// Replies ----------------------------------------------------------------------------------------

/**
 * The answer (202) to a right password when a second step is needed: `verify` asks for a code,
 * `enrol` asks the person to set up an authenticator first (their role requires it). The challenge
 * is the only thing the browser holds until then; it lasts a few minutes.
 */
export const SecondStep = z.object({
  step: z.enum(['verify', 'enrol']),
  challenge: z.string(),
  expiresAt: Instant,
  displayName: z.string(),
});
export type SecondStep = z.infer<typeof SecondStep>;

/** A new secret to add to an authenticator app; confirmed by a first code. */
export const Enrolment = z.object({
  secret: z.string().describe('Base32 密钥，无法扫码时手动输入'),
  otpauthUri: z.string(),
  qrDataUrl: z.string().describe('二维码图片（data: URL）'),
  issuer: z.string(),
  account: z.string(),
});
export type Enrolment = z.infer<typeof Enrolment>;

/** Recovery codes, shown this once (only their hashes are kept). */
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

/** Signed in by finishing enrolment at sign-in: the session, and the recovery codes to keep. */
export const EnrolledSignIn = Me.extend({ recoveryCodes: z.array(z.string()) });
export type EnrolledSignIn = z.infer<typeof EnrolledSignIn>;

export const TwoFactorStatus = z.object({
  enabled: z.boolean(),
  /** One of the person's roles requires two-factor sign-in (they cannot turn it off). */
  required: z.boolean(),
  enabledAt: Instant.nullable(),
  recoveryCodesLeft: z.number().int(),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>;

export const TwoFactorPolicy = z.object({
  roles: z.array(z.object({ role: Role.schema, label: z.string(), required: z.boolean() })),
  /** False while the administrator has not saved a choice (the server's default applies). */
  saved: z.boolean(),
});
export type TwoFactorPolicy = z.infer<typeof TwoFactorPolicy>;
