import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegisterApplication } from '../../contract/foi.js';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { makeAccount, makeSite, makeUnit, system } from '../../../test/harness/factories.js';

// Deadline warnings and the overdue counts, on 2026-12-01 (Tuesday). 财政局 holds an application
// received 2026-11-04 (due 12-02: two working days left → due soon) and one received 2026-10-26
// (due 11-23: six working days overdue on 12-01: 11-24, 25, 26, 27, 30, 12-01).

let t: TestApp;
const ids: Record<string, number> = {};
const at = new Date('2026-12-01T02:00:00.000Z');

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

beforeAll(async () => {
  t = await createTestApp({ foiClock: () => at, guaranteeClock: () => at });
  const s = t.services;
  await makeSite(s, { sponsor: '涟水县人民政府办公室' });
  const czj = await makeUnit(s, '财政局');
  await s.foi.putGuide(system, czj.id, { officeName: null, address: null, hours: null, phone: null, postcode: null });
  ids.czj = czj.id;
  ids.officer = await makeAccount(s, 'czj', czj.id, ['unit_officer']);
  await s.foi.register(system, RegisterApplication.parse({ ...base, unitId: czj.id, submittedDay: '2026-11-04' }));
  await s.foi.register(system, RegisterApplication.parse({ ...base, unitId: czj.id, submittedDay: '2026-10-26' }));
});
afterAll(() => t.close());

describe('deadlines', () => {
  it('warns the handling unit once of an application due soon and of one overdue', async () => {
    expect(await t.services.foiDeadlines.sendNotices()).toBe(2);
    expect(await t.services.foiDeadlines.sendNotices()).toBe(0);
    const notes = await t.services.notify.list(
      {
        kind: 'account',
        accountId: ids.officer!,
        username: 'czj',
        displayName: 'czj',
        unitId: ids.czj!,
        roles: ['unit_officer'],
        ip: null,
      },
      false,
    );
    const titles = notes.items.map((n) => n.title).sort();
    expect(titles).toHaveLength(2);
    expect(titles.some((x) => x.includes('将于 2026-12-02 到期'))).toBe(true);
    expect(titles.some((x) => x.includes('已超过答复期限（2026-11-23）'))).toBe(true);
  });

  it('counts overdue applications per unit for the board and the monthly 通报', async () => {
    const rows = await t.services.foiDeadlines.overdueByUnit('2026-12-01');
    expect(rows).toEqual([
      { unitId: ids.czj, unitName: '涟水县财政局', overdue: 1, oldestDueDay: '2026-11-23', maxWorkdaysLate: 6 },
    ]);
    // on 11-30 (the month's end of November) the one due 11-23 was five working days late
    const bulletin = await t.services.guarantee.bulletins.generate(system, { month: '2026-11' });
    const html = await t.services.guarantee.bulletins.download(system, bulletin.id, 'html');
    const text = html.bytes.toString('utf8');
    expect(text).toContain('依申请公开超期未答复情况');
    expect(text).toMatch(/涟水县财政局<\/td><td>1<\/td><td>2026-11-23<\/td><td>5<\/td>/);
  });
});
