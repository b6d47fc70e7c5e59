import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { disclosure, reviewCounty } from '../../../test/harness/review.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof reviewCounty>>;

beforeAll(async () => {
  t = await createTestApp();
  w = await reviewCounty(t);
});
afterAll(() => t?.close());

async function draft(title: string, columnId = w.columns.finance.id) {
  const r = await w.c.czj!.post('/api/articles', {
    columnId,
    type: 'document',
    title,
    bodyHtml: `<p>${title}正文。</p>`,
    disclosure,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}

const review = async (id: number) => (await w.c.admin!.get(`/api/articles/${id}/review`)).json();
const status = async (id: number) => (await w.c.admin!.get(`/api/articles/${id}`)).json().status as string;

describe('the default chain of 附件2', () => {
  it('runs 审查人 → 单位主要领导 → 政务公开科校对 → 政务公开科意见 → 政府办领导意见, then the website centre publishes', async () => {
    const id = await draft('2026年1-10月财政收支情况');
    const sub = await w.c.czj!.post(`/api/articles/${id}/submit`, {});
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json().chain.name).toBe('标准审核流程（附件2）');
    expect(sub.json().current).toMatchObject({ position: 1, stepName: '审查人' });
    // Each step's holder sees the task in the inbox; nobody else does.
    const steps: Array<[string, string]> = [
      ['czj_sc', '审查人'],
      ['czj_zy', '单位主要领导'],
      ['gkk', '政务公开科校对'],
      ['gkk2', '政务公开科意见'],
      ['ld', '政府办领导意见'],
    ];
    for (const [who, step] of steps) {
      const inbox = (await w.c[who]!.get('/api/tasks')).json() as Array<{ articleId: number; title: string }>;
      expect(
        inbox.map((x) => x.articleId),
        `${who} inbox`,
      ).toContain(id);
      expect((await w.c.wz!.get('/api/tasks')).json().map((x: { articleId: number }) => x.articleId)).not.toContain(id);
      const r = await w.c[who]!.post(`/api/articles/${id}/approve`, { opinion: `${step}：同意` });
      expect(r.statusCode, `${who}: ${r.body}`).toBe(200);
    }
    expect(await status(id)).toBe('approved');
    const pub = await w.c.wz!.post(`/api/articles/${id}/publish`);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'published' });
    const h = await review(id);
    expect(h.flows[0].actions.map((a: { action: string }) => a.action)).toEqual([
      'submit',
      'approve',
      'approve',
      'approve',
      'approve',
      'approve',
      'publish',
    ]);
    expect(new Set(h.flows[0].actions.map((a: { revisionHash: string }) => a.revisionHash)).size).toBe(1);
    const ledger = (await w.c.admin!.get(`/api/submissions?unitId=${w.units.czj.id}`)).json();
    expect(ledger.items.find((x: { articleId: number }) => x.articleId === id)).toMatchObject({
      channel: 'backoffice',
      state: 'adopted',
    });
  });

  it('refuses a unit step to another unit’s leader and to the drafter (four eyes)', async () => {
    const id = await draft('四眼原则');
    await w.c.czj!.post(`/api/articles/${id}/submit`, {});
    // Another unit's leader cannot read the item, so learns nothing of it, not even its step (issue 9 item 3).
    const other = await w.c.xw_ld!.post(`/api/articles/${id}/approve`, { opinion: '同意' });
    expect(other.statusCode).toBe(404);
    expect(other.json().message).not.toContain('审查人');
    // The drafter becomes the unit leader too: still not allowed to approve what they drafted.
    await t.services.database.db
      .insertInto('account_roles')
      .values({ account_id: w.ids.czj!, role: 'unit_leader' })
      .execute();
    const self = await w.c.czj!.post(`/api/articles/${id}/approve`, { opinion: '自己审自己' });
    await t.services.database.db
      .deleteFrom('account_roles')
      .where('account_id', '=', w.ids.czj!)
      .where('role', '=', 'unit_leader')
      .execute();
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toContain('自己拟稿');
    expect((await w.c.czj!.get('/api/tasks')).json().map((x: { articleId: number }) => x.articleId)).not.toContain(id);
  });

  it('locks an item under review, except for the step holder, whose edit sends it back to step 1', async () => {
    const id = await draft('锁定与重审');
    await w.c.czj!.post(`/api/articles/${id}/submit`, {});
    const locked = await w.c.czj!.patch(`/api/articles/${id}`, { title: '审核中偷偷修改' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().message).toContain('已锁定');
    await w.c.czj_sc!.post(`/api/articles/${id}/approve`, { opinion: '同意' });
    await w.c.czj_zy!.post(`/api/articles/${id}/approve`, { opinion: '同意' });
    // 政务公开科 proofreads and corrects a typo: the two unit approvals were for the old revision.
    const fix = await w.c.gkk!.patch(`/api/articles/${id}`, { title: '锁定与重审（校对后）' });
    expect(fix.statusCode, fix.body).toBe(200);
    const h = await review(id);
    expect(h.current).toMatchObject({ position: 1, stepName: '审查人' });
    expect(h.flows[0].actions.at(-1)).toMatchObject({ action: 'invalidated', toPosition: 1 });
    expect(h.current.revision).toBe(2);
  });

  it('an edit after the last approval voids the approval: it cannot be published and goes back to step 1', async () => {
    const id = await draft('审核后修改');
    await w.c.czj!.post(`/api/articles/${id}/submit`, {});
    for (const who of ['czj_sc', 'czj_zy', 'gkk', 'gkk2', 'ld'])
      await w.c[who]!.post(`/api/articles/${id}/approve`, { opinion: '同意' });
    expect(await status(id)).toBe('approved');
    const edit = await w.c.czj!.patch(`/api/articles/${id}`, { bodyHtml: '<p>改了一个数字。</p>' });
    expect(edit.statusCode).toBe(200);
    expect(await status(id)).toBe('in_review');
    const pub = await w.c.wz!.post(`/api/articles/${id}/publish`);
    expect(pub.statusCode).toBe(409);
    expect((await review(id)).current.stepName).toBe('审查人');
  });

  it('tells the step holder the deadline in Beijing time', async () => {
    const id = await draft('期限以北京时间告知');
    const before = Date.now();
    await w.c.czj!.post(`/api/articles/${id}/submit`, {});
    const notes = (await w.c.czj_sc!.get('/api/notifications')).json() as { items: Array<{ body: string }> };
    const body = notes.items.find((n) => n.body.includes('期限以北京时间告知'))?.body ?? '';
    expect(body).not.toContain('UTC');
    const due = /请在 (\d{4}-\d\d-\d\d \d\d:\d\d)（北京时间）前完成/.exec(body)?.[1];
    expect(due, body).toBeDefined();
    // The step's time limit counted from the submission, read as Beijing time (UTC+8).
    const dueMs = Date.parse(`${due!.replace(' ', 'T')}:00+08:00`);
    const hours = (dueMs - before) / 3600_000;
    expect(hours).toBeGreaterThan(0);
    expect(Number.isInteger(Math.round(hours)) && Math.abs(hours - Math.round(hours)) < 0.05).toBe(true);
  });

  it('returns to the drafter with a reason, who fixes and resubmits; returns to an earlier step; rejects', async () => {
    const id = await draft('退回修改');
    await w.c.czj!.post(`/api/articles/${id}/submit`, {});
    const noReason = await w.c.czj_sc!.post(`/api/articles/${id}/return`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    await w.c.czj_sc!.post(`/api/articles/${id}/return`, { reason: '数据口径不一致，请核对' });
    expect(await status(id)).toBe('returned');
    const tasks = (await w.c.czj!.get('/api/tasks')).json() as Array<{ articleId: number; title: string }>;
    expect(tasks.find((x) => x.articleId === id)?.title).toContain('修改后重新送审');
    const notes = (await w.c.czj!.get('/api/notifications')).json();
    expect(notes.items.some((n: { body: string }) => n.body.includes('数据口径不一致'))).toBe(true);
    await w.c.czj!.patch(`/api/articles/${id}`, { bodyHtml: '<p>已核对。</p>' });
    expect((await w.c.czj!.post(`/api/articles/${id}/submit`, {})).statusCode).toBe(200);
    await w.c.czj_sc!.post(`/api/articles/${id}/approve`, { opinion: '同意' });
    await w.c.czj_zy!.post(`/api/articles/${id}/approve`, { opinion: '同意' });
    const back = await w.c.gkk!.post(`/api/articles/${id}/return`, { reason: '请主要领导再看一下', toPosition: 2 });
    expect(back.json().current).toMatchObject({ position: 2, stepName: '单位主要领导' });
    await w.c.czj_zy!.post(`/api/articles/${id}/approve`, { opinion: '已复核' });
    const rej = await w.c.gkk!.post(`/api/articles/${id}/reject`, { reason: '属于内部事务信息，不予公开' });
    expect(rej.statusCode).toBe(200);
    expect(await status(id)).toBe('rejected');
    const ledger = (await w.c.czj!.get('/api/submissions')).json();
    expect(ledger.items.find((x: { articleId: number }) => x.articleId === id)).toMatchObject({
      state: 'not_adopted',
      reason: '属于内部事务信息，不予公开',
    });
  });

  it('lets the drafter recall a submission before a decision', async () => {
    const id = await draft('撤回送审');
    await w.c.czj!.post(`/api/articles/${id}/submit`, {});
    expect((await w.c.czj!.post(`/api/articles/${id}/recall`, { reason: '发现附件不全' })).statusCode).toBe(200);
    expect(await status(id)).toBe('draft');
    expect((await w.c.czj_sc!.get('/api/tasks')).json().map((x: { articleId: number }) => x.articleId)).not.toContain(
      id,
    );
  });
});

describe('the short chain of a unit’s own column', () => {
  it('涟水新闻: drafted by 新闻中心, approved by its leader, published at once', async () => {
    const r = await w.c.xw!.post('/api/articles', {
      columnId: w.columns.lsxw.id,
      title: '我县召开冬季安全生产工作会议',
      bodyHtml: '<p>会议召开。</p>',
    });
    const id = r.json().id as number;
    const sub = (await w.c.xw!.post(`/api/articles/${id}/submit`, {})).json();
    expect(sub.chain.name).toBe('单位自管栏目简易流程');
    await w.c.xw_ld!.post(`/api/articles/${id}/approve`, { opinion: '同意发布' });
    const a = (await w.c.admin!.get(`/api/articles/${id}`)).json();
    expect(a.status).toBe('published');
    expect((await t.server.inject({ url: `/a/${id}.html`, headers: { host: 'www.lianshui.test' } })).statusCode).toBe(
      200,
    );
  });
});

describe('nobody can be asked to do the impossible', () => {
  it('refuses to start a review when a step has nobody who could act', async () => {
    await t.services.database.db.updateTable('accounts').set({ active: 0 }).where('id', '=', w.ids.czj_zy!).execute();
    const id = await draft('无人审核');
    const r = await w.c.czj!.post(`/api/articles/${id}/submit`, {});
    await t.services.database.db.updateTable('accounts').set({ active: 1 }).where('id', '=', w.ids.czj_zy!).execute();
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('单位主要领导');
  });
});

describe('chains as data', () => {
  it('the administrator binds a chain to a column; sub-columns inherit it; channels have their own', async () => {
    const chains = (await w.c.admin!.get('/api/review-chains')).json() as Array<{ id: number; name: string }>;
    const email = chains.find((c) => c.name === '邮箱报送审核流程')!;
    const bind = await w.c.admin!.post('/api/review-bindings', {
      chainId: email.id,
      columnId: w.columns.news.id,
      channel: null,
    });
    expect(bind.statusCode).toBe(200);
    const r = await w.c.czj!.post('/api/articles', {
      columnId: w.columns.notices.id,
      type: 'announcement',
      title: '继承父栏目的流程',
      bodyHtml: '<p>公告。</p>',
    });
    const sub = (await w.c.czj!.post(`/api/articles/${r.json().id}/submit`, {})).json();
    expect(sub.chain.name).toBe('邮箱报送审核流程');
    expect(
      (
        await w.c.czj!.post('/api/review-chains', {
          name: 'x',
          steps: [{ name: 'a', role: 'site_editor', scope: 'county' }],
        })
      ).statusCode,
    ).toBe(403);
  });
});
