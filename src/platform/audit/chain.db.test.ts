import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness/db.js';
import { AuditService } from '../../modules/audit/audit.service.js';
import { systemActor } from '../auth/actor.js';
import { migrateToLatest } from '../db/migrate.js';
import { UnitOfWork } from '../db/unit-of-work.js';
import { EventBus } from '../events.js';
import { AuditRepository, registerAuditListener } from './audit.js';

// Issue 9 item 10: a changed, deleted or cut-off audit record is found by the chain check, on every
// dialect; concurrent writers still make one unbroken chain; pruning keeps what is younger than the
// retention and leaves a chain that verifies.

let t: TestDatabase;
let uow: UnitOfWork;
let repo: AuditRepository;
let now = new Date('2026-01-10T02:00:00Z');
const clock = () => now;
const actor = systemActor('test');

beforeAll(async () => {
  t = await createTestDatabase();
  // A record as migration 0016 finds it: written before the chain existed.
  await migrateToLatest(t.database, '0008_imports');
  await t.database.db
    .insertInto('audit_log')
    .values({ at: now.toISOString(), username: 'old', action: 'legacy', entity_type: 'x', summary: '旧记录' })
    .execute();
  await migrateToLatest(t.database);
  const events = new EventBus();
  registerAuditListener(events, t.dialect, clock);
  uow = new UnitOfWork(t.database.db, events);
  repo = new AuditRepository(t.database.db);
});
afterAll(async () => {
  await t?.database.close();
  await t?.drop();
});

const change = (summary: string) =>
  uow.run(async (_trx, emit) => {
    await emit({ type: 'settings.check_modes', actor, entityType: 'test', entityId: summary, summary });
  });

const rows = () => t.database.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();

describe('the audit hash chain', () => {
  it('seals records written before the chain existed, then every new one, in one unbroken chain', async () => {
    for (const s of ['一', '二', '三']) await change(s);
    const all = await rows();
    expect(all.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(all[0]!.username).toBe('old'); // written before migration 0016, sealed by it
    const r = await repo.verify();
    expect(r).toMatchObject({ ok: true, checked: 4, firstSeq: 1, lastSeq: 4, unsealed: 0 });
  });

  it('stays one chain when many changes commit at once', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => change(`并发 ${i}`)));
    const all = await rows();
    expect(all.map((r) => r.seq)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect((await repo.verify()).ok).toBe(true);
  });

  it('finds a record whose text was changed, and is satisfied again when it is put back', async () => {
    const victim = (await rows())[5]!;
    await t.database.db.updateTable('audit_log').set({ summary: '改过的摘要' }).where('id', '=', victim.id).execute();
    const r = await repo.verify();
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.message)).toEqual([`第 6 条记录（编号 ${victim.id}）的内容与封存时不符（被改动）`]);
    await t.database.db.updateTable('audit_log').set({ summary: victim.summary }).where('id', '=', victim.id).execute();
    expect((await repo.verify()).ok).toBe(true);
  });

  it('finds a record deleted from the middle and records cut from the end', async () => {
    const all = await rows();
    const middle = all[9]!;
    const last = all.at(-1)!;
    await t.database.db.deleteFrom('audit_log').where('id', 'in', [middle.id, last.id]).execute();
    const r = await repo.verify();
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.message)).toEqual([
      '第 10–10 条记录缺失（已被删除）',
      '链尾缺少第 24–24 条记录（已被删除）',
    ]);
    // Put them back as they were: the chain is whole again (the check reads the data, not a flag).
    await t.database.db.insertInto('audit_log').values([middle, last]).execute();
    expect((await repo.verify()).ok).toBe(true);
  });

  it('prunes only what is older than the retention, records the pruning, and still verifies', async () => {
    now = new Date('2026-12-05T02:00:00Z');
    for (const s of ['新一', '新二']) await change(s);
    const service = new AuditService(repo, uow, 180, clock);
    // Asked to prune up to 2026-12-01, it stops at the retention: 180 days before 2026-12-05.
    const r = await service.prune(actor, new Date('2026-12-01T00:00:00Z'));
    expect(r).toEqual({ removed: 24, cutoff: '2026-06-08T02:00:00.000Z' });
    const left = await rows();
    expect(left.map((x) => x.summary)).toEqual([
      '新一',
      '新二',
      expect.stringMatching(/^清理 .* 以前的操作日志 24 条/),
    ]);
    const v = await repo.verify();
    expect(v).toMatchObject({ ok: true, checked: 3, firstSeq: 25, lastSeq: 27 });
    // A pruned chain still finds a deleted first record: the anchor says where it must start.
    await t.database.db.deleteFrom('audit_log').where('seq', '=', 25).execute();
    expect((await repo.verify()).problems[0]?.message).toBe('第 25–25 条记录缺失（已被删除）');
  });
});
