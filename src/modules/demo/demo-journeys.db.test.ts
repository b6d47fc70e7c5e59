import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { multipartFile } from '../../../test/harness/factories.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.service.js';

// Issue 8 item 9: with the shipped demo accounts, every role finishes its main journey through the API:
// each unit's account writes and submits, each step is approved by the demo account the README names,
// and the item goes online; the website centre enters e-mailed and paper items and publishes; the office
// leader publishes in an emergency and the review afterwards clears it; the administrator reads it all
// in the audit log.

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../../../test/fixtures', name));

let t: TestApp;
const as: Record<string, ApiClient> = {};
let columns: Array<{ id: number; name: string; children: unknown[] }>;
const published: number[] = [];
const acted = new Set<string>();
/** The client of a demo account, noting that the account took part in a journey. */
const c = (username: string) => {
  acted.add(username);
  return as[username]!;
};

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  for (const a of DEMO_ACCOUNTS) as[a.username] = await ApiClient.login(t.server, a.username, DEMO_PASSWORD);
  columns = (await as.admin!.get('/api/sites/1/columns')).json();
  // The first start imports about a thousand items; a loaded PostgreSQL or MariaDB needs minutes.
}, 600_000);
afterAll(() => t?.close());

function column(namePath: string): number {
  let level = columns;
  let found: { id: number; children: unknown[] } | undefined;
  for (const name of namePath.split('/')) {
    found = level.find((c) => c.name === name);
    if (!found) throw new Error(`演示站点没有栏目“${namePath}”`);
    level = found.children as typeof columns;
  }
  return found!.id;
}

const disclosure = {
  issuer: '涟水县财政局',
  writtenOn: '2026-01-05',
  topicCategory: '财政、金融、审计\\财政',
  docNo: '涟财发〔2026〕1号',
  validity: '有效',
};

async function write(who: string, columnPath: string, title: string, extra: Record<string, unknown> = {}) {
  const r = await c(who).post('/api/articles', {
    columnId: column(columnPath),
    type: 'news',
    title,
    bodyHtml: `<p>${title}。</p>`,
    ...extra,
  });
  expect(r.statusCode, `${who} 新建信息：${r.body}`).toBe(201);
  return r.json().id as number;
}

async function submit(who: string, id: number) {
  const r = await c(who).post(`/api/articles/${id}/submit`, {});
  expect(r.statusCode, `${who} 送审：${r.body}`).toBe(200);
  return r.json() as { chain: { name: string; steps: Array<{ name: string }> } };
}

/** Each named account approves the step it holds, in order; the last may publish at once. */
async function approveAll(id: number, who: string[], last: { publishNow?: boolean } = {}) {
  for (const [i, name] of who.entries()) {
    const history = (await c(name).get(`/api/articles/${id}/review`)).json();
    expect(history.current?.canAct, `${name} 应能处理第 ${i + 1} 步（${history.current?.stepName}）`).toBe(true);
    const r = await c(name).post(`/api/articles/${id}/approve`, {
      opinion: `${name}：同意`,
      ...(i === who.length - 1 ? last : {}),
    });
    expect(r.statusCode, `${name} 审核第 ${i + 1} 步：${r.body}`).toBe(200);
  }
}

async function expectOnline(id: number) {
  expect((await c('admin').get(`/api/articles/${id}`)).json().status).toBe('published');
  expect((await t.server.inject({ url: `/a/${id}.html`, headers: { host: 'localhost' } })).statusCode).toBe(200);
  published.push(id);
}

