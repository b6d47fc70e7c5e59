import type { Actor } from '../../src/platform/auth/actor.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import type { Services } from '../../src/services.js';
import { makeAccount } from './factories.js';

// Tests of other modules need published content. They get it the only way the system allows:
// through a review. Here that is a one-step chain — the website centre approves and it goes online —
// bound to the item's column, with a reviewer account made for the purpose. Warnings of the
// pre-publish checks are passed with a recorded reason; a blocking problem fails the test.

const CHAIN = '测试：网站中心一步审核';

async function reviewer(s: Services): Promise<Actor> {
  const row = await s.database.db
    .selectFrom('accounts')
    .select(['id', 'unit_id'])
    .where('username', '=', 'test-reviewer')
    .executeTakeFirst();
  const unitId =
    row?.unit_id ?? (await s.database.db.selectFrom('units').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  const id = row?.id ?? (await makeAccount(s, 'test-reviewer', unitId, ['site_editor']));
  return {
    kind: 'account',
    accountId: id,
    username: 'test-reviewer',
    displayName: '测试审核员',
    unitId,
    roles: ['site_editor'],
    ip: '127.0.0.1',
  };
}

async function ensureChain(s: Services, columnId: number): Promise<void> {
  const system = systemActor('test');
  let chain = (await s.chains.list(system)).find((c) => c.name === CHAIN);
  if (!chain) {
    chain = await s.chains.create(system, {
      name: CHAIN,
      description: null,
      restartPosition: 1,
      autoPublish: true,
      steps: [{ name: '网站中心审核', role: 'site_editor', scope: 'county', formField: 'proofreader', dueHours: 24 }],
    });
  }
  if (!chain.bindings.some((b) => b.columnId === columnId && b.channel === null)) {
    await s.chains.bind(system, { chainId: chain.id, columnId, channel: null });
  }
}

/** Submit and approve an article so that it is published; returns the published view. */
export async function publishForTest(s: Services, articleId: number) {
  const system = systemActor('test');
  const article = await s.articles.get(system, articleId);
  await ensureChain(s, article.columnId);
  const approver = await reviewer(s);
  const overrides = async () => {
    const { findings } = await s.checks.list(system, articleId);
    const blocking = findings.filter((f) => f.severity === 'block');
    if (blocking.length)
      throw new Error(`测试内容触发了阻止级检查：${blocking.map((f) => `${f.checkLabel} ${f.excerpt}`).join('；')}`);
    return findings
      .filter((f) => f.severity === 'warn' && !f.overrideReason)
      .map((f) => ({ checkId: f.id, reason: '测试数据' }));
  };
  await s.workflow.submit(system, articleId, await overrides());
  await s.workflow.approve(approver, articleId, { opinion: '同意发布', overrides: [], publishNow: false });
  return s.articles.get(system, articleId);
}
