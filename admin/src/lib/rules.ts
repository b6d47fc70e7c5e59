// The server's input rules (the zod schemas in src/modules/*/*.schemas.ts), mirrored so a form says
// what is wrong before it is sent, in the same words the server would use. Each check trims first,
// as the server does, and answers a Chinese message or null. This file imports nothing but the
// server's dependency-free password policy, so the server's test suite can compare it with the real
// schemas (test/admin/form-rules.test.ts).

import { passwordProblem } from '../../../src/platform/auth/password-policy.js';

export type Check = (value: unknown) => string | null;

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : String(v));
const empty = (v: unknown) => str(v) === '';

export const required =
  (message = '不能为空'): Check =>
  (v) =>
    empty(v) || (Array.isArray(v) && v.length === 0) ? message : null;

export const maxLength =
  (max: number): Check =>
  (v) =>
    str(v).length > max ? `不能超过 ${max} 个字符` : null;

/** A limit said with the field's name, as the server's article schemas say it (标题不能超过 500 字). */
export const maxChars =
  (label: string, max: number): Check =>
  (v) =>
    str(v).length > max ? `${label}不能超过 ${max} 字` : null;

/** A pattern that applies only when something was entered (optional fields). */
const pattern =
  (re: RegExp, message: string, normalise: (s: string) => string = (s) => s): Check =>
  (v) =>
    empty(v) || re.test(normalise(str(v))) ? null : message;

// sites.schemas.ts
export const siteCodeSlug = pattern(/^[a-z][a-z0-9-]{1,63}$/, '站点代码须为小写字母开头的字母、数字或连字符');
export const websiteId = pattern(/^\d{10}$/, '网站标识码为 10 位数字');
export const hostName = pattern(/^[a-z0-9.-]+(:\d+)?$/, '域名格式不正确', (s) => s.toLowerCase());
export const themeName = pattern(/^[a-z0-9-]+$/, '主题名称无效');
/** A national service's address in the footer (党政机关网站标识, 我为政府网站找错). */
export const outsideUrl =
  (what: string): Check =>
  (v) => {
    if (empty(v)) return null;
    try {
      const u = new URL(str(v));
      if ((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname) return maxLength(1000)(v);
    } catch {
      // not a URL: the message below
    }
    return `${what}须为以 http:// 或 https:// 开头的完整网址`;
  };

export const probeUrl: Check = (v) => {
  if (empty(v)) return null;
  try {
    const u = new URL(str(v));
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname) return maxLength(1000)(v);
  } catch {
    // not a URL: the message below
  }
  return '公网访问地址须为以 http:// 或 https:// 开头的完整网址，如 https://www.lianshui.gov.cn/';
};
export const columnSlug = pattern(/^[a-z0-9][a-z0-9-]{0,99}$/, '英文路径只能包含小写字母、数字和连字符');
export const columnLink: Check = (v) => {
  if (empty(v)) return null;
  if (str(v).includes('\\')) return '链接地址不能包含反斜杠“\\”';
  return /^https?:\/\/[^\s]+$/i.test(str(v)) || /^\/(?!\/)/.test(str(v))
    ? maxLength(1000)(v)
    : '链接地址须以 http://、https:// 或 /（站内路径，不能以 // 开头）开头';
};

// org.schemas.ts
export const unitCode = pattern(
  /^[0-9A-Z-]{6,32}$/,
  '单位代码须为 6-32 位数字、大写字母或连字符（组织机构代码或统一社会信用代码）',
  (s) => s.toUpperCase(),
);
export const phone: Check = (v) =>
  maxLength(50)(v) ?? pattern(/^[0-9+\-() ]*$/, '电话号码只能包含数字、空格和 + - ( )')(v);
export const mobile: Check = (v) =>
  phone(v) ??
  pattern(/^1[3-9]\d{9}$/, '手机号码须为 11 位', (s) => s.replace(/[\s\-()]/g, '').replace(/^\+?86(?=1\d{10}$)/, ''))(
    v,
  );
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
export const email: Check = (v) => pattern(EMAIL, '邮箱地址格式不正确', (s) => s.toLowerCase())(v) ?? maxLength(320)(v);
export const username = pattern(/^[A-Za-z0-9_.-]{3,64}$/, '用户名须为 3-64 位字母、数字或 _ . -');

// platform/auth/password-policy.ts, used as it is (it imports nothing either): the same rule, the same
// words. The user name is the one the password is for (the new account's, the reset one's, one's own).
export const passwordFor =
  (user: () => string | null | undefined): Check =>
  (v) =>
    passwordProblem(typeof v === 'string' ? v : '', user());
export const password: Check = passwordFor(() => null);
export { PASSWORD_HINT } from '../../../src/platform/auth/password-policy.js';

// content.schemas.ts
export const articleLink: Check = (v) =>
  pattern(/^https?:\/\/\S+$/i, '链接须以 http:// 或 https:// 开头')(v) ?? maxLength(1000)(v);
export const isoDate: Check = (v) => {
  if (empty(v)) return null;
  const s = str(v);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return '日期格式须为 YYYY-MM-DD';
  const d = new Date(`${s}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || !d.toISOString().startsWith(s) ? '日期无效' : null;
};

/** Rich-text link targets the server's sanitiser keeps: http(s), mailto and site-relative paths. */
export const bodyLink: Check = (v) =>
  empty(v) || /^(https?:\/\/\S+|mailto:\S+@\S+|\/(?!\/)\S*)$/i.test(str(v))
    ? null
    : '链接须以 http://、https://、mailto: 或 / 开头';

/** Run checks in order; the first message wins. */
export const all =
  (...checks: Check[]): Check =>
  (v) => {
    for (const c of checks) {
      const m = c(v);
      if (m) return m;
    }
    return null;
  };
