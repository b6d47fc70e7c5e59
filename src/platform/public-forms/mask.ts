// Masking of personal data for anything shown publicly (a published letter, a query page that
// confirms whose letter it is). Each keeps enough to be recognised by its owner, not by others.

const chars = (s: string) => Array.from(s.trim());

/** 张三 → 张*, 欧阳娜娜 → 欧***, Li Lei → L*****. */
export function maskName(name: string): string {
  const c = chars(name);
  if (c.length === 0) return '';
  return c[0] + '*'.repeat(Math.max(1, c.length - 1));
}

/** 13812345678 → 138****5678; anything else keeps its first 3 and last 2 characters at most. */
export function maskPhone(phone: string): string {
  const c = chars(phone.replace(/[\s-]/g, ''));
  if (c.length >= 11) return `${c.slice(0, 3).join('')}${'*'.repeat(c.length - 7)}${c.slice(-4).join('')}`;
  if (c.length <= 4) return '*'.repeat(c.length);
  return `${c.slice(0, 2).join('')}${'*'.repeat(c.length - 4)}${c.slice(-2).join('')}`;
}

/** zhangsan@example.com → z***@example.com. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '*'.repeat(chars(email).length);
  return `${chars(email.slice(0, at))[0]}***${email.slice(at)}`;
}

/** 320826199001011234 → 320826********1234 (area code and last 4 kept). */
export function maskIdNumber(id: string): string {
  const c = chars(id.replace(/\s/g, ''));
  if (c.length <= 8) return '*'.repeat(c.length);
  return `${c.slice(0, 6).join('')}${'*'.repeat(c.length - 10)}${c.slice(-4).join('')}`;
}

const PATTERNS: Array<[RegExp, (m: string) => string]> = [
  [/\b\d{17}[\dXx]\b|\b\d{15}\b/g, maskIdNumber],
  [/\b1[3-9]\d{9}\b/g, maskPhone],
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, maskEmail],
];

/** Masks phone numbers, ID numbers and e-mail addresses written inside free text. */
export function maskFreeText(text: string): string {
  let out = text;
  for (const [re, fn] of PATTERNS) out = out.replace(re, fn);
  return out;
}
