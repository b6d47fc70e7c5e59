import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { runCli } from './guarantee.test-helpers.js';

// The `govportal` guarantee commands as a person types them, run against a test database whose
// guarantee clock stands at Wednesday 2026-07-15 11:00 in Shanghai.

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ guaranteeClock: () => new Date('2026-07-15T03:00:00.000Z') });
});
afterAll(() => t?.close());
afterEach(() => vi.restoreAllMocks());

describe('guarantee check --at', () => {
  it('judges a day that has ended as final, and says a day still running is not', async () => {
    const json = async (at: string) =>
      JSON.parse((await runCli(t.services, ['guarantee', 'check', '--at', at, '--json'])).lines.join('\n')) as {
        day: string;
        final: boolean;
      };
    expect(await json('2026-07-14')).toMatchObject({ day: '2026-07-14', final: true });
    expect(await json('2026-07-15')).toMatchObject({ day: '2026-07-15', final: false });
    expect(await json('2026-07-20')).toMatchObject({ day: '2026-07-20', final: false });
    const text = (await runCli(t.services, ['guarantee', 'check', '--at', '2026-07-15'])).lines;
    expect(text[0]).toBe('内容保障检查：2026-07-15 当日尚未结束，按当前情况判断（Asia/Shanghai）');
    const ended = (await runCli(t.services, ['guarantee', 'check', '--at', '2026-07-14'])).lines;
    expect(ended[0]).toBe('内容保障检查：截至 2026-07-14 日终（Asia/Shanghai）');
  });
});
