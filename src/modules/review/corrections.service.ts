import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid } from '../../platform/errors.js';
import { sanitizeBody } from '../../platform/html/sanitize.js';
import type { Settings } from '../../platform/settings.js';
import { assertState, transition } from '../content/article-status.js';
import type { ArticleView } from '../content/article-view.js';
import type { ArticlesService } from '../content/articles.service.js';
import type { FlowSteps } from './flow-steps.js';
import type { PublishGate } from './publish-gate.js';

export const MINOR_CORRECTIONS_SETTING = 'review.minor_corrections';
export interface MinorCorrectionSetting {
  enabled: boolean;
  /** The most characters a 勘误 may change (title and body together). */
  maxChars: number;
}
/** Off until the office turns it on: by default a published item is changed only through a new review. */
export const MINOR_CORRECTION_DEFAULT: MinorCorrectionSetting = { enabled: false, maxChars: 20 };

/**
 * How much a correction changes a text: the span between what the two versions share at the start and
 * at the end, the longer side counted. Exact for one typo, an upper bound for several (a 勘误 is meant
 * for one or two), and linear in the length (a body may be long).
 */
export function changeSize(before: string, after: string): number {
  const a = Array.from(before);
  const b = Array.from(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return Math.max(a.length - start - end, b.length - start - end);
}

/**
 * 勘误 (issue 16 item 1): a typo in a published item corrected without taking it offline, where the
 * office allowed it. The life-cycle table's `correct_minor` (published → published) says who and when;
 * the publish gate still judges the corrected revision (paper scan, blocking checks: a 勘误 cannot slip
 * an ID number online); the audit record and the review history say what changed, by how much and why.
 * The size is counted on the sanitised HTML, so a changed link target counts like changed text.
 */
export class CorrectionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly articles: ArticlesService,
    private readonly gate: PublishGate,
    private readonly settings: Settings,
    private readonly steps: FlowSteps,
  ) {}

  async setting(actor: Actor): Promise<MinorCorrectionSetting> {
    authorize(actor, 'article.read');
    return { ...MINOR_CORRECTION_DEFAULT, ...(await this.settings.get(MINOR_CORRECTIONS_SETTING, {})) };
  }

  async setSetting(actor: Actor, input: MinorCorrectionSetting): Promise<MinorCorrectionSetting> {
    authorize(actor, 'checks.write');
    await this.uow.run(async (trx, emit) => {
      await this.settings.set(trx, MINOR_CORRECTIONS_SETTING, input);
      await emit({
        type: 'settings.minor_corrections',
        actor,
        entityType: 'settings',
        entityId: MINOR_CORRECTIONS_SETTING,
        summary: input.enabled
          ? `允许已发布信息勘误（小修改），每次不超过 ${input.maxChars} 字`
          : '不允许已发布信息直接勘误（须下线后修改、重新送审）',
        details: { ...input },
      });
    });
    return this.setting(actor);
  }

  async correctMinor(
    actor: Actor,
    articleId: number,
    input: { title?: string; bodyHtml?: string; reason: string; expectedRevision?: number },
  ): Promise<ArticleView> {
    await this.uow.run(async (trx, emit) => {
      const article = await this.articles.rowFor(actor, 'article.write', articleId, trx);
      assertState(article, 'correct_minor');
      if (input.expectedRevision !== undefined && input.expectedRevision !== article.revision)
        throw new AppError('CONFLICT', `该信息已被他人修改（当前为第 ${article.revision} 版），请刷新后再改`);
      const setting = { ...MINOR_CORRECTION_DEFAULT, ...(await this.settings.get(MINOR_CORRECTIONS_SETTING, {}, trx)) };
      if (!setting.enabled)
        throw new AppError('CONFLICT', '本站未开启勘误（小修改）：如需修改已发布的信息，请先下线，修改后重新送审');
      const title = input.title?.trim() || article.title;
      const bodyHtml = input.bodyHtml ?? article.body_html;
      const size = changeSize(article.title, title) + changeSize(article.body_html, sanitizeBody(bodyHtml));
      if (size === 0) throw invalid('bodyHtml', '勘误没有改动任何内容');
      if (size > setting.maxChars)
        throw invalid(
          'bodyHtml',
          `本次改动 ${size} 字，超过勘误允许的 ${setting.maxChars} 字；较大的修改请用“修改（送审，原文保持在线）”`,
        );
      const fresh = await this.articles.correctIn(trx, actor, article, { title, bodyHtml });
      const clearance = await this.gate.assertMayGoOnline(trx, fresh, 'correction');
      const change = transition(fresh, 'correct_minor', actor, {
        minorAllowed: setting.enabled,
        minorSize: size <= setting.maxChars,
        reasonGiven: input.reason.trim() !== '',
        clearance,
      });
      const note = `勘误（第 ${article.revision} 版 → 第 ${fresh.revision} 版，改动 ${size} 字）：${input.reason}`;
      await this.articles.changeStatusIn(trx, emit, actor, fresh, change, {
        summary: `“${fresh.title}”${note}`,
        details: {
          reason: input.reason,
          changedChars: size,
          maxChars: setting.maxChars,
          fromRevision: article.revision,
          revision: fresh.revision,
          titleChanged: title !== article.title,
        },
      });
      await this.steps.logOnLatest(trx, actor, fresh, '勘误', 'correct_minor', note);
    });
    return this.articles.get(actor, articleId);
  }
}
