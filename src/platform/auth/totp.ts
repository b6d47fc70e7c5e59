import crypto from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

// Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30-second steps — what every authenticator
// app reads from a QR code) through otplib, and the single-use recovery codes kept beside them.

export const TOTP_PERIOD_SECONDS = 30;
/** One step either side of now: a phone clock a little off, or a code typed as it changes. */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;

/** A new secret: 20 random bytes (160 bits, RFC 4226's recommendation), Base32 as apps expect. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// address an authenticator app reads (from the QR code or typed in). */
export function totpUri(issuer: string, label: string, secret: string): string {
  return generateURI({ issuer, label, secret, period: TOTP_PERIOD_SECONDS, digits: 6 });
}

/** The QR code of an otpauth:// address as a PNG data: URL (shown in an <img>). */
export function qrDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 220 });
}

export const isTotpCode = (code: string) => /^\d{6}$/.test(code);

/**
 * The time step a right code belongs to, or null. A code of `afterStep` or any earlier step is
 * refused even when right: that is what stops a code seen over a shoulder being used again.
 */
export async function totpStep(
  secret: string,
  code: string,
  afterStep: number | null,
  now: Date,
): Promise<number | null> {
  if (!isTotpCode(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  // A TOTP result carries the step it matched (an HOTP one would not; this is always TOTP).
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

// Recovery codes: 10 characters from an alphabet without look-alikes (no 0/o, 1/l/i), about 49 bits
// each, shown as xxxxx-xxxxx. Case, spaces and hyphens do not matter when typed.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    let s = '';
    for (let i = 0; i < 10; i++) s += ALPHABET[crypto.randomInt(ALPHABET.length)];
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
}

/** The form a recovery code is hashed and checked in; null when the text cannot be one. */
export function normaliseRecoveryCode(text: string): string | null {
  const s = text.toLowerCase().replace(/[\s-]/g, '');
  return s.length === 10 && [...s].every((c) => ALPHABET.includes(c)) ? s : null;
}
