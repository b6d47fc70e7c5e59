import type { Executor } from '../../platform/db/helpers.js';
import type { Article } from '../../platform/db/tables.js';
import { AppError } from '../../platform/errors.js';
import { mayPublish, type GatePath, type OnlineClearance } from '../content/article-status.js';
import type { ArticlesService } from '../content/articles.service.js';
import type { FlowsRepository } from './flows.repository.js';

/** What the gate needs of the pre-publish checks (checks.service.ts). */
export interface BlockingChecks {
  /** Throw CHECKS_BLOCKED when the item as it is now, under today's settings, has a blocking problem. */
  assertNoBlocking(trx: Executor, article: Article): Promise<void>;
}

export type { GatePath } from '../content/article-status.js';

/**
 * THE gate between an item and the public site (issue 8 items 1 and 2). Every path that puts an item
 * online — publish after review (by a publisher or by the last approval), the worker's scheduled
 * publish, the office leader's emergency publication, publishing again after an edit — is a transition
 * of the life-cycle table into 'published', which the table gives only with this gate's clearance for
 * the item's current revision on that path (PublishingService asks here, then transitions); setting a
 * publish time asks it too, so a schedule that could never run is refused at once. The rules, in order:
 *
 * 1. reviewed: the item is approved and the approved revision is the current one — except for an
 *    emergency publication, which skips the people (the item is flagged 未经审核 and reviewed after),
 *    and a 勘误 of a published item (small, allowed by the office, recorded with the size of the change);
 * 2. a paper submission (介质报送) carries its scanned, signed and stamped 审核表;
 * 3. no blocking check on the content as it is now under the settings of the moment (classification
 *    marks, ID and bank numbers always; whatever else the office set to 阻止) — on every path, the
 *    emergency one included, because content or settings may have changed since the review.
 */
export class PublishGate {
  constructor(
    private readonly flows: FlowsRepository,
    private readonly checks: BlockingChecks,
    private readonly articles: ArticlesService,
  ) {}

  /** Refuses (throws) or clears the item, as it is in this revision, to go online on this path. */
  async assertMayGoOnline(trx: Executor, article: Article, path: GatePath): Promise<OnlineClearance> {
    // An emergency publication is reviewed afterwards; a 勘误 corrects what was reviewed and published.
    if (path === 'revision') await this.assertCorrectionReviewed(trx, article);
    else if (path !== 'emergency' && path !== 'correction') await this.assertReviewed(trx, article);
    if (article.channel === 'paper' && !(await this.articles.hasReviewFormScan(trx, article))) {
      throw new AppError('CONFLICT', '纸质报送的信息须先上传签字盖章的《信息发布审核表》扫描件，才能发布');
    }
    await this.checks.assertNoBlocking(trx, article);
    return { articleId: article.id, revision: article.revision, path };
  }

  /** A correction reviewed while the item stayed online: its flow approved exactly what the item now is. */
  private async assertCorrectionReviewed(trx: Executor, article: Article): Promise<void> {
    const flow = await this.flows.latest(article.id, trx);
    const hash = await this.articles.currentHash(article.id, trx);
    if (flow?.correction_id == null || flow.state !== 'approved' || flow.revision_hash !== hash)
      throw new AppError('CONFLICT', '修改稿审核通过的版本与要写入的内容不一致，须重新审核');
  }

  private async assertReviewed(trx: Executor, article: Article): Promise<void> {
    if (!mayPublish(article.status)) {
      throw new AppError('CONFLICT', '信息尚未通过审核，不能发布（未经审核的信息一律不得上网）');
    }
    const flow = await this.flows.latest(article.id, trx);
    const hash = await this.articles.currentHash(article.id, trx);
    if (flow?.state !== 'approved' || flow.revision_hash !== hash) {
      throw new AppError('CONFLICT', '审核通过的版本与当前内容不一致，须重新审核后才能发布');
    }
  }
}
