import type { Actor } from '../../platform/auth/actor.js';
import { can, type Scope } from '../../platform/auth/policy.js';
import type { Executor } from '../../platform/db/helpers.js';
import { AppError, invalid } from '../../platform/errors.js';
import type { ColumnsService } from '../sites/columns.service.js';
import type { ArticlesRepository } from './articles.repository.js';
import type { ArticleInput } from './content.schemas.js';

/**
 * What an item's input may name, judged inside the actor's scope: its columns, its unit, its channel
 * and the policies it interprets (ArticlesService asks before it writes).
 */
export class ArticleInputRules {
  constructor(
    private readonly repo: ArticlesRepository,
    private readonly columns: ColumnsService,
  ) {}

  /**
   * Only the website centre enters items that arrived by e-mail or on paper (on the unit's behalf);
   * crawled items are made by the crawler alone (the system), never typed in as such.
   */
  async channelFor(actor: Actor, channel: ArticleInput['channel']): Promise<string> {
    if (channel === 'crawl' && actor.kind !== 'system') throw invalid('channel', '“网站抓取”的信息只能由抓取任务生成');
    if (channel !== 'backoffice' && !can(actor, 'submission.write'))
      throw invalid('channel', '只有网站中心可以代录邮箱或纸质报送的信息');
    return channel;
  }

  async unitFor(trx: Executor, actor: Actor, scope: Scope, requested: number | undefined): Promise<number> {
    if (scope.kind === 'unit') {
      if (requested !== undefined && requested !== scope.unitId) throw invalid('unitId', '只能以本单位名义发布信息');
      return scope.unitId;
    }
    if (requested !== undefined) {
      if ((await this.repo.unitShortName(requested, trx)) === undefined) throw invalid('unitId', '单位不存在');
      return requested;
    }
    if (actor.kind === 'account') return actor.unitId;
    throw invalid('unitId', '请指定发布单位');
  }

  async assertColumn(trx: Executor, scope: Scope, columnId: number, field: string) {
    const column = await this.columns.findById(columnId, trx);
    if (!column) throw invalid(field, '栏目不存在');
    if (column.kind === 'link') throw invalid(field, `“${column.name}”是外链栏目，不能在其中发布信息`);
    if (column.kind === 'page') throw invalid(field, `“${column.name}”是单页栏目，请直接编辑栏目内容`);
    if (column.source_column_id !== null)
      throw invalid(field, `“${column.name}”显示的是其他栏目的信息，请发布到原栏目`);
    if (!(await this.repo.columnAllowed(scope, columnId, trx))) {
      throw new AppError('COLUMN_NOT_ALLOWED', `本单位不负责栏目“${column.name}”，不能在此栏目发布信息`, {
        issues: [{ field, message: '无权在此栏目发布' }],
      });
    }
    return column;
  }

  async assertExtraColumns(trx: Executor, scope: Scope, siteId: number, homeId: number, ids: readonly number[]) {
    for (const cid of ids) {
      if (cid === homeId) continue;
      const col = await this.assertColumn(trx, scope, cid, 'extraColumnIds');
      if (col.site_id !== siteId) throw invalid('extraColumnIds', `栏目“${col.name}”不属于同一站点`);
    }
  }

  /**
   * The policies an item may name as interpreted: those the actor may read (its scope, or published).
   * Another unit's draft is "not found", exactly as reading it would be. Links the actor cannot see
   * (made by the website centre) are neither revealed nor dropped: they are kept as they are.
   */
  async assertPolicies(trx: Executor, scope: Scope, ids: readonly number[], selfId: number | null): Promise<number[]> {
    if (selfId !== null && ids.includes(selfId)) throw invalid('interpretsPolicyIds', '信息不能解读它自己');
    const existing = selfId === null ? [] : (await this.repo.relations(selfId, trx)).policies;
    const visible = new Set((await this.repo.titles([...new Set([...ids, ...existing])], trx, scope)).map((t) => t.id));
    const unseen = existing.filter((p) => !visible.has(p));
    if (ids.some((p) => !visible.has(p) && !existing.includes(p)))
      throw invalid('interpretsPolicyIds', '所解读的政策文件不存在');
    return [...new Set([...ids, ...unseen])];
  }
}
