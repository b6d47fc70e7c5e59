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

/** A password rule people can follow: 8+ characters mixing at least three kinds. */
export function passwordProblem(plain: string): string | null {
  if (plain.length < 8) return '密码至少 8 位';
  if (plain.length > 128) return '密码不能超过 128 位';
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(plain)).length;
  if (kinds < 3) return '密码须包含大写字母、小写字母、数字和符号中的至少三种';
  return null;
}
