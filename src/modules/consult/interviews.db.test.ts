import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { multipartFile } from '../../../test/harness/factories.js';
import { reviewCounty } from '../../../test/harness/review.js';
import type { LiveMessage } from './interview-live.js';

// 在线访谈 through the admin API: the office schedules it, the public's questions wait for moderation,
// the host goes live, writes the 文字直播, approves and answers questions (each a line of the record,
// heard at once by the live channel), posts photos, and archives it; the annual figures count it.

let t: TestApp;
let w: Awaited<ReturnType<typeof reviewCounty>>;
let id: number;
const heard: LiveMessage[] = [];
const png = fs.readFileSync(path.join(import.meta.dirname, '../../../test/fixtures/red.png'));
const ask = (body: string, ip = '10.0.0.1') =>
  t.services.consultPublic.submitQuestion(w.site.id, id, { body, author: '李四' }, ip);
const questions = async () =>
  (await w.c.wz!.get(`/api/interviews/${id}/questions`)).json() as Array<{
    id: number;
    body: string;
    phase: string;
    status: string;
    answer: string | null;
  }>;

beforeAll(async () => {
  t = await createTestApp();
  w = await reviewCounty(t);
});
afterAll(() => t?.close());

describe('an interview', () => {
  it('is scheduled by the government office; a unit’s officer has no access', async () => {
    const r = await w.c.wz!.post('/api/interviews', {
      siteId: w.site.id,
      title: '县长谈优化营商环境',
      guests: '县长 王某某；县发改委主任 赵某某',
      intro: '<b>欢迎</b>网友提问',
      startsAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect(r.statusCode, r.body).toBe(201);
    id = r.json().id;
    expect(r.json()).toMatchObject({ status: 'scheduled', questions: { pending: 0, approved: 0, answered: 0 } });
    expect((await w.c.czj!.get('/api/interviews')).statusCode).toBe(403);
    t.services.interviewLive.subscribe(id, (m) => heard.push(m));
  });

  it('collects questions beforehand, pending until approved, and approving them adds nothing to the record yet', async () => {
    await ask('开办企业需要几天？<img src=x onerror=alert(1)>');
    const [q] = await questions();
    expect(q).toMatchObject({
      phase: 'before',
      status: 'pending',
      body: '开办企业需要几天？<img src=x onerror=alert(1)>',
    });
    expect((await t.services.consultPublic.interview(w.site.id, id))?.questions).toEqual([]);
    expect((await w.c.wz!.post(`/api/interview-questions/${q!.id}/moderate`, { status: 'approved' })).statusCode).toBe(
      204,
    );
    expect((await t.services.consultPublic.interview(w.site.id, id))?.questions).toMatchObject([{ author: '李四' }]);
    expect((await w.c.wz!.get(`/api/interviews/${id}/entries`)).json()).toEqual([]);
    expect(heard).toEqual([]);
  });

  it('takes no 文字直播 and no answer before it is live', async () => {
    const r = await w.c.wz!.post(`/api/interviews/${id}/entries`, { speaker: '主持人', body: '早了' });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'INTERVIEW_NOT_OPEN', message: '访谈直播中才能发布文字直播' });
  });

  it('goes live; the host’s lines, approved questions and answers are the record, heard at once', async () => {
    const live = await w.c.ld!.patch(`/api/interviews/${id}`, { status: 'live' });
    expect(live.json().status).toBe('live');
    const e1 = await w.c.wz!.post(`/api/interviews/${id}/entries`, { speaker: '主持人', body: '各位网友，访谈开始。' });
    expect(e1.statusCode, e1.body).toBe(200);
    await ask('直播中的提问：审批还能再快吗？', '10.0.0.2');
    const liveQ = (await questions()).find((q) => q.status === 'pending')!;
    expect(liveQ.phase).toBe('live');
    await w.c.wz!.post(`/api/interview-questions/${liveQ.id}/moderate`, { status: 'approved' });
    const ans = await w.c.wz!.post(`/api/interview-questions/${liveQ.id}/answer`, {
      answer: '能，承诺三个工作日办结。',
    });
    expect(ans.statusCode, ans.body).toBe(204);
    const record = (await w.c.wz!.get(`/api/interviews/${id}/entries`)).json() as Array<{
      id: number;
      kind: string;
      body: string;
      quote: string | null;
    }>;
    expect(record.map((e) => [e.kind, e.body])).toEqual([
      ['text', '各位网友，访谈开始。'],
      ['question', '直播中的提问：审批还能再快吗？'],
      ['answer', '能，承诺三个工作日办结。'],
    ]);
    expect(record[2]!.quote).toBe('直播中的提问：审批还能再快吗？');
    expect(heard.map((m) => (m.type === 'entry' ? m.entry.id : m.status))).toEqual([
      'live',
      ...record.map((e) => e.id),
    ]);
    const replay = await t.services.consultPublic.entriesAfter(w.site.id, id, record[0]!.id);
    expect(replay?.entries.map((e) => e.id)).toEqual([record[1]!.id, record[2]!.id]);
  });

  it('refuses to answer a question nobody approved, and to re-moderate an answered one', async () => {
    await ask('未审核的提问');
    const pending = (await questions()).find((q) => q.status === 'pending')!;
    const r = await w.c.wz!.post(`/api/interview-questions/${pending.id}/answer`, { answer: '答' });
    expect(r.json()).toMatchObject({ code: 'CONFLICT', message: '请先审核公开该提问，再答复' });
    const answered = (await questions()).find((q) => q.answer)!;
    const again = await w.c.wz!.post(`/api/interview-questions/${answered.id}/moderate`, { status: 'rejected' });
    expect(again.json().message).toBe('已答复的提问不能再改变审核结果');
    expect(
      (await w.c.wz!.post(`/api/interview-questions/${pending.id}/moderate`, { status: 'rejected' })).statusCode,
    ).toBe(204);
  });

  it('posts photos (decided by their bytes) into the record', async () => {
    const up = multipartFile('现场.png', png);
    const r = await t.server.inject({
      method: 'POST',
      url: `/api/interviews/${id}/photos?caption=${encodeURIComponent('访谈现场')}`,
      payload: up.payload,
      headers: { ...up.headers, cookie: w.c.wz!.cookie, 'x-csrf-token': w.c.wz!.csrf },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      kind: 'photo',
      body: '访谈现场',
      photoUrl: `/interviews/${id}/photos/${r.json().id}`,
    });
    const photo = await t.services.consultPublic.photo(w.site.id, id, r.json().id);
    expect(photo?.mime).toBe('image/png');
    expect(photo?.bytes.equals(png)).toBe(true);
    const fake = multipartFile('fake.png', Buffer.from('<svg onload=alert(1)>'));
    const bad = await t.server.inject({
      method: 'POST',
      url: `/api/interviews/${id}/photos`,
      payload: fake.payload,
      headers: { ...fake.headers, cookie: w.c.wz!.cookie, 'x-csrf-token': w.c.wz!.csrf },
    });
    expect(bad.statusCode).toBe(415);
    expect(bad.json().message).toBe('图片仅支持 PNG、JPEG、GIF、WebP');
  });

  it('is archived as 往期访谈 with its full record, takes no more questions and cannot go back', async () => {
    expect((await w.c.wz!.patch(`/api/interviews/${id}`, { status: 'archived' })).json().status).toBe('archived');
    const back = await w.c.wz!.patch(`/api/interviews/${id}`, { status: 'live' });
    expect(back.json()).toMatchObject({ code: 'CONFLICT', message: '访谈已归档，不能再改变状态' });
    await expect(ask('归档后')).rejects.toMatchObject({
      code: 'INTERVIEW_NOT_OPEN',
      message: '该访谈已结束，不再接受提问',
    });
    const list = await t.services.consultPublic.interviewList(w.site.id);
    expect(list.current).toEqual([]);
    expect(list.archive.map((i) => i.id)).toEqual([id]);
    const page = await t.services.consultPublic.interview(w.site.id, id);
    expect(page?.entries.map((e) => e.kind)).toEqual(['text', 'question', 'answer', 'photo']);
    expect(heard.at(-1)).toEqual({ type: 'status', status: 'archived' });
  });

  it('counts into the annual figures: one interview, every question received, the answered ones', async () => {
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    const f = await t.services.consultFigures.figures(year);
    expect(f.interviews).toEqual({ issues: 1, messages: 3, answered: 1 });
  });
});
