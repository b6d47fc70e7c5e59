import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import type { Executor } from '../../platform/db/helpers.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { invalid } from '../../platform/errors.js';
import type { Settings } from '../../platform/settings.js';
import type { ArticlesRepository } from './articles.repository.js';
import {
  DEFAULT_INDEX_PATTERN,
  formatIndexNumber,
  sequenceKey,
  shanghaiYearMonth,
  validatePattern,
} from './index-number.js';

export const INDEX_PATTERN_SETTING = 'content.indexPattern';

/** The 索引号 of disclosure items: the site's pattern, and numbers given out once and never again. */
export class IndexNumbersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: ArticlesRepository,
    private readonly settings: Settings,
  ) {}

  async pattern(actor: Actor): Promise<{ pattern: string; example: string }> {
    authorize(actor, 'article.read');
    const pattern = await this.settings.get(INDEX_PATTERN_SETTING, DEFAULT_INDEX_PATTERN);
    return {
      pattern,
      example: formatIndexNumber(pattern, { unitCode: '11320826MB1234567X', year: 2026, month: 11 }, 1),
    };
  }

  /** Change the pattern; numbers already given keep their form (they are permanent). */
  async setPattern(actor: Actor, pattern: string): Promise<{ pattern: string; example: string }> {
    authorize(actor, 'site.write');
    const problem = validatePattern(pattern);
    if (problem) throw invalid('pattern', problem);
    await this.uow.run(async (trx, emit) => {
      const before = await this.settings.get(INDEX_PATTERN_SETTING, DEFAULT_INDEX_PATTERN, trx);
      await this.settings.set(trx, INDEX_PATTERN_SETTING, pattern);
      await emit({
        type: 'settings.index_pattern',
        actor,
        entityType: 'settings',
        entityId: INDEX_PATTERN_SETTING,
        summary: `索引号规则由 ${before} 改为 ${pattern}`,
        details: { before, pattern },
      });
    });
    return this.pattern(actor);
  }

  /** Take the next free 索引号 for a unit in the year of `at` (Asia/Shanghai). */
  async assign(trx: Executor, unitId: number, at: string): Promise<string> {
    const pattern = await this.settings.get(INDEX_PATTERN_SETTING, DEFAULT_INDEX_PATTERN, trx);
    const unitCode = await this.repo.unitCode(unitId, trx);
    const { year, month } = shanghaiYearMonth(at);
    const parts = { unitCode, year, month };
    const key = sequenceKey(pattern, parts);
    // A number taken by an imported item is skipped, not duplicated.
    for (;;) {
      const candidate = formatIndexNumber(pattern, parts, await this.repo.nextSequence(trx, key, year));
      if (!(await this.repo.indexNoTaken(trx, candidate))) return candidate;
    }
  }
}
