// Checks of the identity numbers an application carries, so a mistyped number is refused at once in
// words instead of reaching the unit: the 18-digit 居民身份证号码 (GB 11643-1999, check digit mod 11)
// and the 统一社会信用代码 (GB 32100-2015, check character mod 31).

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** null when the resident ID number is valid, else what is wrong with it. */
export function residentIdProblem(value: string): string | null {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return '居民身份证号码应为18位，前17位是数字，最后一位是数字或X';
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const d = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birth || birth < '1900-01-01')
    return '居民身份证号码中的出生日期不正确，请核对';
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  if (ID_CHECK[sum % 11] !== id[17]) return '居民身份证号码校验位不正确，请逐位核对';
  return null;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** null when the 统一社会信用代码 is valid, else what is wrong with it. */
export function creditCodeProblem(value: string): string | null {
  const code = value.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code))
    return '统一社会信用代码应为18位数字或大写字母（不含 I、O、Z、S、V）';
  const sum = USCC_WEIGHTS.reduce((acc, w, i) => acc + w * USCC_CHARS.indexOf(code[i]!), 0);
  const check = (31 - (sum % 31)) % 31;
  if (USCC_CHARS[check] !== code[17]) return '统一社会信用代码校验位不正确，请逐位核对';
  return null;
}
