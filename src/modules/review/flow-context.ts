import type { Actor } from '../../platform/auth/actor.js';
import type { Executor } from '../../platform/db/helpers.js';
import type { Article } from '../../platform/db/tables.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { ArticlesService } from '../content/articles.service.js';
import type { ChainView, StepView } from './chains.repository.js';
import type { ChainsService } from './chains.service.js';
import type { Flow, FlowsRepository } from './flows.repository.js';
import { canActOnStep } from './review-access.js';
import type { RevisionsService } from './revisions.service.js';

export interface FlowContext {
  article: Article;
  flow: Flow;
  chain: ChainView;
  step: StepView;
}

interface FlowContextDeps {
  articles: ArticlesService;
  flows: FlowsRepository;
  chains: ChainsService;
  revisions?: RevisionsService;
}

/**
 * The open flow of an item and the step holding it; 409 when nothing is waiting for a decision. An
 * item the actor may neither read nor act on is "not found", as reading it would be: another unit's
 * leader learns nothing of its state or its step from a refusal.
 */
export async function currentFlow(
  d: FlowContextDeps,
  trx: Executor,
  articleId: number,
  actor: Actor,
): Promise<FlowContext> {
  const row = await d.articles.rowById(articleId, trx);
  if (!row) throw notFound('信息');
  const flow = await d.flows.active(articleId, trx);
  // A correction's flow reviews the proposal laid over the item (its checks, its hash, its tasks).
  const article = d.revisions ? await d.revisions.subjectIn(trx, row, flow) : row;
  const chain = flow ? await d.chains.chainById(flow.chain_id, trx) : undefined;
  const step = flow?.state === 'in_review' ? chain?.steps[flow.position - 1] : undefined;
  const mayAct = flow !== undefined && step !== undefined && canActOnStep(actor, step, article, flow);
  if (!mayAct && !(await readable(d, trx, actor, articleId))) throw notFound('信息');
  if (flow?.state !== 'in_review') throw new AppError('CONFLICT', '该信息当前没有待审核的步骤');
  if (!step) throw new AppError('CONFLICT', '审核流程已被修改，当前步骤不存在，请联系系统管理员');
  return { article, flow, chain: chain!, step };
}

async function readable(d: FlowContextDeps, trx: Executor, actor: Actor, articleId: number): Promise<boolean> {
  try {
    await d.articles.rowFor(actor, 'article.read', articleId, trx);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
    throw error;
  }
}
