import type { AuditAction } from '../../contract/audit.js';
import {
  ARTICLE_ENTRIES,
  ARTICLE_TRANSITIONS,
  ArticleStatus,
  CONDITIONS,
  type ArticleAction,
  type ArticleEntry,
  type Condition,
  type GatePath,
} from '../../contract/content.js';
import type { Actor } from '../../platform/auth/actor.js';
import { can, type Permission } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';

// The server's side of the life-cycle table (src/contract/content.ts, shared with the admin app):
// `transition` is the one way to a status change. It refuses, with the messages people see, an action
// the item's state does not allow, a taker without the permission, a condition its caller found false,
// and a way online without the publish gate's clearance for the item's current revision. What it
// returns is the only thing ArticlesRepository writes a status from (`setStatus`); a change made up by
// hand, or used twice, is refused there.

export {
  ARTICLE_TRANSITIONS,
  ArticleStatus,
  awaitsReview,
  isEditable,
  isOnline,
  mayDelete,
  mayEmergencyPublish,
  mayPublish,
  mayScheduleOffline,
  maySubmit,
  mayTake,
  ONLINE,
  WAS_PUBLISHED,
  wasPublished,
  type ArticleAction,
  type GatePath,
} from '../../contract/content.js';

// The table names permissions as text (the contract depends on nothing of the server's); this line
// stops compiling when it names one the permission table does not know.
type TablePermission = Exclude<(typeof ARTICLE_TRANSITIONS)[ArticleAction]['who'], 'system'>;
const _permissionsExist: readonly Permission[] = [] as Array<
  TablePermission | (typeof ARTICLE_ENTRIES)[ArticleEntry]['who']
>;
void _permissionsExist;

/** The gate's word that an item, as it is in this revision, may go online on a path (review/publish-gate.ts). */
export interface OnlineClearance {
  readonly articleId: number;
  readonly revision: number;
  readonly path: GatePath;
}

type Rule<A extends ArticleAction> = (typeof ARTICLE_TRANSITIONS)[A];
type ConditionsOf<A extends ArticleAction> = Rule<A>['when'][number];

/** What the caller found out about each condition of the action, and the gate's clearance where the action goes online. */
export type Facts<A extends ArticleAction> = { [C in ConditionsOf<A>]: boolean } & (Rule<A> extends { gate: GatePath }
  ? { clearance: OnlineClearance }
  : { clearance?: never });

/** A status change the table allowed: from one state to the next, with the event it emits. */
export interface StatusChange {
  readonly articleId: number;
  readonly action: ArticleAction;
  readonly from: ArticleStatus;
  readonly to: ArticleStatus;
  readonly event: AuditAction;
}

/** How a new item starts: the state of its entry in the table. */
export interface StatusEntry {
  readonly entry: ArticleEntry;
  readonly to: ArticleStatus;
}

// Changes and entries handed out by this module and not yet written. A WeakSet, so only objects made
// here pass, each once.
const issued = new WeakSet<object>();

const labelOf = (s: string) => (ArticleStatus.labels as Record<string, string>)[s] ?? s;
const stateMessage = (action: ArticleAction, s: string) =>
  `信息当前状态为“${labelOf(s)}”，不能${ARTICLE_TRANSITIONS[action].label}`;

