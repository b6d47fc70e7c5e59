import crypto from 'node:crypto';

// 查询码: what a writer keeps to look a submission up (together with the phone). Letters and digits
// that cannot be mistaken for each other when read aloud or typed on a phone (no 0/O, 1/I/L).
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A random code, e.g. "X7KM-4Q9D-T2PA" for length 12 (about 59 bits). */
export function newQueryCode(length = 12): string {
  let code = '';
  while (code.length < length) {
    // Rejection sampling keeps every character equally likely.
    for (const b of crypto.randomBytes(length)) {
      if (b < 248 && code.length < length) code += ALPHABET[b % ALPHABET.length];
    }
  }
  return code.match(/.{1,4}/g)!.join('-');
}

/** What a person typed, as stored: upper case, grouped by 4, spaces and any kind of dash ignored. */
export function normaliseQueryCode(input: string): string {
  const bare = input
    .toUpperCase()
    .replace(/[\s\-－—_]/g, '')
    .slice(0, 64);
  return bare.match(/.{1,4}/g)?.join('-') ?? '';
}

/** A mainland mobile number as stored and compared: digits only, without +86. */
export function normalisePhone(input: string): string {
  const digits = input.replace(/[\s\-()（）]/g, '').replace(/^(\+?86)/, '');
  return digits;
}

export const isMobilePhone = (phone: string) => /^1[3-9]\d{9}$/.test(phone);
