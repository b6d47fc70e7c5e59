import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { systemActor } from '../../platform/auth/actor.js';
import type { Services } from '../../services.js';
import { registerAuditCommands } from './audit.cli.js';

// `govportal audit verify` over a real app's log: it passes, then finds a record edited behind the application's back and exits with 1 (for cron).

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());
afterEach(() => vi.restoreAllMocks());

async function run(services: Services, args: string[]) {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(' ')));
  const program = new Command().exitOverride();
  registerAuditCommands(program, (work) => work(services));
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'govportal', ...args]);
    return { lines, exitCode: process.exitCode === undefined ? 0 : Number(process.exitCode) };
  } finally {
    process.exitCode = before;
  }
}

describe('govportal audit', () => {
  it('verify passes on an untouched log and fails with the record named when one was edited', async () => {
    for (const summary of ['一', '二'])
      await t.services.uow.run((_trx, emit) =>
        emit({ type: 'settings.check_modes', actor: systemActor('test'), entityType: 'test', entityId: null, summary }),
      );
    const ok = await run(t.services, ['audit', 'verify']);
    expect(ok.exitCode).toBe(0);
    expect(ok.lines[0]).toMatch(/^操作日志校验通过：\d+ 条（第 1 至 \d+ 条，/);
    const { db } = t.services.database;
    const row = await db.selectFrom('audit_log').select(['id', 'seq']).orderBy('seq').executeTakeFirstOrThrow();
    await db.updateTable('audit_log').set({ username: 'someone-else' }).where('id', '=', row.id).execute();
    const bad = await run(t.services, ['audit', 'verify']);
    expect(bad.exitCode).toBe(1);
    expect(bad.lines).toContain(`  第 ${row.seq} 条记录（编号 ${row.id}）的内容与封存时不符（被改动）`);
  });

  it('prune refuses a malformed date and removes nothing younger than the retention', async () => {
    await expect(run(t.services, ['audit', 'prune', '--before', '2026/01/01'])).rejects.toThrow(
      '日期格式须为 YYYY-MM-DD',
    );
    const r = await run(t.services, ['audit', 'prune', '--before', '2100-01-01']);
    expect(r.lines[0]).toMatch(/^已清理 .* 以前的操作日志 0 条$/);
  });
});
