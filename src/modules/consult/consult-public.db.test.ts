import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { addToBlacklist } from '../../platform/public-forms/index.js';
import { publishForTest } from '../../../test/harness/publish.js';
import { submitPublicForm } from '../../../test/harness/public-form.js';
import { disclosure, reviewCounty } from '../../../test/harness/review.js';

// The public pages of 民意征集 and 在线访谈 as a visitor without JavaScript uses them: forms with the
// challenge, every visitor text shown as text, floods refused in words; and the live stream of an
// interview with its replay from Last-Event-ID.

let t: TestApp;
let w: Awaited<ReturnType<typeof reviewCounty>>;
let cid: number;
let iid: number;
const XSS = '<script>alert("x")</script><img src=x onerror=alert(2)>';

beforeAll(async () => {
  t = await createTestApp();
  w = await reviewCounty(t);
  const a = await w.c.czj!.post('/api/articles', {
    columnId: w.columns.finance.id,
    type: 'notice',
    title: '预算公开办法征求意见稿',
    bodyHtml: '<p>第一条 总则。</p><p>第二条 细则。</p>',
    disclosure,
  });
  await publishForTest(t.services, a.json().id);
  const c = await w.c.czj!.post('/api/consultations', {
    articleId: a.json().id,
    title: `预算公开办法${XSS}`,
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  cid = c.json().id;
  const i = await w.c.wz!.post('/api/interviews', {
    siteId: w.site.id,
    title: `访谈${XSS}`,
    guests: '嘉宾甲',
    intro: null,
    startsAt: new Date().toISOString(),
  });
  iid = i.json().id;
});
afterAll(() => t?.close());

const page = (url: string) => t.server.inject({ method: 'GET', url, headers: { host: 'www.lianshui.test' } });
const comment = (fields: Record<string, string>, ip?: string, answer?: string) =>
  submitPublicForm(t.server, `/consult/${cid}.html`, `/consult/${cid}/comments`, fields, ip, answer);

describe('the consultation pages', () => {
  it('list the consultation with its period and state; its page shows the text and the form', async () => {
    const list = await page('/consult/');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('征集中');
    expect(list.body).toContain('预算公开办法&lt;script&gt;');
    expect(list.body).not.toContain(XSS);
    const p = await page(`/consult/${cid}.html`);
    expect(p.body).toContain('第二条 细则。');
    expect(p.body).toContain('第2段：第二条 细则。');
    expect(p.body).toContain('验证问题：');
    expect(p.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('takes a comment with HTML, emoji and characters beyond the BMP, pending until approved, then shown as text', async () => {
    const body = `好建议 😀 𠀀𪚥 ${XSS}`;
    const r = await comment({ paragraph: '2', body, author: '王<b>五</b>' });
    expect(r.statusCode, r.body).toBe(303);
    expect(r.headers.location).toBe(`/consult/${cid}.html?sent=1#comment-form`);
    expect((await page(`/consult/${cid}.html?sent=1`)).body).toContain('提交成功。您的内容将在审核后公开');
    const [pending] = (await w.c.czj!.get('/api/consultation-comments?status=pending')).json();
    expect(pending).toMatchObject({ body, paragraph: 2, author: '王<b>五</b>' });
    await w.c.czj!.post(`/api/consultation-comments/${pending.id}/moderate`, { status: 'approved' });
    const shown = (await page(`/consult/${cid}.html`)).body;
    expect(shown).toContain('好建议 😀 𠀀𪚥 &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;');
    expect(shown).toContain('王&lt;b&gt;五&lt;/b&gt;');
    expect(shown).not.toContain('<script>alert');
  });

  it('refuses an empty comment, a 100 KB one and a wrong answer on the form, keeping what was written', async () => {
    const empty = await comment({ body: '   ' }, '203.0.113.20');
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('请填写意见内容');
    const huge = await comment({ body: '长'.repeat(100 * 1024) }, '203.0.113.20');
    expect(huge.statusCode).toBe(400);
    expect(huge.body).toContain('意见内容不能超过 2000 个字');
    const wrong = await comment({ body: '答错了验证问题' }, '203.0.113.20', '99');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('验证问题回答错误');
    expect(wrong.body).toContain('答错了验证问题</textarea>');
    const kept = await comment({ paragraph: '2', body: '' }, '203.0.113.20');
    expect(kept.body).toContain('<option value="2" selected>');
  });

  it('stops a flood from one address with a clear Chinese message', async () => {
    const ip = '198.51.100.9';
    for (let n = 1; n <= 5; n++) expect((await comment({ body: `第${n}条` }, ip)).statusCode).toBe(303);
    const sixth = await comment({ body: '第6条' }, ip);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.body).toContain('提交过于频繁：同一网络地址每 10 分钟最多提交 5 次');
    expect((await comment({ body: '另一个地址' }, '198.51.100.10')).statusCode).toBe(303);
  });
});

/** Reads server-sent events from a real connection until `until` says it has enough. */
function readEvents(port: number, path: string, headers: Record<string, string>, until: (text: string) => boolean) {
  return new Promise<string>((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path, headers: { host: 'www.lianshui.test', ...headers } },
      (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (until(text)) {
            req.destroy();
            resolve(text);
          }
        });
      },
    );
    req.on('error', (e) => (e.message === 'socket hang up' ? undefined : reject(e)));
  });
}

