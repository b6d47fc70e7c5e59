import argon2 from 'argon2';

// argon2id with the library's defaults (64 MiB, t=3): the OWASP-recommended family for passwords.

export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch (error) {
    // A malformed stored hash is an operations problem, not a wrong password; let it surface.
    throw new Error('密码哈希格式无效', { cause: error });
  }
}

// The rule for new passwords lives in password-policy.ts (shared with the admin app's forms).
export { passwordProblem } from './password-policy.js';
