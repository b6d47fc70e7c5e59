import crypto from 'node:crypto';
import { AppError } from '../errors.js';
import { type AnyKysely, formsDb } from './tables.js';

// Our own challenge, no outside service and no JavaScript: the page shows an arithmetic question in
// words and a hidden token; the token signs (nonce, expiry, answer) with a key kept in the database,
// so any process can check it, and the nonce is recorded on use so a token is good once.

export interface Challenge {
  /** The question as shown: "7 加 5 等于几？" */
  question: string;
  /** The hidden field's value. */
  token: string;
  expiresAt: string;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const SECRET_NAME = 'challenge';

async function secretOf(db: AnyKysely): Promise<Buffer> {
  const t = formsDb(db);
  const read = () =>
    t.selectFrom('public_form_secrets').select('secret').where('name', '=', SECRET_NAME).executeTakeFirst();
  let row = await read();
  if (!row) {
    try {
      await t
        .insertInto('public_form_secrets')
        .values({
          name: SECRET_NAME,
          secret: crypto.randomBytes(32).toString('hex'),
          created_at: new Date().toISOString(),
        })
        .execute();
    } catch {
      // Another process made it first: use theirs.
    }
    row = await read();
  }
  return Buffer.from(row!.secret, 'hex');
}

const sign = (secret: Buffer, body: string) => crypto.createHmac('sha256', secret).update(body).digest('base64url');

export interface ChallengeOptions {
  /** How long a question may be answered (default 30 minutes: a long letter takes time to write). */
  ttlMinutes?: number;
  now?: Date;
}

/** A new question and its token, for a server-rendered form. */
export async function issueChallenge(db: AnyKysely, options: ChallengeOptions = {}): Promise<Challenge> {
  const now = options.now ?? new Date();
  const a = crypto.randomInt(1, 10);
  const b = crypto.randomInt(1, 10);
  const plus = crypto.randomInt(0, 2) === 0 || a === b;
  const [x, y] = plus ? [a, b] : [Math.max(a, b), Math.min(a, b)];
  const answer = plus ? x + y : x - y;
  const question = `${DIGITS[x]} ${plus ? '加' : '减'} ${DIGITS[y]} 等于几？（请填写阿拉伯数字）`;
  const expiresAt = new Date(now.getTime() + (options.ttlMinutes ?? 30) * 60_000).toISOString();
  const nonce = crypto.randomBytes(12).toString('base64url');
  const body = `${nonce}.${Date.parse(expiresAt).toString(36)}`;
  const token = `${body}.${sign(await secretOf(db), `${body}.${answer}`)}`;
  return { question, token, expiresAt };
}

const refuse = (message: string) =>
  new AppError('VALIDATION_FAILED', message, { issues: [{ field: 'challengeAnswer', message }], challenge: true });

/**
 * Checks an answer and spends the token: a wrong, expired, forged or reused token is refused with a
 * field message. Call it inside the transaction that stores the submission when there is one, so a
 * refused submission does not spend the token.
 */
export async function verifyChallenge(
  db: AnyKysely,
  token: string | undefined,
  answer: string | undefined,
  now: Date = new Date(),
): Promise<void> {
  const parts = (token ?? '').split('.');
  if (parts.length !== 3) throw refuse('验证问题已失效，请回答新的验证问题');
  const [nonce, exp36, mac] = parts as [string, string, string];
  const expires = Number.parseInt(exp36, 36);
  if (!Number.isFinite(expires) || expires < now.getTime()) throw refuse('验证问题已超时，请回答新的验证问题');
  const given = (answer ?? '').trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!/^\d{1,3}$/.test(given)) throw refuse('请用阿拉伯数字回答验证问题');
  const expected = Buffer.from(sign(await secretOf(db), `${nonce}.${exp36}.${Number(given)}`));
  const got = Buffer.from(mac);
  if (expected.length !== got.length || !crypto.timingSafeEqual(expected, got))
    throw refuse('验证问题回答错误，请重新计算后填写');
  const t = formsDb(db);
  try {
    await t
      .insertInto('public_form_challenges_used')
      .values({ nonce: nonce.slice(0, 64), expires_at: new Date(expires).toISOString() })
      .execute();
  } catch {
    throw refuse('该验证问题已经使用过，请回答新的验证问题');
  }
  // Tidy spent nonces whose tokens can no longer be replayed anyway.
  if (crypto.randomInt(0, 50) === 0)
    await t.deleteFrom('public_form_challenges_used').where('expires_at', '<', now.toISOString()).execute();
}
