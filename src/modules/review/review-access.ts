import type { Actor } from '../../platform/auth/actor.js';
import { ROLE_LABELS } from '../../platform/auth/roles.js';
import type { Article } from '../../platform/db/tables.js';
import { AppError } from '../../platform/errors.js';
import type { StepView } from './chains.repository.js';
import type { Flow } from './flows.repository.js';

/**
 * Who may act on a step: an account holding the step's role — in the submitting unit when the step
 * belongs to the unit — and never the drafter of the item (four eyes). Written once, used by the
 * workflow, the edit lock and the inbox.
 */
export function canActOnStep(actor: Actor, step: StepView, article: Article, flow: Flow): boolean {
  if (actor.kind !== 'account') return false;
  if (!actor.roles.includes(step.role)) return false;
  if (step.scope === 'submitter_unit' && actor.unitId !== article.unit_id) return false;
  return flow.drafter_id === null || flow.drafter_id !== actor.accountId;
}

export function assertCanActOnStep(actor: Actor, step: StepView, article: Article, flow: Flow): void {
  if (actor.kind === 'account' && flow.drafter_id === actor.accountId && actor.roles.includes(step.role)) {
    throw new AppError('FORBIDDEN', '不能审核自己拟稿的信息（审核须由拟稿人以外的人完成）');
  }
  if (!canActOnStep(actor, step, article, flow)) {
    const who = `${step.scope === 'submitter_unit' ? '报送单位的' : '县政府办的'}${ROLE_LABELS[step.role]}`;
    throw new AppError('FORBIDDEN', `当前步骤“${step.name}”应由${who}处理，您无权处理`);
  }
}
