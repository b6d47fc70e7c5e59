import type { DetectorHit } from './types.js';
import { pickNonOverlapping } from './ranges.js';

/*
 * Personal data that must not appear in published text: 居民身份证号码, mobile numbers and bank card
 * numbers. Every candidate is validated, because government text is full of long numbers that are not
 * personal: 文号 (涟政发〔2026〕12号), dates, amounts, office landlines (0517-82380090 is public contact
 * information), 统一社会信用代码, order and project numbers.
 *
 * - ID numbers (GB 11643-1999): 17 digits + a check digit (ISO 7064 MOD 11-2, X allowed), a known
 *   province code in the first two digits and a real birth date (1900 to today) in digits 7-14. An
 *   18-digit number with a wrong check digit is not an ID number. The 15-digit first-generation
 *   numbers went out of use in 2013 and carry no check digit; they are not looked for.
 * - Mobiles: 1[3-9] + 9 digits, optionally +86/0086, separators allowed as 138-1234-5678 or
 *   138 1234 5678; never inside a longer digit run, after a decimal point, or before 元/万/亿.
 *   11-digit numbers starting 10, 11 or 12 are not mobiles.
 * - Bank cards: 16-19 digits, contiguous or in groups of four, passing Luhn and starting with an
 *   issuer prefix (UnionPay 62, Visa 4, Mastercard 51-55 and 2221-2720, JCB 35, Discover 6011/644-649/65).
 *   A grouped number must not be part of a longer grouped number.
 *
 * A number already masked for publication (320826********0015, 138****5678) is what we ask for, and
 * does not match. Where candidates overlap, an ID number wins over a card, a card over a mobile.
 */

// First two digits of an ID number: mainland provinces, then 71 台湾, 81 香港, 82 澳门 and 83 (the
// 港澳台居民居住证 numbers use 810000, 820000, 830000). The 2023 外国人永久居留身份证 starts with 9
// followed by the first digit of a province code; its birth date and check digit sit where an ID
// number has them, so it validates the same way.
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 83, 91, 92, 93, 94, 95, 96,
]);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The GB 11643 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export function isValidIdNumber(id: string, today: Date = new Date()): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d)
    return false;
  if (birth.getTime() > today.getTime()) return false;
  return idCheckChar(id.slice(0, 17)) === id[17]!.toUpperCase();
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function hasCardIssuerPrefix(digits: string): boolean {
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  return (
    p2 === 62 ||
    digits[0] === '4' ||
    (p2 >= 51 && p2 <= 55) ||
    (p4 >= 2221 && p4 <= 2720) ||
    p2 === 35 ||
    p4 === 6011 ||
    (p3 >= 644 && p3 <= 649) ||
    p2 === 65
  );
}

export function isValidCardNumber(digits: string): boolean {
  return /^\d{16,19}$/.test(digits) && hasCardIssuerPrefix(digits) && luhnValid(digits);
}

const ID_CANDIDATE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_CANDIDATE = /(?<![\d.])(?:(?:\+|00)?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)(?!\.\d)(?![元万亿])/g;
const CARD_CONTIGUOUS = /(?<![\d.])\d{16,19}(?!\d)(?!\.\d)(?![元万亿])/g;
// Groups of four separated by one space or hyphen, not preceded by another group of four and not
// followed by one: "6222 0217 1000 1234 569" but not a piece of "1234 5678 ... 1234 5678 1234".
const CARD_GROUPED =
  /(?<![\d.])(?<!(?:^|\D)\d{4}[ -])\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?(?!\d)(?![ -]\d{1,4}(?!\d))/g;

const maskId = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`;
const maskMobile = (digits: string) => `${digits.slice(-11, -8)}****${digits.slice(-4)}`;

export function detectPersonalData(text: string, today: Date = new Date()): DetectorHit[] {
  const ids: DetectorHit[] = [];
  for (const m of text.matchAll(ID_CANDIDATE)) {
    if (!isValidIdNumber(m[0], today)) continue;
    ids.push({
      check: 'personal-data',
      rule: 'id-number',
      start: m.index,
      end: m.index + m[0].length,
      excerpt: m[0],
      message: '含居民身份证号码，公开发布将泄露个人信息',
      hard: true,
      suggestion: `请删除，或隐去出生日期等中间位（如 ${maskId(m[0])}）后再发布`,
    });
  }
  const cards: DetectorHit[] = [];
  for (const re of [CARD_CONTIGUOUS, CARD_GROUPED]) {
    for (const m of text.matchAll(re)) {
      const digits = m[0].replace(/\D/g, '');
      if (!isValidCardNumber(digits)) continue;
      cards.push({
        check: 'personal-data',
        rule: 'bank-card',
        start: m.index,
        end: m.index + m[0].length,
        excerpt: m[0],
        message: '含银行卡号，公开发布将泄露个人信息',
        hard: true,
        suggestion: `请删除，或只保留后四位（如 ************${digits.slice(-4)}）后再发布`,
      });
    }
  }
  const mobiles: DetectorHit[] = [];
  for (const m of text.matchAll(MOBILE_CANDIDATE)) {
    const digits = m[0].replace(/\D/g, '');
    mobiles.push({
      check: 'personal-data',
      rule: 'mobile',
      start: m.index,
      end: m.index + m[0].length,
      excerpt: m[0],
      message: '含手机号码，公开发布将泄露个人信息',
      suggestion: `请删除，或隐去中间四位（如 ${maskMobile(digits)}）；对外联系请使用办公电话`,
    });
  }
  // Priority by order of appearance in this list, then by position.
  const kept: DetectorHit[] = [];
  for (const group of [ids, cards, mobiles]) {
    for (const hit of pickNonOverlapping(group)) {
      if (!kept.some((k) => hit.start < k.end && k.start < hit.end)) kept.push(hit);
    }
  }
  return kept.sort((a, b) => a.start - b.start);
}
