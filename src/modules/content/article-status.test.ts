import { describe, expect, it } from 'vitest';
import {
  ARTICLE_ACTIONS,
  ARTICLE_ENTRIES,
  ARTICLE_TRANSITIONS,
  ArticleStatus,
  CONDITIONS,
  STATUS_REASON_LABELS,
  type ArticleAction,
} from '../../contract/content.js';
import { systemActor, type Actor } from '../../platform/auth/actor.js';
import type { Role } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/errors.js';
import {
  awaitsReview,
  entry,
  isEditable,
  isOnline,
  mayDelete,
  mayEmergencyPublish,
  mayPublish,
  mayScheduleOffline,
  maySubmit,
  redeem,
  transition,
  WAS_PUBLISHED,
  wasPublished,
  type Facts,
  type StatusChange,
} from './article-status.js';

const account = (...roles: Role[]): Actor => ({
  kind: 'account',
  accountId: 7,
  username: 'x',
  displayName: 'x',
  unitId: 3,
  roles,
  ip: null,
});
const scheduler = systemActor('scheduler');
// One account holding every role the table names, so that only the state decides.
const everyone = account('site_editor', 'office_leader', 'unit_officer', 'unit_leader', 'sysadmin');
const takerOf = (a: ArticleAction) => (ARTICLE_TRANSITIONS[a].who === 'system' ? scheduler : everyone);

/** Every condition true and, where the action goes online, the gate's clearance for this very revision. */
function allTrue<A extends ArticleAction>(a: A, id = 1, revision = 4): Facts<A> {
  const rule = ARTICLE_TRANSITIONS[a];
  const facts: Record<string, unknown> = Object.fromEntries(rule.when.map((c) => [c, true]));
  if ('gate' in rule) facts.clearance = { articleId: id, revision, path: rule.gate };
  return facts as Facts<A>;
}

const item = (status: string) => ({ id: 1, status, revision: 4 });

function refusal(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the life-cycle table', () => {
  it('names known states only, and every state is reachable from an entry', () => {
    const states = new Set<string>(ArticleStatus.values);
    const reached = new Set<string>(Object.values(ARTICLE_ENTRIES).map((e) => e.to));
    for (const rule of Object.values(ARTICLE_TRANSITIONS)) {
      for (const s of [...rule.from, rule.to]) expect(states).toContain(s);
    }
    for (let grew = true; grew; ) {
      grew = false;
      for (const rule of Object.values(ARTICLE_TRANSITIONS))
        if (rule.from.some((s) => reached.has(s)) && !reached.has(rule.to)) {
          reached.add(rule.to);
          grew = true;
        }
    }
    expect([...reached].sort()).toEqual([...ArticleStatus.values].sort());
  });

  it('sends every way onto the public site through the publish gate', () => {
    const online = ARTICLE_ACTIONS.filter((a) => ARTICLE_TRANSITIONS[a].to === 'published');
    expect(online.sort()).toEqual([
      'apply_correction',
      'correct_minor',
      'emergency_publish',
      'publish',
      'publish_due',
      'publish_on_approval',
    ]);
    for (const a of online) expect(ARTICLE_TRANSITIONS[a]).toHaveProperty('gate');
    // Setting a publish time asks the gate too, so a schedule that could never run is refused at once.
    expect(ARTICLE_TRANSITIONS.schedule.gate).toBe('schedule');
  });

  it('describes every condition it uses', () => {
    for (const rule of Object.values(ARTICLE_TRANSITIONS))
      for (const c of rule.when) expect(CONDITIONS[c]).toMatch(/\p{Script=Han}/u);
  });
});

describe('transition: every allowed change', () => {
  for (const action of ARTICLE_ACTIONS) {
    const rule = ARTICLE_TRANSITIONS[action];
    for (const from of rule.from) {
      it(`${action}: ${from} → ${rule.to}, emitting ${rule.event}`, () => {
        const change = transition(item(from), action, takerOf(action), allTrue(action));
        expect(change).toEqual({ articleId: 1, action, from, to: rule.to, event: rule.event });
      });
    }
  }

  it('the events are those the audit log has always shown', () => {
    const events = Object.fromEntries(ARTICLE_ACTIONS.map((a) => [a, ARTICLE_TRANSITIONS[a].event]));
    expect(events).toEqual({
      submit: 'review.submitted',
      resubmit: 'review.resubmitted',
      recall: 'review.recalled',
      approve: 'review.approved',
      return: 'review.returned',
      reject: 'review.rejected',
      invalidate: 'review.invalidated',
      publish: 'article.published',
      publish_on_approval: 'article.published',
      schedule: 'article.scheduled',
      cancel_schedule: 'article.schedule_cancelled',
      publish_due: 'article.published',
      refuse_schedule: 'article.schedule_refused',
      emergency_publish: 'article.published',
      correct_minor: 'article.corrected',
      apply_correction: 'article.correction_applied',
      unpublish: 'article.unpublished',
      unpublish_due: 'article.unpublished',
      withdraw: 'article.withdrawn',
      retract: 'article.withdrawn',
    });
  });
});

