import { ArticleStatus, awaitsReview, mayTake } from '@contract/content';
import type { ReviewHistory } from '@contract/review';

/** What saving an edit does to an item's review, when it voids approvals already given. */
export interface Restart {
  /** The step the item goes back to. */
  position: number;
  stepName: string;
  /** How many approvals stop counting. */
  voided: number;
  /** An item set to go online at a time loses its time. */
  unschedules: boolean;
}

/**
 * The review guard's rule (src/modules/review/review-guard.ts), read before saving so the editor can ask
 * first: an edit of an item under review or approved voids the approvals from the chain's restart step
 * on, and the item goes back to that step. Null when the edit voids nothing (no approval yet reaches the
 * restart step, or the item is not on its way online).
 */
export function restartOnEdit(status: string, history: ReviewHistory | undefined): Restart | null {
  const afterApproval = mayTake('invalidate', status);
  if (!awaitsReview(status) && !afterApproval) return null;
  const chain = history?.chain;
  const current = history?.current;
  if (!chain || !current) {
    // The history has not arrived: an approved item always goes back (the step is named by the server).
    return afterApproval ? { position: 1, stepName: '', voided: 0, unschedules: status === 'scheduled' } : null;
  }
  const approved = current.state === 'approved' ? chain.steps.length : current.position - 1;
  if (approved < chain.restartPosition) return null;
  return {
    position: chain.restartPosition,
    stepName: chain.steps[chain.restartPosition - 1]?.name ?? '',
    voided: approved - chain.restartPosition + 1,
    unschedules: status === 'scheduled',
  };
}

/** The question asked before such a save. */
export function restartQuestion(r: Restart): string {
  const step = r.stepName ? `第 ${r.position} 步“${r.stepName}”` : '审核流程';
  const voided = r.voided > 0 ? `已有的 ${r.voided} 项审核意见将失效，` : '已有的审核意见将失效，';
  return `保存后${voided}信息退回${step}重新审核${r.unschedules ? '，已设定的定时发布将取消' : ''}。确定保存吗？`;
}

/** What the editor says after a save changed the item's state (the server's answer, not a guess). */
export function afterSaveNote(before: string | undefined, after: string, r: Restart | null): string | null {
  if (!r || before === undefined) return null;
  const label = (ArticleStatus.labels as Record<string, string>)[after] ?? after;
  const step = r.stepName ? `第 ${r.position} 步“${r.stepName}”` : '审核流程';
  return before === after
    ? `之前的审核意见已失效，信息已退回${step}重新审核（状态：${label}）`
    : `状态由“${(ArticleStatus.labels as Record<string, string>)[before] ?? before}”变为“${label}”：之前的审核意见已失效，已退回${step}重新审核`;
}
