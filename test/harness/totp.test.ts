import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { newTotpSecret, TOTP_PERIOD_SECONDS, totpStep } from '../../src/platform/auth/totp.js';
import { totpCode } from './totp.js';

// The two-factor tests type codes as an authenticator app shows them, and the server checks them a
// moment later on its own clock. A code made in the last instant of a step can be checked in the next
// one; for the step before (what an enrolment sends, so that the next sign-in's code is a later step)
// it is then two steps old and refused. CI saw exactly that once (two-factor.db.test.ts, 401).

const PERIOD_MS = TOTP_PERIOD_SECONDS * 1000;
const stepEnd = Math.ceil(Date.now() / PERIOD_MS) * PERIOD_MS + 10 * PERIOD_MS;

describe('codes typed in the tests', () => {
  it('a code of the step before, made 0.2 s before a step ends, is refused 0.3 s later (why the helper waits)', async () => {
    const secret = newTotpSecret();
    const made = stepEnd - 200;
    const code = await generate({ secret, epoch: Math.floor(made / 1000) - TOTP_PERIOD_SECONDS });
    expect(await totpStep(secret, code, null, new Date(made))).not.toBeNull();
    expect(await totpStep(secret, code, null, new Date(stepEnd + 100))).toBeNull();
  });

  it('near the end of a step, waits for the next one, so the code still holds a moment later', async () => {
    const secret = newTotpSecret();
    let now = stepEnd - 200;
    const waits: number[] = [];
    const clock = {
      now: () => now,
      sleep: async (ms: number) => {
        waits.push(ms);
        now += ms;
      },
    };
    const code = await totpCode(secret, -1, clock);
    expect(waits).toHaveLength(1);
    expect(now).toBeGreaterThanOrEqual(stepEnd);
    // Checked a second later, still in the step it was made in: accepted.
    expect(await totpStep(secret, code, null, new Date(now + 1000))).not.toBeNull();
  });

  it('well inside a step, makes the code at once', async () => {
    const secret = newTotpSecret();
    const now = stepEnd - PERIOD_MS / 2;
    const waits: number[] = [];
    const code = await totpCode(secret, 0, { now: () => now, sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([]);
    expect(code).toBe(await generate({ secret, epoch: Math.floor(now / 1000) }));
  });
});
