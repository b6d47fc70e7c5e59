// The password rule (NIST SP 800-63B: length over composition). At least 10 characters; not one of
// the passwords people everywhere, or in this county, reach for first; never the user name. This
// file imports nothing: the admin app's forms use it as it is (admin/src/lib/rules.ts), so a form
// refuses exactly what the server refuses, in the same words.

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export const PASSWORD_HINT =
  '密码至少 10 位，不能包含用户名，不能是常见或容易猜到的密码；建议用几个词组成的短句，长度比复杂更重要。';

// Words a password is often built from: anywhere, and in this county (涟水, 淮安, the portal, the
// government), plus keyboard walks. A password made only of these, with digits and symbols around
// them (Password1, Lianshui2026, Demo@2026lianshui, 1qaz2wsx!@), is refused.
const WORDS = [
  'password',
  'passwd',
  'pass',
  'admin',
  'administrator',
  'root',
  'user',
  'test',
  'demo',
  'guest',
  'welcome',
  'hello',
  'login',
  'system',
  'manager',
  'default',
  'changeme',
  'secret',
  'master',
  'iloveyou',
  'love',
  'woaini',
  'china',
  'zhongguo',
  'beijing',
  'shanghai',
  'jiangsu',
  'huaian',
  'lianshui',
  'lianshuixian',
  'ls',
  'lsx',
  'lsxzf',
  'zf',
  'zhengfu',
  'gov',
  'govcn',
  'cn',
  'xian',
  'portal',
  'web',
  'site',
  'wz',
  'wzzx',
  'gk',
  'xxgk',
  'zwgk',
  'office',
  'ban',
  'bgs',
  'qwerty',
  'qwertyuiop',
  'asdf',
  'asdfgh',
  'asdfghjkl',
  'zxcv',
  'zxcvbn',
  'zxcvbnm',
  'qaz',
  'wsx',
  'edc',
  'rfv',
  'tgb',
  'yhn',
  'ujm',
  'abc',
  'abcd',
  'abcdef',
  'abcdefg',
  'aaa',
  'aaaa',
  'qq',
  'www',
  '涟水',
  '涟水县',
  '淮安',
  '江苏',
  '中国',
  '政府',
  '我爱你',
  '密码',
  '管理员',
];
const WORD_SET = new Set(WORDS);
const LONGEST = Math.max(...WORDS.map((w) => w.length));

// Common passwords whole (lower case), among them the shipped demo password.
const COMMON = new Set([
  '1234567890',
  '0123456789',
  '12345678910',
  '123456789a',
  'a123456789',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'qwertyuiop',
  '1111111111',
  '0000000000',
  '5201314520',
  'demo@2026lianshui',
]);

// Letters written as digits or symbols inside a word (p@ssw0rd), read back as letters.
const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '3': 'e',
  $: 's',
  '5': 's',
  '7': 't',
};
const isLetter = (c: string | undefined) => c !== undefined && /[a-z\u4e00-\u9fff]/.test(c);

/**
 * The words of a password, digits and symbols dropped: once as written, once with leet inside words
 * read as letters (p@ssw0rd → password; but 1qaz@wsx is a keyboard walk, not "qazawsx").
 */
function cores(lower: string): string[] {
  const chars = [...lower];
  const read = chars.map((c, i) => (LEET[c] && isLetter(chars[i - 1]) && isLetter(chars[i + 1]) ? LEET[c] : c));
  return [chars, read].map((cs) => cs.filter((c) => isLetter(c)).join(''));
}

/** Is the text nothing but listed words (and at most trivial repetition of them)? */
function onlyWords(text: string): boolean {
  if (text === '') return true;
  const ok: boolean[] = [true, ...Array<boolean>(text.length).fill(false)];
  for (let end = 1; end <= text.length; end++) {
    for (let len = 1; len <= Math.min(LONGEST, end) && !ok[end]; len++) {
      if (ok[end - len] && WORD_SET.has(text.slice(end - len, end))) ok[end] = true;
    }
  }
  return ok[text.length]!;
}

/** What is wrong with a new password (Chinese, for the field), or null. */
export function passwordProblem(plain: string, username?: string | null): string | null {
  if (plain.length < PASSWORD_MIN) return `密码至少 ${PASSWORD_MIN} 位`;
  if (plain.length > PASSWORD_MAX) return `密码不能超过 ${PASSWORD_MAX} 位`;
  const lower = plain.toLowerCase();
  const name = (username ?? '').trim().toLowerCase();
  if (name.length >= 2 && lower.includes(name)) return '密码不能包含用户名';
  if (new Set(lower).size <= 2) return '密码不能是同一两个字符的重复';
  if (COMMON.has(lower) || cores(lower).some(onlyWords))
    return '密码过于常见或容易猜到（如 Password1、Lianshui2026），请换一个，例如几个词组成的短句';
  return null;
}
