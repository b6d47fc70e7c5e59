import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { PASSWORD, makeAccount, makeSite, makeUnit, system } from '../../../test/harness/factories.js';

// Issue 12: a citizen's letter through the whole 12345 loop, over HTTP as a browser without
// JavaScript and the admin app send it; the bad inputs of the issue.

let t: TestApp;
let office: ApiClient;
let officer: ApiClient;
let leader: ApiClient;
let unitId: number;
let otherUnitId: number;
let now = new Date('2025-09-30T01:00:00.000Z'); // 09:00 in Shanghai, the day before 国庆

beforeAll(async () => {
  t = await createTestApp({ interactionClock: () => now });
  await makeSite(t.services);
  const hotline = await makeUnit(t.services, '12345政府公共服务热线办公室', 'gov_dept', { shortName: '12345办公室' });
  unitId = (await makeUnit(t.services, '住房和城乡建设局')).id;
  otherUnitId = (await makeUnit(t.services, '交通运输局')).id;
  await makeAccount(t.services, 'rx12345', hotline.id, ['hotline_operator']);
  await makeAccount(t.services, 'rx12345_ld', hotline.id, ['unit_leader']);
  await makeAccount(t.services, 'zjj_xxy', unitId, ['unit_officer']);
  await makeAccount(t.services, 'zjj_ld', unitId, ['unit_leader']);
  office = await ApiClient.login(t.server, 'rx12345', PASSWORD);
  officer = await ApiClient.login(t.server, 'zjj_xxy', PASSWORD);
  leader = await ApiClient.login(t.server, 'zjj_ld', PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

/** Reads the challenge off the rendered form and answers it as a person would. */
async function openForm(server: FastifyInstance, slug: string, ip = '10.1.1.1') {
  const page = await server.inject({ method: 'GET', url: `/hudong/xiexin/${slug}`, remoteAddress: ip });
  expect(page.statusCode).toBe(200);
  const token = /name="challengeToken" value="([^"]+)"/.exec(page.body)![1]!;
  const q = /验证问题：(\S) (加|减) (\S) /.exec(page.body)!;
  const digits = '零一二三四五六七八九十';
  const a = digits.indexOf(q[1]!);
  const b = digits.indexOf(q[3]!);
  return { page, token, answer: String(q[2] === '加' ? a + b : a - b) };
}

async function write(fields: Record<string, string>, ip = '10.1.1.1', slug = 'xianzhang') {
  const { token, answer } = await openForm(t.server, slug, ip);
  return t.server.inject({
    method: 'POST',
    url: `/hudong/xiexin/${slug}`,
    remoteAddress: ip,
    ...form({ challengeToken: token, challengeAnswer: answer, ...fields }),
  });
}

const letter = {
  name: '王<b>小</b>明',
  phone: '13812345678',
  email: '',
  category: 'complaint',
  title: '<script>alert(1)</script>城南小区路灯不亮😀𠀀',
  body: '城南小区路灯坏了两周，我的电话 13812345678。\n请尽快修复。',
  isPublic: 'yes',
};

const code = (body: string) => /<strong>([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})<\/strong>/.exec(body)?.[1];

describe('a letter through the 12345 loop', () => {
  let queryCode: string;
  let id: number;

  it('writing in gives a 查询码; HTML in the fields is shown as text', async () => {
    const res = await write(letter);
    expect(res.statusCode).toBe(200);
    queryCode = code(res.body)!;
    expect(queryCode).toBeTruthy();
    const list = (await office.get('/api/letters')).json();
    expect(list.total).toBe(1);
    id = list.items[0].id;
    expect(list.items[0].title).toBe(letter.title);
    // Due end of 10-09 (after the holiday), as UTC.
    expect(list.items[0].acceptDue).toBe('2025-10-09T16:00:00.000Z');
  });

  it('the lookup needs code and phone together and shows the writer masked, HTML escaped', async () => {
    const wrong = await t.server.inject({
      method: 'POST',
      url: '/hudong/chaxun',
      ...form({ code: queryCode, phone: '13900000000' }),
    });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('请核对查询码');
    const ok = await t.server.inject({
      method: 'POST',
      url: '/hudong/chaxun',
      ...form({ code: queryCode.toLowerCase(), phone: '138 1234 5678' }),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('王*****');
    expect(ok.body).not.toContain('<script>alert(1)</script>');
    expect(ok.body).toContain('&lt;script&gt;');
    expect(ok.body).toContain('待受理');
  });

  it('units cannot see a letter not given to them; the office accepts and assigns it with a 会办 helper', async () => {
    expect((await officer.get(`/api/letters/${id}`)).statusCode).toBe(404);
    let d = (await office.get(`/api/letters/${id}`)).json();
    expect(d.actions.map((a: { action: string }) => a.action)).toEqual(['accept', 'reject']);
    const refused = await officer.post(`/api/letters/${id}/actions`, { action: 'accept', version: d.version });
    expect(refused.statusCode).toBe(403);
    d = (await office.post(`/api/letters/${id}/actions`, { action: 'accept', version: d.version })).json();
    expect(d.status).toBe('accepted');
    const stale = await office.post(`/api/letters/${id}/actions`, { action: 'assign', version: d.version - 1, unitId });
    expect(stale.statusCode).toBe(409);
    d = (
      await office.post(`/api/letters/${id}/actions`, {
        action: 'assign',
        version: d.version,
        unitId,
        helperUnitIds: [otherUnitId],
      })
    ).json();
    expect(d.status).toBe('assigned');
    expect(d.replyDue).toBe('2025-10-21T16:00:00.000Z'); // 10 working days for a 投诉, 调休 Saturday counted
  });

  it('the unit asks for 延期 before the deadline, the office approves, the writer sees it', async () => {
    let d = (await officer.get(`/api/letters/${id}`)).json();
    d = (
      await officer.post(`/api/letters/${id}/extension`, {
        version: d.version,
        decision: 'request',
        days: 3,
        reason: '需现场勘查',
      })
    ).json();
    expect(d.extensionState).toBe('requested');
    const self = await officer.post(`/api/letters/${id}/extension`, { version: d.version, decision: 'approve' });
    expect(self.statusCode).toBe(403);
    d = (await office.post(`/api/letters/${id}/extension`, { version: d.version, decision: 'approve' })).json();
    expect(d.replyDue).toBe('2025-10-24T16:00:00.000Z');
    const view = await t.server.inject({
      method: 'POST',
      url: '/hudong/chaxun',
      ...form({ code: queryCode, phone: letter.phone }),
    });
    expect(view.body).toContain('延期');
  });

  it('信息员 drafts, the leader signs, the office approves: answered', async () => {
    let d = (await officer.get(`/api/letters/${id}`)).json();
    const notTheirs = await officer.post(`/api/letters/${id}/actions`, { action: 'sign', version: d.version });
    expect(notTheirs.statusCode).toBe(403);
    d = (
      await officer.post(`/api/letters/${id}/actions`, {
        action: 'draft',
        version: d.version,
        text: '已安排维修，路灯已恢复。',
      })
    ).json();
    expect(d.status).toBe('drafted');
    d = (await leader.post(`/api/letters/${id}/actions`, { action: 'sign', version: d.version })).json();
    expect(d.status).toBe('signed');
    now = new Date('2025-10-10T02:00:00.000Z');
    d = (await office.post(`/api/letters/${id}/actions`, { action: 'approve', version: d.version })).json();
    expect(d.status).toBe('answered');
    expect(d.reply).toBe('已安排维修，路灯已恢复。');
    expect(d.history.map((h: { action: string }) => h.action)).toEqual([
      'submit',
      'accept',
      'assign',
      'request_extension',
      'approve_extension',
      'draft',
      'sign',
      'approve',
    ]);
    expect(d.history[1].actor).toBe('rx12345');
  });

  it('不满意 reopens once with a fresh clock; the second answer is rated and closed', async () => {
    const r = await t.server.inject({
      method: 'POST',
      url: '/hudong/pingjia',
      ...form({ code: queryCode, phone: letter.phone, rating: 'unsatisfied', note: '灯又坏了' }),
    });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('重新办理');
    let d = (await officer.get(`/api/letters/${id}`)).json();
    expect(d.status).toBe('assigned');
    expect(d.reopened).toBe(1);
    expect(d.replyDue).toBe('2025-10-23T16:00:00.000Z'); // 10 working days from 10-10, 调休 10-11 counted
    d = (
      await officer.post(`/api/letters/${id}/actions`, { action: 'draft', version: d.version, text: '已更换灯具。' })
    ).json();
    d = (await leader.post(`/api/letters/${id}/actions`, { action: 'sign', version: d.version })).json();
    d = (await office.post(`/api/letters/${id}/actions`, { action: 'approve', version: d.version })).json();
    const again = await t.server.inject({
      method: 'POST',
      url: '/hudong/pingjia',
      ...form({ code: queryCode, phone: letter.phone, rating: 'unsatisfied' }),
    });
    expect(again.statusCode).toBe(200);
    d = (await office.get(`/api/letters/${id}`)).json();
    expect(d.status).toBe('closed');
    expect(d.rating).toBe('unsatisfied');
  });

  it('published to 来信反馈 with personal data masked; counted in the statistics', async () => {
    const d = (await office.get(`/api/letters/${id}`)).json();
    expect((await officer.post(`/api/letters/${id}/publish`, { version: d.version, publish: true })).statusCode).toBe(
      403,
    );
    expect((await office.post(`/api/letters/${id}/publish`, { version: d.version, publish: true })).statusCode).toBe(
      204,
    );
    const list = await t.server.inject({ method: 'GET', url: '/hudong/fankui/' });
    expect(list.body).toContain(`/hudong/fankui/${id}`);
    const page = await t.server.inject({ method: 'GET', url: `/hudong/fankui/${id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('13812345678');
    expect(page.body).toContain('138****5678');
    expect(page.body).toContain('2025-09-30'); // 来信日期
    expect(page.body).toContain('住房和城乡建设局');
    const stats = (await office.get('/api/letters-stats?from=2025-09&to=2025-10')).json();
    expect(stats.rows).toEqual([
      {
        unitId,
        unitName: '涟水县住房和城乡建设局',
        month: '2025-09',
        received: 1,
        closed: 1,
        onTimeRate: 100,
        satisfiedRate: 0,
      },
    ]);
    const annual = await t.services.interaction.lettersStats.annual(2025);
    expect(annual).toMatchObject({ received: 1, closed: 1, publicReplies: 1 });
  });
});

describe('退单, 改派 and 不予受理', () => {
  it('a unit returns a letter with a reason; the office reassigns it to another unit', async () => {
    now = new Date('2025-11-03T01:00:00.000Z');
    const res = await write({ ...letter, title: '公交线路咨询', phone: '13900001111' }, '10.2.2.2');
    expect(res.statusCode).toBe(200);
    const id = (await office.get('/api/letters?status=received')).json().items[0].id;
    let d = (await office.get(`/api/letters/${id}`)).json();
    d = (await office.post(`/api/letters/${id}/actions`, { action: 'accept', version: d.version })).json();
    d = (await office.post(`/api/letters/${id}/actions`, { action: 'assign', version: d.version, unitId })).json();
    const noReason = await officer.post(`/api/letters/${id}/actions`, { action: 'unit_return', version: d.version });
    expect(noReason.statusCode).toBe(400);
    d = (
      await officer.post(`/api/letters/${id}/actions`, {
        action: 'unit_return',
        version: d.version,
        reason: '公交属交通运输局职责',
      })
    ).json();
    expect(d.status).toBe('unit_returned');
    d = (
      await office.post(`/api/letters/${id}/actions`, {
        action: 'reassign',
        version: d.version,
        unitId: otherUnitId,
        reason: '改派交通运输局',
      })
    ).json();
    expect(d.leadUnitId).toBe(otherUnitId);
    expect((await officer.get(`/api/letters/${id}`)).statusCode).toBe(404);
  });

  it('不予受理 needs a kind and reason, and the writer is told the reason', async () => {
    const res = await write({ ...letter, title: '重复的信', phone: '13900002222' }, '10.3.3.3');
    const c = code(res.body)!;
    const id = (await office.get('/api/letters?status=received')).json().items[0].id;
    const d = (await office.get(`/api/letters/${id}`)).json();
    expect(
      (
        await office.post(`/api/letters/${id}/actions`, {
          action: 'reject',
          version: d.version,
          reason: '同一事项已受理',
        })
      ).statusCode,
    ).toBe(400);
    const r = await office.post(`/api/letters/${id}/actions`, {
      action: 'reject',
      version: d.version,
      rejectKind: 'duplicate',
      reason: '同一事项已受理',
    });
    expect(r.json().status).toBe('rejected');
    const view = await t.server.inject({
      method: 'POST',
      url: '/hudong/chaxun',
      ...form({ code: c, phone: '13900002222' }),
    });
    expect(view.body).toContain('同一事项已受理');
  });
});

describe('催办 and 超期', () => {
  it('tells the unit and the office once per deadline, again after a 延期 moves it', async () => {
    now = new Date('2025-11-20T01:00:00.000Z');
    await write({ ...letter, title: '催办测试', phone: '13900004444' }, '10.7.7.7');
    const id = (await office.get('/api/letters?status=received')).json().items[0].id;
    let d = (await office.get(`/api/letters/${id}`)).json();
    d = (await office.post(`/api/letters/${id}/actions`, { action: 'accept', version: d.version })).json();
    d = (await office.post(`/api/letters/${id}/actions`, { action: 'assign', version: d.version, unitId })).json();
    // 10 working days from Thu 11-20: due end of 12-04.
    expect(d.replyDue).toBe('2025-12-04T16:00:00.000Z');
    const notices = t.services.interaction.notices;
    const mine = async (c: ApiClient) =>
      ((await c.get('/api/notifications')).json().items as Array<{ title: string }>).filter((n) =>
        n.title.includes('催办测试'),
      );
    now = new Date('2025-12-01T01:00:00.000Z');
    await notices.round();
    expect(await mine(officer)).toEqual([]);
    now = new Date('2025-12-03T01:00:00.000Z'); // the working day before the last one
    await notices.round();
    await notices.round();
    expect((await mine(officer)).map((n) => n.title)).toEqual([expect.stringContaining('【催办】')]);
    expect(await mine(leader)).toHaveLength(1);
    expect(await mine(office)).toHaveLength(1);
    now = new Date('2025-12-05T01:00:00.000Z');
    await notices.round();
    expect((await mine(officer)).filter((n) => n.title.includes('【超期】'))).toHaveLength(1);
    d = (await office.get(`/api/letters/${id}`)).json();
    expect(d.overdue).toBe(true);
    expect(d.history.filter((h: { action: string }) => h.action === 'remind')).toHaveLength(2);
    // Too late for a 延期 now.
    const late = await officer.post(`/api/letters/${id}/extension`, {
      version: d.version,
      decision: 'request',
      days: 2,
      reason: '来不及',
    });
    expect(late.statusCode).toBe(409);
  });
});

describe('the 3-month indicator', () => {
  it('counts a letter accepted and then forgotten, once three months have passed', async () => {
    now = new Date('2026-01-05T01:00:00.000Z');
    await write({ ...letter, title: '被遗忘的信', phone: '13900003333' }, '10.4.4.4');
    const id = (await office.get('/api/letters?status=received')).json().items[0].id;
    const d = (await office.get(`/api/letters/${id}`)).json();
    await office.post(`/api/letters/${id}/actions`, { action: 'accept', version: d.version });
    const s = t.services.interaction.lettersStats;
    expect((await s.unansweredOverThreeMonths('2026-04-05')).map((l) => l.id)).not.toContain(id);
    const late = await s.unansweredOverThreeMonths('2026-04-06');
    expect(late.map((l) => l.id)).toContain(id);
    // The November letters are unanswered too: they count, the rejected one does not.
    expect(late.map((l) => l.title).sort()).toEqual(['催办测试', '公交线路咨询', '被遗忘的信']);
  });

  it('feeds the guarantee board: 互动回应差 is a veto once a letter waits more than 3 months', async () => {
    const check = async (at: string) => {
      const r = await t.services.guarantee.status.check(system, { at, final: true });
      return r.sites[0]!.indicators.find((i) => i.key === 'interaction')!;
    };
    // The November letter (received 2025-11-03) is the oldest unanswered one.
    expect(await check('2026-02-02')).toMatchObject({ applicable: true, level: 'ok' });
    expect(await check('2026-02-04')).toMatchObject({ applicable: true, level: 'veto', value: 1 });
    const annual = (await office.get('/api/guarantee/annual?year=2025')).json();
    expect(annual.interaction).toMatchObject({ available: true, received: 3, closed: 1, publicReplies: 1 });
  });
});

describe('bad input', () => {
  it('empty and 100 KB letters are refused with field messages and what was typed kept', async () => {
    const empty = await write({ name: '', phone: '', title: '', body: '', isPublic: 'no' }, '10.5.5.5');
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('请填写姓名');
    expect(empty.body).toContain('请填写 11 位手机号码');
    const big = await write({ ...letter, body: '字'.repeat(100_000) }, '10.5.5.5');
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain('内容不能超过 5000 个字');
    expect(big.body).toContain(letter.phone); // the form comes back filled in
  });

  it('an attachment that lies about its type is refused', async () => {
    const { token, answer } = await openForm(t.server, 'zixun', '10.6.6.6');
    const boundary = 'B0undary';
    const part = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const fields = { ...letter, challengeToken: token, challengeAnswer: answer };
    const body = Buffer.concat([
      Buffer.from(
        Object.entries(fields)
          .map(([k, v]) => part(k, v))
          .join(''),
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file1"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      Buffer.from('MZ\x90\x00 this is really a program'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.server.inject({
      method: 'POST',
      url: '/hudong/xiexin/zixun',
      remoteAddress: '10.6.6.6',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(res.statusCode).toBe(415);
    expect(res.body).toContain('不是允许的类型');
  });

  it('100 letters a minute from one address: the first ones are kept, the rest refused in Chinese', async () => {
    const before = (await office.get('/api/letters?limit=200')).json().total;
    const statuses: number[] = [];
    const codes: string[] = [];
    for (let i = 0; i < 100; i++) {
      const r = await write(
        { ...letter, title: `第${i}封`, phone: `1370000${String(i).padStart(4, '0')}` },
        '10.9.9.9',
      );
      statuses.push(r.statusCode);
      if (r.statusCode === 200) codes.push(code(r.body)!);
      else expect(r.body).toContain('同一网络地址每小时最多提交 10 次');
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(90);
    const after = (await office.get('/api/letters?limit=200')).json().total;
    expect(after - before).toBe(10);
    expect(new Set(codes).size).toBe(10);
  });
});
