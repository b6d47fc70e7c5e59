import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegisterApplication } from '../../contract/foi.js';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { makeAccount, makeSite, makeUnit, system } from '../../../test/harness/factories.js';

// 视为放弃申请 (条例第三十条) by the deadline job, on the 2026 calendar (国庆 10-01..10-07 off, Saturday
// 10-10 a 调休 working day). 财政局 receives two applications in person on Monday 2026-09-28 and asks
// both for a 补正 on 09-29, due Wednesday 09-30. One gets its 补正 on 09-30; the other never does.
// The grace is one working day after the due day (10-08, the first after the holidays), so the lapse
// day is Friday 10-09: the job leaves it alone through the holidays and on 10-08, closes it on 10-09
// with the answer type 其他处理 / 逾期不补正, its event and audit record, a notice to the unit, and the
// 告知书; a second run finds nothing. A 补正 due Friday 10-09 lapses on 10-12 (the grace day is the
// 调休 Saturday 10-10).

let t: TestApp;
let now = new Date('2026-09-28T02:00:00.000Z');
const ids: Record<string, number> = {};
const at = (day: string) => {
  now = new Date(`${day}T02:00:00.000Z`);
};

const base = {
  applicantKind: 'person' as const,
  applicantName: '张三',
  idType: 'resident_id' as const,
  idNumber: '11010519491231002X',
  phone: '13812345678',
  description: '某项信息',
  provisionForm: 'paper' as const,
  receiptWay: 'post' as const,
  channel: 'in_person' as const,
};

const state = async (id: number) =>
  t.services.database.db
    .selectFrom('foi_applications')
    .select(['state', 'answer_type', 'answer_ground', 'answer_day', 'concluded_day'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp({ foiClock: () => now });
  const s = t.services;
  await makeSite(s, { sponsor: '涟水县人民政府办公室' });
  const czj = await makeUnit(s, '财政局');
  await s.foi.putGuide(system, czj.id, { officeName: '办公室' });
  ids.czj = czj.id;
  ids.officer = await makeAccount(s, 'czj', czj.id, ['unit_officer']);
  for (const name of ['lapsed', 'corrected', 'late']) {
    const r = await s.foi.register(
      system,
      RegisterApplication.parse({ ...base, unitId: czj.id, submittedDay: '2026-09-28' }),
    );
    ids[name] = r.id;
  }
  at('2026-09-29');
  for (const name of ['lapsed', 'corrected'])
    await s.foi.act(system, ids[name]!, {
      action: 'request_correction',
      day: '2026-09-29',
      dueDay: '2026-09-30',
      note: '请写明所需信息的文件名称或者时间范围',
    });
  at('2026-09-30');
  await s.foi.act(system, ids.corrected!, { action: 'corrected', day: '2026-09-30', note: null });
  await s.foi.act(system, ids.late!, {
    action: 'request_correction',
    day: '2026-09-30',
    dueDay: '2026-10-09',
    note: '请写明所需信息的时间范围',
  });
});
afterAll(() => t.close());

describe('an unanswered 补正 makes the application withdrawn', () => {
  it('waits through the holidays and the grace day', async () => {
    for (const day of ['2026-10-01', '2026-10-05', '2026-10-07', '2026-10-08']) {
      at(day);
      expect(await t.services.foiDeadlines.withdrawLapsed(), day).toBe(0);
    }
    expect((await state(ids.lapsed!)).state).toBe('correction');
  });

  it('closes it on the lapse day, once, with its event, audit record, notice and 告知书', async () => {
    at('2026-10-09');
    expect(await t.services.foiDeadlines.withdrawLapsed()).toBe(1);
    expect(await t.services.foiDeadlines.withdrawLapsed()).toBe(0);
    expect(await state(ids.lapsed!)).toEqual({
      state: 'withdrawn',
      answer_type: 'other',
      answer_ground: 'correction_overdue',
      answer_day: '2026-10-09',
      concluded_day: '2026-10-09',
    });
    expect((await state(ids.corrected!)).state).toBe('registered');
    expect((await state(ids.late!)).state).toBe('correction');

    const db = t.services.database.db;
    const events = await db
      .selectFrom('foi_events')
      .select(['action', 'from_state', 'to_state', 'day', 'username'])
      .where('application_id', '=', ids.lapsed!)
      .where('action', '=', 'correction_expired')
      .execute();
    expect(events).toEqual([
      {
        action: 'correction_expired',
        from_state: 'correction',
        to_state: 'withdrawn',
        day: '2026-10-09',
        username: 'foi.deadlines',
      },
    ]);
    const audit = await db
      .selectFrom('audit_log')
      .select(['username', 'entity_id'])
      .where('action', '=', 'foi.correction_expired')
      .execute();
    expect(audit).toEqual([{ username: 'foi.deadlines', entity_id: String(ids.lapsed) }]);
    const notes = await db
      .selectFrom('notifications')
      .select(['account_id', 'kind', 'title'])
      .where('kind', '=', 'foi.withdrawn')
      .execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ account_id: ids.officer, kind: 'foi.withdrawn' });
    expect(notes[0]!.title).toContain('逾期未补正，已视为放弃申请');

    const notice = await t.services.foiReports.notice(system, ids.lapsed!, 'html');
    const html = notice.bytes.toString('utf8');
    expect(html).toContain('本机关已于2026年9月29日告知您对申请作出补正，补正期限至2026年9月30日');
    expect(html).toContain('视为放弃申请');
    expect(html).toContain('《中华人民共和国政府信息公开条例》第三十条');
  });

  it('counts a 调休 Saturday as the grace day', async () => {
    at('2026-10-10');
    expect(await t.services.foiDeadlines.withdrawLapsed()).toBe(0);
    at('2026-10-12');
    expect(await t.services.foiDeadlines.withdrawLapsed()).toBe(1);
    expect(await state(ids.late!)).toMatchObject({ state: 'withdrawn', concluded_day: '2026-10-12' });
  });

  it('is run by the deadline job before the warnings', async () => {
    const job = (await import('./foi-deadlines.js')).foiDeadlineJob(t.services.foiDeadlines);
    expect(await job.run()).toEqual({ withdrawn: 0, notices: expect.any(Number) });
  });
});
