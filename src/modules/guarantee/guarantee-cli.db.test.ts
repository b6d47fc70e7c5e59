import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import type { Services } from '../../services.js';
import { registerGuaranteeCommands } from './guarantee.cli.js';

// The `govportal` guarantee commands as a person types them, run against a test database whose
// guarantee clock stands at Wednesday 2026-07-15 11:00 in Shanghai.

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ guaranteeClock: () => new Date('2026-07-15T03:00:00.000Z') });
});
afterAll(() => t?.close());
afterEach(() => vi.restoreAllMocks());

/** Run one command line; returns what it printed. */
export async function runCli(services: Services, args: string[]): Promise<string[]> {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(' ')));
  const program = new Command().exitOverride();
  registerGuaranteeCommands(program, (work) => work(services));
  await program.parseAsync(['node', 'govportal', ...args]);
  return lines;
}

describe('guarantee check --at', () => {
  it('judges a day that has ended as final, and says a day still running is not', async () => {
    const json = async (at: string) =>
      JSON.parse((await runCli(t.services, ['guarantee', 'check', '--at', at, '--json'])).join('\n')) as {
        day: string;
        final: boolean;
      };
    expect(await json('2026-07-14')).toMatchObject({ day: '2026-07-14', final: true });
    expect(await json('2026-07-15')).toMatchObject({ day: '2026-07-15', final: false });
    expect(await json('2026-07-20')).toMatchObject({ day: '2026-07-20', final: false });
    const text = await runCli(t.services, ['guarantee', 'check', '--at', '2026-07-15']);
    expect(text[0]).toBe('内容保障检查：2026-07-15 当日尚未结束，按当前情况判断（Asia/Shanghai）');
    const ended = await runCli(t.services, ['guarantee', 'check', '--at', '2026-07-14']);
    expect(ended[0]).toBe('内容保障检查：截至 2026-07-14 日终（Asia/Shanghai）');
  });
});
