import type { Abbreviation, AbbreviationsReply } from '../../contract/search.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { ProgressFn } from '../../platform/jobs/progress.js';
import { DEFAULT_ABBREVIATIONS } from '../../platform/search/abbreviations.js';
import { ABBREVIATIONS_KEY, type SearchService } from '../../platform/search/search.js';

// The office's part of the site search: the abbreviation list (环评 → 环境影响评价) and the index
// rebuild. Both are site settings: read with site.read, changed with site.write, and audited.

export class SearchAdminService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly search: SearchService,
  ) {}

  async abbreviations(actor: Actor): Promise<AbbreviationsReply> {
    authorize(actor, 'site.read');
    return { items: await this.search.abbreviationList(), defaults: DEFAULT_ABBREVIATIONS };
  }

  async saveAbbreviations(actor: Actor, items: Abbreviation[]): Promise<AbbreviationsReply> {
    authorize(actor, 'site.write');
    // One entry per term: a later entry for the same term adds its full forms to the first.
    const byTerm = new Map<string, Set<string>>();
    for (const a of items) {
      const set = byTerm.get(a.term) ?? new Set<string>();
      for (const e of a.expansions) if (e !== a.term) set.add(e);
      byTerm.set(a.term, set);
    }
    const list = [...byTerm].filter(([, e]) => e.size > 0).map(([term, e]) => ({ term, expansions: [...e] }));
    // Read before the transaction: the list comes from the settings table through the search
    // service's own connection, which a transaction in progress may not take (a cold cache did).
    const before = await this.search.abbreviationList();
    await this.uow.run(async (trx, emit) => {
      await this.search.saveAbbreviations(trx, list);
      await emit({
        type: 'search.abbreviations_updated',
        actor,
        entityType: 'settings',
        entityId: ABBREVIATIONS_KEY,
        summary: `修改站内搜索缩略语（${list.length} 条）`,
        details: { before, after: list },
      });
    });
    return { items: list, defaults: DEFAULT_ABBREVIATIONS };
  }

  /** Rebuild the index from the published articles; the rebuild is recorded when it is done. */
  async reindex(actor: Actor, progress?: ProgressFn): Promise<{ indexed: number }> {
    authorize(actor, 'site.write');
    const indexed = await this.search.reindex(progress);
    await this.uow.run(async (_trx, emit) =>
      emit({
        type: 'search.reindexed',
        actor,
        entityType: 'settings',
        entityId: 'search.index',
        summary: `重建站内搜索索引（${this.search.engine.name}，${indexed} 条已发布信息）`,
        details: { indexed, engine: this.search.engine.name },
      }),
    );
    return { indexed };
  }
}
