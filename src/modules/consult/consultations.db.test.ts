import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { publishForTest } from '../../../test/harness/publish.js';
import { disclosure, reviewCounty } from '../../../test/harness/review.js';
import { systemActor } from '../../platform/auth/actor.js';

// 民意征集 through the admin API: a unit's consultation names its text article, which goes through the
// ordinary review; the state follows the article and the period; comments are pending until the unit
// approves them; the 采纳情况反馈 is another reviewed article; the annual figures count all of it.

let t: TestApp;
let w: Awaited<ReturnType<typeof reviewCounty>>;
let consultationId: number;
let textId: number;
const hour = 3600_000;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();

const article = async (title: string, bodyHtml: string) => {
  const r = await w.c.czj!.post('/api/articles', {
    columnId: w.columns.finance.id,
    type: 'notice',
    title,
    bodyHtml,
    disclosure,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
};

beforeAll(async () => {
  t = await createTestApp();
  w = await reviewCounty(t);
  textId = await article(
    '关于《涟水县城区停车管理办法（征求意见稿）》公开征求意见的公告',
    '<p>第一条 为规范城区停车秩序，制定本办法。</p><p>第二条 本办法适用于县城规划区。</p><p>第三条 收费标准另行公布。</p>',
  );
});
afterAll(() => t?.close());

const get = async (who = 'czj') => (await w.c[who]!.get(`/api/consultations/${consultationId}`)).json();

describe('a consultation', () => {
  it('is created by the unit on its own article and is a draft until the article is reviewed', async () => {
    const r = await w.c.czj!.post('/api/consultations', {
      articleId: textId,
      title: '城区停车管理办法征求意见',
      startsAt: at(-hour),
      endsAt: at(24 * hour),
    });
    expect(r.statusCode, r.body).toBe(201);
    consultationId = r.json().id;
    expect(r.json()).toMatchObject({
      state: 'draft',
      unitName: '涟水县财政局',
      articleStatus: 'draft',
      feedbackArticleId: null,
    });
  });

  it('refuses a period that ends before it starts, an article already used, and another unit’s article', async () => {
    const bad = await w.c.czj!.post('/api/consultations', {
      articleId: textId,
      title: '倒置的期限',
      startsAt: at(hour),
      endsAt: at(-hour),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0]).toMatchObject({ field: 'endsAt', message: '截止时间应晚于开始时间' });
    const used = await w.c.czj!.post('/api/consultations', {
      articleId: textId,
      title: '重复',
      startsAt: at(-hour),
      endsAt: at(hour),
    });
    expect(used.statusCode).toBe(400);
    expect(used.json().message).toBe('该信息已用于其他意见征集');
    const foreign = await w.c.xw!.post('/api/consultations', {
      articleId: textId,
      title: '别的单位',
      startsAt: at(-hour),
      endsAt: at(hour),
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().message).toBe('所选信息不存在或不属于本单位');
  });

  it('is seen by its unit and the county, not by another unit', async () => {
    expect((await w.c.xw!.get('/api/consultations')).json()).toEqual([]);
    expect((await w.c.xw!.get(`/api/consultations/${consultationId}`)).statusCode).toBe(404);
    expect(((await w.c.wz!.get('/api/consultations')).json() as Array<{ id: number }>).map((c) => c.id)).toEqual([
      consultationId,
    ]);
  });

  it('opens when its text is published within the period, and takes comments then only', async () => {
    await expect(
      t.services.consultPublic.submitComment(
        w.site.id,
        consultationId,
        { paragraph: null, body: '早到的意见', author: '' },
        '1.2.3.4',
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await publishForTest(t.services, textId);
    expect((await get()).state).toBe('open');
    await t.services.consultPublic.submitComment(
      w.site.id,
      consultationId,
      { paragraph: 2, body: '建议<script>alert(1)</script>夜间免费 😀 𠀀', author: '张三' },
      '1.2.3.4',
    );
    await t.services.consultPublic.submitComment(
      w.site.id,
      consultationId,
      { paragraph: null, body: '总体赞成', author: '' },
      '1.2.3.5',
    );
    await expect(
      t.services.consultPublic.submitComment(
        w.site.id,
        consultationId,
        { paragraph: 9, body: '第九段', author: '' },
        '1.2.3.6',
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: '所选段落不存在，请重新选择' });
    expect((await get()).comments).toEqual({ pending: 2, approved: 0, rejected: 0 });
    const page = await t.services.consultPublic.consultation(w.site.id, consultationId);
    expect(page?.commentList).toEqual([]);
    expect(page?.paragraphs.map((p) => p.index)).toEqual([1, 2, 3]);
  });

  it('shows a comment publicly once the unit approves it; another unit cannot moderate', async () => {
    const pending = (await w.c.czj!.get('/api/consultation-comments?status=pending')).json() as Array<{
      id: number;
      body: string;
      paragraph: number | null;
    }>;
    expect(pending.map((c) => c.paragraph).sort()).toEqual([2, null].sort());
    const onTwo = pending.find((c) => c.paragraph === 2)!;
    expect(onTwo.body).toBe('建议<script>alert(1)</script>夜间免费 😀 𠀀');
    expect(
      (await w.c.xw!.post(`/api/consultation-comments/${onTwo.id}/moderate`, { status: 'approved' })).statusCode,
    ).toBe(404);
    const ok = await w.c.czj!.post(`/api/consultation-comments/${onTwo.id}/moderate`, { status: 'approved' });
    expect(ok.statusCode, ok.body).toBe(204);
    const other = pending.find((c) => c.paragraph === null)!;
    expect(
      (await w.c.czj!.post(`/api/consultation-comments/${other.id}/moderate`, { status: 'rejected' })).statusCode,
    ).toBe(204);
    const page = await t.services.consultPublic.consultation(w.site.id, consultationId);
    expect(page?.commentList).toMatchObject([{ paragraph: 2, paragraphLabel: '第2段', author: '张三' }]);
    expect((await get()).comments).toEqual({ pending: 0, approved: 1, rejected: 1 });
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'consultation_comment')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(
      [
        'consultation.comment.approved',
        'consultation.comment.received',
        'consultation.comment.received',
        'consultation.comment.rejected',
      ].sort(),
    );
  });

  it('closes at the end of its period', async () => {
    const r = await w.c.czj!.patch(`/api/consultations/${consultationId}`, { endsAt: at(-1000) });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().state).toBe('closed');
    await expect(
      t.services.consultPublic.submitComment(
        w.site.id,
        consultationId,
        { paragraph: null, body: '迟到', author: '' },
        '1.2.3.4',
      ),
    ).rejects.toMatchObject({ code: 'CONSULTATION_NOT_OPEN', message: '该意见征集不在征集期内，不能再提交意见' });
  });

  it('shows its 采纳情况反馈 once that article is published through review', async () => {
    const feedbackId = await article('城区停车管理办法意见采纳情况的反馈', '<p>共收到意见2条，采纳1条。</p>');
    const r = await w.c.czj!.patch(`/api/consultations/${consultationId}`, { feedbackArticleId: feedbackId });
    expect(r.json()).toMatchObject({ state: 'closed', feedbackArticleId: feedbackId, feedbackStatus: 'draft' });
    expect((await t.services.consultPublic.consultation(w.site.id, consultationId))?.feedbackUrl).toBeNull();
    await publishForTest(t.services, feedbackId);
    expect((await get()).state).toBe('feedback');
    const list = await t.services.consultPublic.consultationList(w.site.id);
    expect(list).toMatchObject([{ id: consultationId, stateLabel: '已反馈', feedbackUrl: `/a/${feedbackId}.html` }]);
  });

  it('counts into the annual figures of its year, and none into the year before', async () => {
    const year = Number(new Date(Date.now() + 8 * hour).toISOString().slice(0, 4));
    const f = await t.services.consultFigures.figures(year);
    expect(f.consultations).toEqual({ issues: 1, comments: 2, resultsPublished: 1 });
    expect((await t.services.consultFigures.figures(year - 1)).consultations).toEqual({
      issues: 0,
      comments: 0,
      resultsPublished: 0,
    });
    const api = await w.c.wz!.get(`/api/consult/figures?year=${year}`);
    expect(api.json()).toMatchObject({ year, consultations: { issues: 1, comments: 2, resultsPublished: 1 } });
    // The annual report (guarantee's 年度报表) carries the same rows for the site.
    const annual = await w.c.wz!.get(`/api/guarantee/annual?year=${year}&siteId=${w.site.id}`);
    expect(annual.json().consult.consultations).toEqual({ issues: 1, comments: 2, resultsPublished: 1 });
    expect((await t.services.consultFigures.figures(year, w.site.id + 1)).consultations.issues).toBe(0);
  });

  it('is refused to a reviewer role that may not write consultations', async () => {
    const r = await w.c.gkk!.post('/api/consultations', {
      articleId: textId,
      title: 'x',
      startsAt: at(0),
      endsAt: at(hour),
    });
    expect(r.statusCode).toBe(403);
    await expect(t.services.consultations.list(systemActor())).resolves.toHaveLength(1);
  });
});
