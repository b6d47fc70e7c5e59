import { generate } from 'otplib';
import { TOTP_PERIOD_SECONDS } from '../../src/platform/auth/totp.js';

/**
 * How long before a step ends a test stops making codes: the server checks a code a moment later on
 * its own clock (in a browser test, after the form is filled and sent), and that moment must fall in
 * the same step (totp.test.ts says why).
 */
const MARGIN_MS = 5_000;

export interface TestClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: TestClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * The code an authenticator app shows for the step `steps` away from now (-1: the step before, what
 * an enrolment sends so that the next sign-in's code is a later step). In a step's last seconds it
 * waits for the next step first.
 */
export async function totpCode(secret: string, steps = 0, clock: TestClock = realClock): Promise<string> {
  const period = TOTP_PERIOD_SECONDS * 1000;
  const left = period - (clock.now() % period);
  if (left < MARGIN_MS) await clock.sleep(left + 50);
  return generate({ secret, epoch: Math.floor(clock.now() / 1000) + steps * TOTP_PERIOD_SECONDS });
}
