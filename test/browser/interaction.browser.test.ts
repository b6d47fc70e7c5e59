import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../harness/app.js';
import { axeViolations, launchBrowser, screenshot } from '../harness/browser.js';
import { PASSWORD, makeAccount, makeSite, makeUnit } from '../harness/factories.js';

// Issue 12: a citizen's whole journey on a phone in Debian's chromium — write a letter, keep the
// 查询码, the 12345 office dispatches it, the unit replies, it is reviewed and published, the writer
// rates it — with axe-core (no serious or critical WCAG 2.1 A/AA violations) on each public page.

let t: TestApp;
let browser: Browser;
let base: string;
let office: ApiClient;
let officer: ApiClient;
let leader: ApiClient;
let unitId: number;
const PHONE = { width: 390, height: 844 };

beforeAll(async () => {
  t = await createTestApp();
  await makeSite(t.services, { name: '涟水县人民政府' });
  const hotline = await makeUnit(t.services, '12345政府公共服务热线办公室', 'gov_dept', { shortName: '12345办公室' });
  unitId = (await makeUnit(t.services, '住房和城乡建设局')).id;
  await makeAccount(t.services, 'rx12345', hotline.id, ['hotline_operator']);
  await makeAccount(t.services, 'zjj_xxy', unitId, ['unit_officer']);
  await makeAccount(t.services, 'zjj_ld', unitId, ['unit_leader']);
  office = await ApiClient.login(t.server, 'rx12345', PASSWORD);
  officer = await ApiClient.login(t.server, 'zjj_xxy', PASSWORD);
  leader = await ApiClient.login(t.server, 'zjj_ld', PASSWORD);
  await t.server.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.server.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function noSeriousViolations(page: Page, name: string) {
  await screenshot(page, 'interaction', name);
  expect(await axeViolations(page)).toEqual([]);
}

/** Reads the question as a person does and types the answer. */
async function answerChallenge(page: Page) {
  const label = await page.locator('label[for="f-challengeAnswer"]').innerText();
  const q = /(\S) (加|减) (\S) /.exec(label)!;
  const digits = '零一二三四五六七八九十';
  const a = digits.indexOf(q[1]!);
  const b = digits.indexOf(q[3]!);
  await page.fill('#f-challengeAnswer', String(q[2] === '加' ? a + b : a - b));
}

describe('a citizen writes to the 县长信箱 on a phone', { timeout: 120_000 }, () => {
  it('writes, gets a 查询码, follows the reply and rates it', async () => {
    // JavaScript stays on only for axe-core; the forms themselves post as plain HTML (see interaction.db.test.ts).
    const page = await browser.newPage({ viewport: PHONE });
    page.setDefaultTimeout(10_000);
    await page.goto(`${base}/hudong/`);
    await page.getByRole('link', { name: '县长信箱' }).click();
    await noSeriousViolations(page, 'form');
    // A first try without the required fields: errors in words, linked to the fields.
    await page.getByRole('button', { name: '提交来信' }).click();
    expect(await page.locator('#form-errors').innerText()).toContain('请填写姓名');
    await noSeriousViolations(page, 'form-errors');
    await page.fill('#f-name', '王小明');
    await page.fill('#f-phone', '13812345678');
    await page.fill('#f-title', '城南小区路灯不亮');
    await page.fill('#f-body', '城南小区路灯坏了两周，请尽快修复。<script>alert(1)</script>');
    await page.check('input[name="isPublic"][value="yes"]');
    await answerChallenge(page);
    await page.getByRole('button', { name: '提交来信' }).click();
    const code = (await page.locator('.query-code strong').innerText()).trim();
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await noSeriousViolations(page, 'sent');

    // The 12345 office and the unit work the letter in the admin API.
    const id = (await office.get('/api/letters')).json().items[0].id;
    let d = (await office.get(`/api/letters/${id}`)).json();
    d = (await office.post(`/api/letters/${id}/actions`, { action: 'accept', version: d.version })).json();
    d = (await office.post(`/api/letters/${id}/actions`, { action: 'assign', version: d.version, unitId })).json();
    d = (
      await officer.post(`/api/letters/${id}/actions`, { action: 'draft', version: d.version, text: '路灯已修复。' })
    ).json();
    d = (await leader.post(`/api/letters/${id}/actions`, { action: 'sign', version: d.version })).json();
    d = (await office.post(`/api/letters/${id}/actions`, { action: 'approve', version: d.version })).json();
    expect((await office.post(`/api/letters/${id}/publish`, { version: d.version, publish: true })).statusCode).toBe(
      204,
    );

    // The writer looks it up and rates the reply.
    await page.goto(`${base}/hudong/chaxun`);
    await page.fill('#q-code', code);
    await page.fill('#q-phone', '13812345678');
    await page.getByRole('button', { name: '查询' }).click();
    expect((await page.locator('h1').innerText()).trim()).toBe('城南小区路灯不亮');
    expect(await page.locator('main').innerText()).toContain('路灯已修复。');
    await noSeriousViolations(page, 'lookup');
    await page.check('input[name="rating"][value="satisfied"]');
    await page.getByRole('button', { name: '提交评价' }).click();
    expect(await page.locator('main').innerText()).toContain('已办结');

    // Published in 来信反馈, masked.
    await page.goto(`${base}/hudong/fankui/${id}`);
    expect(await page.locator('main').innerText()).toContain('王**');
    expect(await page.locator('main').innerText()).not.toContain('13812345678');
    await noSeriousViolations(page, 'feedback');
    await page.goto(`${base}/hudong/tongji`);
    expect(await page.locator('table.stats').innerText()).toContain('住房和城乡建设局');
    await noSeriousViolations(page, 'stats');
    await page.close();
  });
});