describe('transition: refusals, in Chinese', () => {
  for (const action of ARTICLE_ACTIONS) {
    const from = ARTICLE_TRANSITIONS[action].from as readonly string[];
    const others = ArticleStatus.values.filter((s) => !from.includes(s));
    it(`${action} refuses ${others.join(', ') || 'nothing'}`, () => {
      for (const s of others) {
        const e = refusal(() => transition(item(s), action, takerOf(action), allTrue(action)));
        expect(e.code, `${action} from ${s}`).toBe('CONFLICT');
        expect(e.message).toMatch(/\p{Script=Han}/u);
      }
    });
  }

  it('keeps the wording people have always read', () => {
    const msg = (s: string, a: ArticleAction) => refusal(() => transition(item(s), a, takerOf(a), allTrue(a))).message;
    expect(msg('draft', 'publish')).toBe('信息尚未通过审核，不能发布（未经审核的信息一律不得上网）');
    expect(msg('published', 'publish')).toBe('该信息已经发布');
    expect(msg('in_review', 'submit')).toBe('信息当前状态为“审核中”，不能送审');
    expect(msg('approved', 'unpublish')).toBe('该信息尚未发布，无需下线');
    expect(msg('offline', 'withdraw')).toBe('只有已发布的信息才能撤稿');
    expect(msg('approved', 'cancel_schedule')).toBe('该信息没有定时发布，无需取消');
    expect(msg('draft', 'schedule')).toBe('只有审核通过、等待发布的信息才能定时发布');
    expect(msg('published', 'emergency_publish')).toBe('该信息已经发布');
    expect(msg('scheduled', 'emergency_publish')).toBe('该信息已定时发布，请先取消定时');
    // An approved item is published the ordinary way: 紧急发布 would flag it 未经审核 for nothing.
    expect(msg('approved', 'emergency_publish')).toBe('该信息已审核通过，请直接发布（无需紧急发布）');
    expect(msg('approved', 'recall')).toBe('该信息不在审核中，无需撤回');
    expect(msg('approved', 'approve')).toBe('该信息当前没有待审核的步骤');
  });

  it('refuses a taker without the permission the table names', () => {
    const officer = account('unit_officer');
    expect(refusal(() => transition(item('approved'), 'publish', officer, allTrue('publish'))).code).toBe('FORBIDDEN');
    expect(refusal(() => transition(item('in_review'), 'approve', officer, allTrue('approve'))).code).toBe('FORBIDDEN');
    const editor = account('site_editor');
    const e = refusal(() => transition(item('draft'), 'emergency_publish', editor, allTrue('emergency_publish')));
    expect(e.code).toBe('FORBIDDEN');
    // The scheduler's own actions are not a person's to take, whatever their roles.
    const due = refusal(() => transition(item('scheduled'), 'publish_due', everyone, allTrue('publish_due')));
    expect(due).toMatchObject({ code: 'FORBIDDEN', message: '只有系统定时任务可以到时发布' });
  });

  it('refuses when a condition is false, naming it', () => {
    const e = refusal(() =>
      transition(item('in_review'), 'approve', everyone, { holdsStep: true, lastStep: false, checksPassed: true }),
    );
    expect(e).toMatchObject({ code: 'CONFLICT', message: `不能审核通过：须${CONDITIONS.lastStep}` });
  });

  it('refuses a way online without the gate’s clearance for this item, revision and path', () => {
    const at = (clearance: unknown) =>
      refusal(() => transition(item('approved'), 'publish', everyone, { clearance } as unknown as Facts<'publish'>))
        .message;
    expect(at(undefined)).toContain('未经发布关卡放行');
    expect(at({ articleId: 2, revision: 4, path: 'publish' })).toContain('未经发布关卡放行');
    expect(at({ articleId: 1, revision: 3, path: 'publish' })).toContain('未经发布关卡放行');
    expect(at({ articleId: 1, revision: 4, path: 'emergency' })).toContain('未经发布关卡放行');
  });
});

describe('entries and writing', () => {
  it('a new item starts as a draft; an import as published, by the administrator only', () => {
    expect(entry('create', account('unit_officer'))).toMatchObject({ to: 'draft' });
    expect(entry('import', systemActor())).toMatchObject({ to: 'published' });
    expect(refusal(() => entry('import', account('site_editor'))).code).toBe('FORBIDDEN');
  });

  it('a change is written once, and only one the table handed out', () => {
    const change = transition(item('published'), 'unpublish', everyone, { reasonGiven: true });
    expect(() => redeem(change)).not.toThrow();
    expect(() => redeem(change)).toThrow(/only once/);
    const forged: StatusChange = { ...change };
    expect(() => redeem(forged)).toThrow(/made elsewhere/);
  });
});

describe('predicates derived from the table (what the lists in eleven places used to say)', () => {
  const where = (p: (s: string) => boolean) => ArticleStatus.values.filter(p);
  it('say what the hand-written lists said', () => {
    expect(where(maySubmit)).toEqual(['draft', 'returned', 'rejected', 'offline', 'withdrawn']);
    expect(where(mayDelete)).toEqual(['draft', 'returned', 'rejected', 'offline', 'withdrawn']);
    expect(where(mayPublish)).toEqual(['approved', 'scheduled']);
    expect(where(mayScheduleOffline)).toEqual(['in_review', 'approved', 'scheduled', 'published']);
    expect(where(mayEmergencyPublish)).toEqual(['draft', 'in_review', 'returned', 'rejected', 'offline', 'withdrawn']);
    expect(where(awaitsReview)).toEqual(['in_review']);
    expect(where(isOnline)).toEqual(['published']);
    expect(where((s) => !isEditable(s))).toEqual(['published']);
    expect([...WAS_PUBLISHED]).toEqual(['published', 'offline']);
    expect(where(wasPublished)).toEqual(['published', 'offline']);
    expect(Object.keys(STATUS_REASON_LABELS)).toEqual(['returned', 'rejected', 'offline', 'withdrawn']);
  });
});
