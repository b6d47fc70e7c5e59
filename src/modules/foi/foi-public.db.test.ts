import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { makeSite, makeUnit, system } from '../../../test/harness/factories.js';

// The applicant's side without JavaScript: the unit's page (指南, form, figures), a form posted as a
// browser posts it, refusals shown on the page in Chinese with nothing saved, the 申请编号, and the
// lookup with number and phone that never shows the ID number or the whole phone.

let t: TestApp;
let unitId: number;

const DIGITS = '零一二三四五六七八九十';
function answerOf(html: string): { token: string; answer: string } {
  const q = /验证问题：(\S) (加|减) (\S) /.exec(html)!;
  const [a, b] = [DIGITS.indexOf(q[1]!), DIGITS.indexOf(q[3]!)];
  const token = /name="challengeToken" value="([^"]+)"/.exec(html)![1]!;
  return { token, answer: String(q[2] === '加' ? a + b : a - b) };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (url: string, fields: Record<string, string>, ip = '203.0.113.5') =>
  t.server.inject({
    method: 'POST',
    url,
    payload: form(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    remoteAddress: ip,
  });

const person = {
  applicantKind: 'person',
  applicantName: '王五',
  idType: 'resident_id',
  idNumber: '11010519491231002X',
  phone: '139 0000 1111',
  description: '2026年高沟镇农村道路建设项目资金拨付情况',
  provisionForm: 'email',
  receiptWay: 'email',
  email: 'wangwu@example.com',
};

beforeAll(async () => {
  t = await createTestApp({ foiClock: () => new Date('2026-09-25T03:00:00.000Z') });
  await makeSite(t.services);
  const u = await makeUnit(t.services, '高沟镇', 'town');
  unitId = u.id;
  await t.services.foi.putGuide(system, unitId, {
    officeName: '高沟镇党政办公室',
    address: '涟水县高沟镇人民路8号',
    hours: '工作日 8:30-12:00，14:00-17:30',
    phone: '0517-80000000',
    postcode: '223411',
  });
});
afterAll(() => t.close());

const count = async () =>
  Number(
    (
      await t.services.database.db
        .selectFrom('foi_applications')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the public 依申请公开 page', () => {
  it('shows the guide, the form and the figures, and is not cached', async () => {
    const res = await t.server.inject({ url: `/ysqgk/${unitId}/` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('高沟镇党政办公室');
    expect(res.body).toContain('申请获取政府信息10项指引');
    expect(res.body).toContain('name="challengeToken"');
    expect(res.body).toContain('一、本年新收政府信息公开申请数量');
    expect((await t.server.inject({ url: '/ysqgk/' })).body).toContain(`/ysqgk/${unitId}/`);
    expect((await t.server.inject({ url: '/ysqgk/99999/' })).statusCode).toBe(404);
  });

  it('refuses bad input on the page in Chinese and saves nothing', async () => {
    const before = await count();
    const page = (await t.server.inject({ url: `/ysqgk/${unitId}/` })).body;
    const { token, answer } = answerOf(page);
    const bad = await post(`/ysqgk/${unitId}/`, {
      ...person,
      idNumber: '110105194912310021',
      challengeToken: token,
      challengeAnswer: answer,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('校验位不正确');
    expect(bad.body).toContain('value="王五"');
    const script = await post(`/ysqgk/${unitId}/`, {
      ...person,
      applicantName: '<script>alert(1)</script>',
      challengeToken: token,
      challengeAnswer: answer,
    });
    expect(script.body).toContain('网页代码');
    expect(script.body).not.toContain('<script>alert(1)</script>');
    const org = await post(`/ysqgk/${unitId}/`, {
      ...person,
      applicantKind: 'organisation',
      orgCategory: 'business',
      contactName: '赵六',
      challengeToken: token,
      challengeAnswer: answer,
    });
    expect(org.body).toContain('请填写统一社会信用代码');
    const wrong = await post(`/ysqgk/${unitId}/`, {
      ...person,
      challengeToken: token,
      challengeAnswer: String(Number(answer) + 1),
    });
    expect(wrong.body).toContain('验证问题回答错误');
    expect(await count()).toBe(before);
  });

  it('takes an application on the Friday before National Day and lets the applicant follow it', async () => {
    const { token, answer } = answerOf((await t.server.inject({ url: `/ysqgk/${unitId}/` })).body);
    const res = await post(`/ysqgk/${unitId}/`, { ...person, challengeToken: token, challengeAnswer: answer });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const number = /<strong>([0-9A-Z-]+)<\/strong>/.exec(res.body)![1]!;
    expect(res.body).toContain('收到申请之日：2026-09-25');
    expect(res.body).toContain('2026-10-29');
    // the same token is spent
    expect(
      (await post(`/ysqgk/${unitId}/`, { ...person, challengeToken: token, challengeAnswer: answer })).body,
    ).toContain('已经使用过');

    const found = await post('/ysqgk/query', { number: number.toLowerCase(), phone: '13900001111' });
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('办理中');
    expect(found.body).toContain('2026-10-29');
    expect(found.body).toContain('王*');
    expect(found.body).not.toContain('11010519491231002X');
    expect(found.body).not.toContain('13900001111');
    const wrongPhone = await post('/ysqgk/query', { number, phone: '13900002222' });
    expect(wrongPhone.statusCode).toBe(400);
    expect(wrongPhone.body).toContain('没有找到该申请');
  });
});
