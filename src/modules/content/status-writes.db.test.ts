import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { makeColumn, makeDuty, makeSite, makeUnit } from '../../../test/harness/factories.js';
import { systemActor } from '../../platform/auth/actor.js';
import type { NewArticle } from '../../platform/db/tables.js';
import { transition, type StatusChange, type StatusEntry } from './article-status.js';
import { ArticlesRepository, type ArticleFields } from './articles.repository.js';

// A status is written only from what the life-cycle table handed out. Code that goes around it — an
// ordinary update carrying a status, a change made up by hand or used twice, a new row without its
// entry — fails, and the row keeps its state.

let t: TestApp;
let repo: ArticlesRepository;
let id: number;
const system = systemActor('test');

beforeAll(async () => {
  t = await createTestApp();
  const s = t.services;
  const site = await makeSite(s);
  const unit = await makeUnit(s, '财政局');
  const column = await makeColumn(s, site.id, '财政信息');
  await makeDuty(s, column.id, { unitId: unit.id });
  repo = new ArticlesRepository(s.database.db);
  id = (await s.articles.create(system, { ...base(column.id), unitId: unit.id })).id;
});
afterAll(() => t?.close());

const base = (columnId: number) => ({
  columnId,
  extraColumnIds: [],
  type: 'news' as const,
  title: '状态只经生命周期表改变',
  bodyHtml: '<p>正文。</p>',
  isTop: false,
  disclosure: {},
  attachmentIds: [],
  interpretsPolicyIds: [],
  channel: 'backoffice' as const,
});

const statusOf = async () =>
  (await t.services.database.db.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow())
    .status;

describe('writing a status around the life-cycle table fails', () => {
  it('an ordinary update cannot carry a status', async () => {
    const sneaky = { status: 'published', title: '改标题' } as unknown as ArticleFields;
    await expect(repo.update(t.services.database.db, id, sneaky)).rejects.toThrow(/transition\(\)/);
    expect(await statusOf()).toBe('draft');
  });

  it('a change made up by hand is refused', async () => {
    const forged: StatusChange = {
      articleId: id,
      action: 'publish',
      from: 'draft',
      to: 'published',
      event: 'article.published',
    };
    await expect(repo.setStatus(t.services.database.db, forged, { updated_at: 'now' })).rejects.toThrow(
      /made elsewhere/,
    );
    expect(await statusOf()).toBe('draft');
  });

  it('a change the table made is written once; the row must still be where it started', async () => {
    const db = t.services.database.db;
    const row = (await t.services.articles.rowById(id))!;
    const submit = transition(row, 'submit', system, { checksPassed: true, chainStaffed: true });
    await repo.setStatus(db, submit, { updated_at: new Date().toISOString() });
    expect(await statusOf()).toBe('in_review');
    await expect(repo.setStatus(db, submit, { updated_at: 'again' })).rejects.toThrow(/only once/);
    // Decided on the draft, applied after someone else moved it on: 409, not a second write.
    const late = transition(row, 'submit', system, { checksPassed: true, chainStaffed: true });
    await expect(repo.setStatus(db, late, { updated_at: 'late' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '信息状态已被他人改变，请刷新后重试',
    });
    expect(await statusOf()).toBe('in_review');
  });

  it('a new row takes its state from its entry in the table', async () => {
    const row = (await t.services.articles.rowById(id))!;
    const { id: _id, status: _status, ...copy } = row;
    const forged = { entry: 'import', to: 'published' } as StatusEntry;
    await expect(
      repo.insert(t.services.database.db, { ...copy, title: '伪造' } as Omit<NewArticle, 'status'>, forged),
    ).rejects.toThrow(/made elsewhere/);
    const n = await t.services.database.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });
});
