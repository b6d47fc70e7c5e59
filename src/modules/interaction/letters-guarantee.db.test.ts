import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { PASSWORD, makeAccount, makeColumn, makeSite, makeUnit, system } from '../../../test/harness/factories.js';
import { backdate, insertDuty } from '../guarantee/guarantee.test-helpers.js';
import type { DutyReport } from '../guarantee/report.service.js';
import { insertLetter } from './letters.test-helpers.js';

// Issue 12 item 4: a reply published to 来信反馈 counts toward the duty of the column standing for its
// mailbox, and a published 共性问题 toward its own column, like an article does.

let t: TestApp;
let siteId: number;
let office: ApiClient;
const ids = {} as Record<'boxDuty' | 'faqDuty' | 'box' | 'faq' | 'a' | 'b', number>;

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  siteId = (await makeSite(s)).id;
  const hudong = await makeColumn(s, siteId, '政民互动', null, { kind: 'interaction' });
  const box = await makeColumn(s, siteId, '县长信箱', hudong.id, { kind: 'interaction', updateClass: 'interaction' });
  const faq = await makeColumn(s, siteId, '刊登共性问题', hudong.id, {
    kind: 'interaction',
    updateClass: 'interaction',
  });
  await backdate(s, 'columns', [hudong.id, box.id, faq.id], '2025-01-01T00:00:00.000Z');
  const hotline = await makeUnit(s, '12345政府公共服务热线办公室', 'gov_dept');
  await backdate(s, 'units', [hotline.id], '2025-01-01T00:00:00.000Z');
  await makeAccount(s, 'rx12345', hotline.id, ['hotline_operator']);
  office = await ApiClient.login(t.server, 'rx12345', PASSWORD);
  const rule = { cadence: 'weekly_min', minPerWeek: 1, perUnit: false };
  ids.boxDuty = await insertDuty(s, box.id, rule, [{ unitId: hotline.id }]);
  ids.faqDuty = await insertDuty(s, faq.id, rule, [{ unitId: hotline.id }]);
  Object.assign(ids, { box: box.id, faq: faq.id });

  const mailbox = (await office.get('/api/mailboxes'))
    .json()
    .items.find((b: { slug: string }) => b.slug === 'xianzhang');
  const set = await office.put(`/api/mailboxes/${mailbox.id}`, {
    acceptDays: 1,
    consultDays: 5,
    otherDays: 10,
    enabled: true,
    columnId: box.id,
  });
  expect(set.statusCode).toBe(200);
  const answered = { reply: '已修复', answered_at: '2025-11-04T02:00:00.000Z' };
  // Published on Wednesday 2025-11-05 (Shanghai), and one on Monday 11-10 at 00:30 Shanghai time.
  ids.a = await insertLetter(t.services, '路灯', 'closed', { ...answered, published_at: '2025-11-05T03:00:00.000Z' });
  ids.b = await insertLetter(t.services, '井盖', 'closed', { ...answered, published_at: '2025-11-09T16:30:00.000Z' });
  // Answered but never published, and one published through a mailbox with no column: not counted.
  await insertLetter(t.services, '未公开', 'closed', answered);
  await insertLetter(t.services, '咨询', 'closed', { ...answered, published_at: '2025-11-05T03:00:00.000Z' }, 'zixun');
  // A 共性问题 made from two of them, shown in its column, published on 11-12.
  const made = await office.post('/api/letter-faqs', {
    question: '路灯和井盖归谁管？',
    answer: '城管局。',
    letterIds: [ids.a, ids.b],
    columnId: faq.id,
  });
  expect(made.statusCode).toBe(200);
  await t.services.database.db
    .updateTable('letter_faqs')
    .set({ published_at: '2025-11-12T02:00:00.000Z' })
    .where('id', '=', made.json().id)
    .execute();
});
afterAll(() => t?.close());

/** Items per week of the weekly duty, keyed by the week's Monday. */
const counts = async (dutyId: number) => {
  const r = await t.services.guarantee.report.period(system, { from: '2025-11-03', to: '2025-11-16', siteId });
  const d = r.duties.find((x) => x.dutyId === dutyId) as DutyReport & { kind: 'counted' };
  expect(d.kind).toBe('counted');
  return d.parties[0]!.counts;
};

describe('published replies and questions count toward their columns', () => {
  it('replies count in the week of their Shanghai publishing day, only the mailbox’s own and only published ones', async () => {
    // 11-09T16:30Z is Monday 11-10 in Shanghai: the second week.
    expect(await counts(ids.boxDuty)).toEqual({ '2025-11-03': 1, '2025-11-10': 1 });
  });

  it('a 共性问题 counts toward its column', async () => {
    expect(await counts(ids.faqDuty)).toEqual({ '2025-11-03': 0, '2025-11-10': 1 });
  });

  it('the status check sees the last update and the weekly minimum met', async () => {
    const r = await t.services.guarantee.status.check(system, { at: '2025-11-11', final: true, dutyId: ids.boxDuty });
    const d = r.duties[0]!;
    expect(d.lastUpdateAt).toBe('2025-11-09T16:30:00.000Z');
    expect(d.status).toBe('met');
  });

  it('taking a reply down takes its update away', async () => {
    await t.services.database.db.updateTable('letters').set({ published_at: null }).where('id', '=', ids.b).execute();
    expect(await counts(ids.boxDuty)).toEqual({ '2025-11-03': 1, '2025-11-10': 0 });
  });
});