describe('each unit’s information officer: write → submit → every step → online', () => {
  it('财政局 (czj): 审查人 czj_ld, 主要领导 czj_zy, 政务公开科 gkk (校对, 意见), 政府办领导 ldz; the website centre publishes', async () => {
    const id = await write('czj', '政务公开/财政信息', '演示：2026年1月财政收支情况', { type: 'other', disclosure });
    expect((await submit('czj', id)).chain.name).toBe('标准审核流程（附件2）');
    await approveAll(id, ['czj_ld', 'czj_zy', 'gkk', 'gkk', 'ldz']);
    expect((await c('wzzx').post(`/api/articles/${id}/publish`)).statusCode).toBe(200);
    await expectOnline(id);
  });

  it('高沟镇 (ggz): ggz_ld, ggz_zy, gkk, gkk, ldz, who publishes at once', async () => {
    const id = await write('ggz', '新闻中心/乡镇动态', '演示：高沟镇开展冬季安全生产检查');
    await submit('ggz', id);
    await approveAll(id, ['ggz_ld', 'ggz_zy', 'gkk', 'gkk', 'ldz'], { publishNow: true });
    await expectOnline(id);
  });

  it('新闻中心 (xwzx): 涟水新闻 on the short chain, xwzx_ld approves and it goes online', async () => {
    const id = await write('xwzx', '新闻中心/涟水新闻', '演示：我县召开冬季农田水利建设推进会');
    expect((await submit('xwzx', id)).chain.name).toBe('单位自管栏目简易流程');
    await approveAll(id, ['xwzx_ld']);
    await expectOnline(id);
  });

  it('12345办公室 (rx12345): a reply in 来信反馈, approved by the office’s own leader', async () => {
    const id = await write('rx12345', '政民互动/来信反馈', '演示：关于城南小区供暖问题的答复');
    await submit('rx12345', id);
    await approveAll(id, ['rx12345_ld']);
    await expectOnline(id);
  });

  it('网站中心 (wzzx): its own item in 民意征集 goes through the centre’s leaders and the county office', async () => {
    const id = await write('wzzx', '政民互动/民意征集', '演示：关于优化政府网站栏目设置的意见征集');
    await submit('wzzx', id);
    await approveAll(id, ['wzzx_ld', 'wzzx_zy', 'gkk', 'gkk', 'ldz'], { publishNow: true });
    await expectOnline(id);
  });
});

describe('the website centre enters what units send by e-mail and on paper', () => {
  it('an e-mailed 部门动态 of 财政局: reviewed by another editor of the centre and published', async () => {
    const id = await write('wzzx', '新闻中心/部门动态', '演示：财政局开展政府采购业务培训', {
      channel: 'email',
      unitId: (await c('wzzx').get('/api/units')).json().find((u: { shortName: string }) => u.shortName === '财政局')
        .id,
    });
    expect((await submit('wzzx', id)).chain.name).toBe('邮箱报送审核流程');
    await approveAll(id, ['wzzx_ld']);
    await expectOnline(id);
  });

  it('a paper 公告公示 of 高沟镇: the county steps, the signed form scanned in, then published', async () => {
    const units = (await c('wzzx').get('/api/units')).json() as Array<{ id: number; shortName: string }>;
    const id = await write('wzzx', '新闻中心/公告公示', '演示：高沟镇2026年农村低保对象公示', {
      type: 'announcement',
      channel: 'paper',
      unitId: units.find((u) => u.shortName === '高沟镇')!.id,
    });
    expect((await submit('wzzx', id)).chain.name).toBe('纸质报送审核流程');
    await approveAll(id, ['gkk', 'gkk', 'ldz']);
    const { payload, headers } = multipartFile('审核表扫描件.png', fixture('red.png'));
    const scan = (await c('wzzx').request('POST', '/api/attachments', payload, headers)).json();
    expect((await c('wzzx').post(`/api/articles/${id}/review-form-scan`, { attachmentId: scan.id })).statusCode).toBe(
      200,
    );
    expect((await c('wzzx').post(`/api/articles/${id}/publish`)).statusCode).toBe(200);
    await expectOnline(id);
  });
});

describe('the office leader and the administrator', () => {
  it('ldz publishes in an emergency; the review afterwards by the same demo accounts clears 未经审核', async () => {
    const id = await write('czj', '政务公开/财政信息', '演示：关于暂停部分财政业务办理的紧急通知', {
      type: 'notice',
      disclosure,
    });
    const r = await c('ldz').post(`/api/articles/${id}/emergency-publish`, { reason: '系统升级，须当日告知' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'published', unreviewed: true });
    await approveAll(id, ['czj_ld', 'czj_zy', 'gkk', 'gkk', 'ldz']);
    expect((await c('admin').get(`/api/articles/${id}`)).json()).toMatchObject({
      status: 'published',
      unreviewed: false,
    });
    published.push(id);
  });

  it('admin finds every publication of these journeys in the audit log', async () => {
    for (const id of published) {
      const audit = (await c('admin').get(`/api/audit?entityType=article&entityId=${id}`)).json();
      expect(audit.items.map((e: { action: string }) => e.action)).toContain('article.published');
    }
    expect(published.length).toBe(8);
  });

  it('every demo account took part', () => {
    // An account no journey needs would be a role the demo does not demonstrate; one missing would fail above.
    expect([...acted].sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.username).sort());
  });
});