/** What a person reads when the item's state does not allow the action (the wording the screens have always shown). */
const REFUSALS: Record<ArticleAction, (from: string) => string> = {
  submit: (s) => `信息当前状态为“${labelOf(s)}”，不能送审`,
  resubmit: (s) => `信息当前状态为“${labelOf(s)}”，不能送审`,
  recall: () => '该信息不在审核中，无需撤回',
  approve: () => '该信息当前没有待审核的步骤',
  return: () => '该信息当前没有待审核的步骤',
  reject: () => '该信息当前没有待审核的步骤',
  invalidate: (s) => stateMessage('invalidate', s),
  publish: (s) => (s === 'published' ? '该信息已经发布' : '信息尚未通过审核，不能发布（未经审核的信息一律不得上网）'),
  publish_on_approval: (s) => stateMessage('publish_on_approval', s),
  schedule: () => '只有审核通过、等待发布的信息才能定时发布',
  cancel_schedule: () => '该信息没有定时发布，无需取消',
  publish_due: () => '该信息没有定时发布',
  refuse_schedule: () => '该信息没有定时发布',
  emergency_publish: (s) =>
    s === 'scheduled'
      ? '该信息已定时发布，请先取消定时'
      : s === 'approved'
        ? '该信息已审核通过，请直接发布（无需紧急发布）'
        : '该信息已经发布',
  correct_minor: () => '只有已发布的信息才能勘误；未发布的信息请直接修改',
  apply_correction: () => '只有已发布的信息才能以修改稿替换原文',
  unpublish: () => '该信息尚未发布，无需下线',
  unpublish_due: () => '该信息尚未发布，无需下线',
  withdraw: () => '只有已发布的信息才能撤稿',
  retract: () => '只有已发布的信息才能撤稿',
};

/** Refuse, in the table's words, an action the item's state does not allow (callers ask first, before other work). */
export function assertState(article: { status: string }, action: ArticleAction): void {
  if (!(ARTICLE_TRANSITIONS[action].from as readonly string[]).includes(article.status))
    throw new AppError('CONFLICT', REFUSALS[action](article.status));
}

/**
 * Decide a status change. Refuses (AppError with a Chinese message) when the item's state does not
 * allow the action, when the actor lacks the permission the table names (or is not the scheduler for
 * the scheduler's actions), when a condition is false, and when an action into 'published' comes
 * without the gate's clearance for this item, this revision and this path.
 */
export function transition<A extends ArticleAction>(
  article: { id: number; status: string; revision: number },
  action: A,
  actor: Actor,
  facts: Facts<A>,
): StatusChange {
  const rule = ARTICLE_TRANSITIONS[action] as Rule<ArticleAction>;
  assertState(article, action);
  if (rule.who === 'system') {
    if (actor.kind !== 'system') throw new AppError('FORBIDDEN', `只有系统定时任务可以${rule.label}`);
  } else if (!can(actor, rule.who as Permission)) {
    throw new AppError('FORBIDDEN');
  }
  const given = facts as Partial<Record<Condition, boolean>> & { clearance?: OnlineClearance };
  for (const c of rule.when as readonly Condition[]) {
    if (given[c] !== true) throw new AppError('CONFLICT', `不能${rule.label}：须${CONDITIONS[c]}`);
  }
  if ('gate' in rule) {
    const c = given.clearance;
    if (!c || c.articleId !== article.id || c.revision !== article.revision || c.path !== rule.gate)
      throw new AppError('CONFLICT', `不能${rule.label}：信息未经发布关卡放行（当前版本须重新判断）`);
  }
  const change: StatusChange = Object.freeze({
    articleId: article.id,
    action,
    from: article.status as ArticleStatus,
    to: rule.to,
    event: rule.event,
  });
  issued.add(change);
  return change;
}

/** The state a new item starts in, for an actor allowed to bring one in that way. */
export function entry(kind: ArticleEntry, actor: Actor): StatusEntry {
  const e = ARTICLE_ENTRIES[kind];
  if (!can(actor, e.who)) throw new AppError('FORBIDDEN');
  const made: StatusEntry = Object.freeze({ entry: kind, to: e.to });
  issued.add(made);
  return made;
}

/**
 * For the repository: take a change (or an entry) for writing. Anything `transition`/`entry` did not
 * hand out, or already written once, is a programming error — a status written around the table.
 */
export function redeem(change: StatusChange | StatusEntry): void {
  if (!issued.delete(change))
    throw new Error(
      'A status is written only from what article-status.ts transition()/entry() returned, and only once; this one was made elsewhere or reused.',
    );
}