describe('a blocked address', () => {
  it('is told plainly that the form will not take its comment', async () => {
    await addToBlacklist(t.services.database.db, { kind: 'address', value: '192.0.2.66', reason: '测试：刷屏' });
    const r = await comment({ body: '被拉黑的地址' }, '192.0.2.66');
    expect(r.statusCode).toBe(403);
    expect(r.body).toContain('您所在的网络地址已被暂停在线提交');
    expect(r.body).toContain('被拉黑的地址</textarea>');
  });
});

describe('the interview pages and the live stream', () => {
  let port: number;
  beforeAll(async () => {
    await t.server.listen({ host: '127.0.0.1', port: 0 });
    port = (t.server.server.address() as AddressInfo).port;
  });

  it('takes questions before the interview and lists it as a preview', async () => {
    const r = await submitPublicForm(t.server, `/interviews/${iid}.html`, `/interviews/${iid}/questions`, {
      body: XSS,
    });
    expect(r.statusCode, r.body).toBe(303);
    const list = await page('/interviews/');
    expect(list.body).toContain('正在直播与访谈预告');
    expect(list.body).toContain('访谈&lt;script&gt;');
  });

  it('streams new lines as they are posted and replays what a reconnecting browser missed', async () => {
    await w.c.wz!.patch(`/api/interviews/${iid}`, { status: 'live' });
    const first = (await w.c.wz!.post(`/api/interviews/${iid}/entries`, { speaker: '主持人', body: '开始' })).json();
    const listening = readEvents(port, `/interviews/${iid}/live?after=${first.id}`, {}, (s) => s.includes('新的一行'));
    // The stream is open once the channel has a listener: only then is the next line posted.
    await expect.poll(() => t.services.interviewLive.listeners(iid)).toBe(1);
    const second = (
      await w.c.wz!.post(`/api/interviews/${iid}/entries`, { speaker: null, body: `新的一行${XSS}` })
    ).json();
    const text = await listening;
    expect(text).not.toContain('开始');
    expect(text).toContain(`id: ${second.id}\nevent: entry\n`);
    expect(JSON.parse(/data: (.*)\n/.exec(text.slice(text.indexOf('event: entry')))![1]!).body).toBe(`新的一行${XSS}`);
    const replay = await readEvents(port, `/interviews/${iid}/live`, { 'last-event-id': '0' }, (s) =>
      s.includes(`id: ${second.id}\n`),
    );
    expect(replay.indexOf(`id: ${first.id}\n`)).toBeLessThan(replay.indexOf(`id: ${second.id}\n`));
    await expect.poll(() => t.services.interviewLive.listeners(iid)).toBe(0);
  });

  it('renders the record as text on the page, with a no-JS note while live', async () => {
    const p = await page(`/interviews/${iid}.html`);
    expect(p.body).toContain('新的一行&lt;script&gt;');
    expect(p.body).not.toContain('新的一行<script>');
    expect(p.body).toContain('请<a href=');
    expect(p.body).toContain('interview-live.js');
  });

  it('archives into 往期访谈 with the full record and no form', async () => {
    await w.c.wz!.patch(`/api/interviews/${iid}`, { status: 'archived' });
    const list = await page('/interviews/');
    expect(list.body.slice(list.body.indexOf('往期访谈'))).toContain(`/interviews/${iid}.html`);
    const p = await page(`/interviews/${iid}.html`);
    expect(p.body).toContain('文字实录');
    expect(p.body).toContain('访谈已结束，不再接受提问。');
    expect(p.body).not.toContain('interview-live.js');
    const closed = await readEvents(port, `/interviews/${iid}/live`, {}, (s) => s.includes('event: status'));
    expect(closed).toContain('data: {"status":"archived"}');
  });

  it('answers unknown addresses with the site’s 404 page', async () => {
    for (const url of [
      '/consult/0.html',
      '/consult/abc',
      `/interviews/${iid + 99}.html`,
      `/interviews/${iid}/photos/999`,
    ])
      expect((await page(url)).statusCode, url).toBe(404);
  });
});
