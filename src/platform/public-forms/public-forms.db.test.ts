import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness/db.js';
import { migrateToLatest } from '../db/migrate.js';
import { AppError } from '../errors.js';
import { addToBlacklist, isBlocked, refuseBlocked, removeFromBlacklist } from './blacklist.js';
import { issueChallenge, verifyChallenge } from './challenge.js';
import { readPublicForm, registerPublicFormParsing, sniffPublicAttachment } from './form.js';
import { type RateLimits, takeRateLimit } from './rate-limit.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await migrateToLatest(t.database);
});
afterAll(async () => {
  await t.database.close();
  await t.drop();
});

/** The answer of a question as a person reads it: "七 加 五 等于几？". */
function solve(question: string): number {
  const digits = '零一二三四五六七八九十';
  const m = /^(\S) (加|减) (\S) /.exec(question)!;
  const a = digits.indexOf(m[1]!);
  const b = digits.indexOf(m[3]!);
  return m[2] === '加' ? a + b : a - b;
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const e = await work.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('challenge', () => {
  it('accepts the right answer once, from another connection too', async () => {
    const c = await issueChallenge(t.database.db);
    const other = t.reopen();
    try {
      await verifyChallenge(other.db, c.token, String(solve(c.question)));
    } finally {
      await other.close();
    }
    const again = await refusal(verifyChallenge(t.database.db, c.token, String(solve(c.question))));
    expect(again.message).toContain('已经使用过');
  });

  it('refuses a wrong answer, a forged token and an expired one', async () => {
    const c = await issueChallenge(t.database.db);
    const wrong = await refusal(verifyChallenge(t.database.db, c.token, String(solve(c.question) + 1)));
    expect(wrong.code).toBe('VALIDATION_FAILED');
    expect(wrong.details?.issues?.[0]?.field).toBe('challengeAnswer');
    const [nonce, exp] = c.token.split('.');
    await refusal(verifyChallenge(t.database.db, `${nonce}.${exp}.AAAA`, String(solve(c.question))));
    const old = await issueChallenge(t.database.db, { now: new Date(Date.now() - 3600_000) });
    const late = await refusal(verifyChallenge(t.database.db, old.token, String(solve(old.question))));
    expect(late.message).toContain('超时');
  });

  it('takes full-width digits as typed on a Chinese keyboard', async () => {
    const c = await issueChallenge(t.database.db);
    const wide = String(solve(c.question)).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    await verifyChallenge(t.database.db, c.token, wide);
  });
});

describe('rate limits', () => {
  it('lets the first N through per address and refuses the rest in Chinese, across connections', async () => {
    const limits = { address: { max: 3, windowMinutes: 60 }, phone: { max: 100, windowMinutes: 60 } };
    const other = t.reopen();
    // A submission counted inside a letter's transaction, not yet committed, while three more arrive
    // on another connection: ids handed out before commit once let all four through. (SQLite has one
    // writer, and better-sqlite3 would wait for it on this very thread.)
    if (t.dialect !== 'sqlite') await heldTransaction(other, limits);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        takeRateLimit(i % 2 ? other.db : t.database.db, { form: 'test', address: '10.0.0.1' }, limits),
      ),
    );
    await other.close();
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason.code).toBe('RATE_LIMITED');
    expect(refused.reason.message).toContain('同一网络地址每小时最多提交 3 次');
    // Another address is not affected; the window passes.
    await takeRateLimit(t.database.db, { form: 'test', address: '10.0.0.2' }, limits);
    await takeRateLimit(
      t.database.db,
      { form: 'test', address: '10.0.0.1' },
      limits,
      new Date(Date.now() + 61 * 60_000),
    );
  });

  it('limits a phone over addresses', async () => {
    const limits = { address: { max: 100, windowMinutes: 60 }, phone: { max: 2, windowMinutes: 24 * 60 } };
    await takeRateLimit(t.database.db, { form: 'p', address: 'a1', phone: '13900000000' }, limits);
    await takeRateLimit(t.database.db, { form: 'p', address: 'a2', phone: '13900000000' }, limits);
    const e = await refusal(takeRateLimit(t.database.db, { form: 'p', address: 'a3', phone: '13900000000' }, limits));
    expect(e.message).toContain('同一手机号码每天最多提交 2 次');
  });
});

describe('blacklist', () => {
  it('blocks an address or a phone until removed or expired', async () => {
    await addToBlacklist(t.database.db, { kind: 'phone', value: '+86 139-1111-2222', reason: '辱骂' });
    expect(await isBlocked(t.database.db, { address: 'x', phone: '13911112222' })).toBe('phone');
    const e = await refusal(refuseBlocked(t.database.db, { address: 'x', phone: '13911112222' }));
    expect(e.message).toContain('12345');
    expect(e.message).not.toContain('辱骂');
    expect(await removeFromBlacklist(t.database.db, 'phone', '13911112222')).toBe(true);
    expect(await isBlocked(t.database.db, { address: 'x', phone: '13911112222' })).toBe(null);
    await addToBlacklist(t.database.db, {
      kind: 'address',
      value: '10.9.9.9',
      reason: '刷屏',
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(await isBlocked(t.database.db, { address: '10.9.9.9' })).toBe(null);
  });
});

describe('reading forms sent without JavaScript', () => {
  it('reads urlencoded and multipart bodies, skips empty file inputs, refuses a lying attachment', async () => {
    const app = Fastify();
    await app.register(async (scope) => {
      await registerPublicFormParsing(scope);
      scope.post('/f', async (req) => {
        const form = await readPublicForm(req);
        const kinds = [];
        for (const f of form.files) {
          try {
            kinds.push((await sniffPublicAttachment(f)).ext);
          } catch (e) {
            kinds.push((e as AppError).code);
          }
        }
        return { fields: form.fields, kinds };
      });
    });
    const url = await app.inject({
      method: 'POST',
      url: '/f',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ title: ' <script>alert(1)</script> 😀 ', n: '1' }).toString(),
    });
    expect(url.json().fields).toEqual({ title: '<script>alert(1)</script> 😀', n: '1' });

    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const boundary = 'XyZ';
    const part = (head: string, body: Buffer | string) =>
      Buffer.concat([Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`), Buffer.from(body), Buffer.from('\r\n')]);
    const body = Buffer.concat([
      part('Content-Disposition: form-data; name="title"', '标题'),
      part('Content-Disposition: form-data; name="a"; filename="photo.png"\r\nContent-Type: image/png', png),
      part('Content-Disposition: form-data; name="a"; filename="report.pdf"\r\nContent-Type: application/pdf', png),
      part('Content-Disposition: form-data; name="b"; filename=""\r\nContent-Type: application/octet-stream', ''),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const mp = await app.inject({
      method: 'POST',
      url: '/f',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(mp.json()).toEqual({ fields: { title: '标题' }, kinds: ['png', 'FILE_TYPE_NOT_ALLOWED'] });
    await app.close();
  });
});

async function heldTransaction(other: { db: TestDatabase['database']['db'] }, limits: RateLimits): Promise<void> {
  let late: Promise<PromiseSettledResult<void>[]> | undefined;
  await t.database.db.transaction().execute(async (trx) => {
    await takeRateLimit(trx, { form: 'held', address: '10.0.0.9' }, limits);
    late = Promise.allSettled(
      Array.from({ length: 3 }, () => takeRateLimit(other.db, { form: 'held', address: '10.0.0.9' }, limits)),
    );
    await new Promise((r) => setTimeout(r, 300));
  });
  const held = (await late) ?? [];
  expect(held.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
  expect(held.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual([
    'RATE_LIMITED',
  ]);
}
