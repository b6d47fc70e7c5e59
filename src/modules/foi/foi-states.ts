import type { ActionInput } from '../../contract/foi.js';
import { ANSWER_GROUNDS } from '../../contract/foi.js';
import type { WorkCalendar } from '../../platform/calendar/calendar.js';
import { AppError, invalid } from '../../platform/errors.js';
import { computeClock, consultDeadline, correctionDeadline, MAX_EXTENSION_WORKDAYS } from './foi-clock.js';

// The life of an application as one table: which action may be taken in which state and where it
// leads. Guards that depend on the clock (the 7-day limit of a 补正, an extension before the due day)
// are checked in `transition`, which is pure: it returns the new state and the columns to change.

export type State = 'registered' | 'correction' | 'consulting' | 'answered' | 'withdrawn';
export type Action = ActionInput['action'];

export const TRANSITIONS: Record<Action, { from: readonly State[]; to: State | 'same'; label: string }> = {
  request_correction: { from: ['registered'], to: 'correction', label: '告知补正' },
  corrected: { from: ['correction'], to: 'registered', label: '收到补正材料' },
  correction_expired: { from: ['correction'], to: 'withdrawn', label: '逾期未补正，视为放弃申请' },
  consult: { from: ['registered'], to: 'consulting', label: '征求第三方意见' },
  consult_reply: { from: ['consulting'], to: 'registered', label: '收到第三方意见' },
  extend: { from: ['registered', 'consulting'], to: 'same', label: '延长答复期限' },
  answer: { from: ['registered', 'consulting'], to: 'answered', label: '作出答复' },
};

export const EVENT_LABELS: Record<string, string> = {
  registered: '登记',
  submitted: '网上提交',
  file: '上传文件',
  ...Object.fromEntries(Object.entries(TRANSITIONS).map(([k, v]) => [k, v.label])),
};

/** What the clock and the guards read of an application. */
export interface AppFacts {
  state: State;
  receivedDay: string;
  correctionDay: string | null;
  correctionDueDay: string | null;
  correctedDay: string | null;
  consultDay: string | null;
  consultReplyDay: string | null;
  extensionDays: number | null;
  concludedDay: string | null;
}

export function clockOf(cal: WorkCalendar, f: AppFacts, today: string) {
  return computeClock(
    cal,
    {
      receivedDay: f.receivedDay,
      correctedDay: f.correctedDay,
      awaitingCorrection: f.state === 'correction',
      consultDay: f.consultDay,
      consultReplyDay: f.consultReplyDay,
      extensionDays: f.extensionDays,
      concludedDay: f.concludedDay,
    },
    today,
  );
}

/** The actions open in a state (before the clock's guards). */
export function actionsFrom(state: State): Action[] {
  return (Object.keys(TRANSITIONS) as Action[]).filter((a) => TRANSITIONS[a].from.includes(state));
}

export interface Transition {
  to: State;
  /** Columns of foi_applications to set. */
  patch: Record<string, string | number | null>;
  note: string | null;
}

const refuse = (message: string) => new AppError('CONFLICT', message);

/** Validate one action on an application as of `today` and say what it changes. */
export function transition(cal: WorkCalendar, f: AppFacts, input: ActionInput, today: string): Transition {
  const rule = TRANSITIONS[input.action];
  if (!rule.from.includes(f.state)) throw refuse(`当前状态下不能“${rule.label}”（申请已${stateWord(f.state)}）`);
  if (input.day > today) throw invalid('day', '日期不能晚于今天');
  const startDay = f.correctedDay ?? f.receivedDay;
  if (input.day < startDay) throw invalid('day', `日期不能早于收到申请之日（${startDay}）`);
  const to = rule.to === 'same' ? f.state : rule.to;
  switch (input.action) {
    case 'request_correction': {
      if (f.correctionDay) throw refuse('补正只能告知一次（条例第三十条）');
      const last = correctionDeadline(cal, f.receivedDay);
      if (input.day > last) throw invalid('day', `补正应在收到申请之日起7个工作日内一次性告知，最晚 ${last}`);
      if (input.dueDay <= input.day) throw invalid('dueDay', '补正期限应晚于告知补正之日');
      return {
        to,
        patch: { correction_day: input.day, correction_due_day: input.dueDay, correction_note: input.note },
        note: input.note,
      };
    }
    case 'corrected':
      return { to, patch: { corrected_day: input.day }, note: input.note ?? null };
    case 'correction_expired':
      if (!f.correctionDueDay || input.day <= f.correctionDueDay)
        throw invalid('day', `补正期限（${f.correctionDueDay ?? ''}）届满后才能按视为放弃申请处理`);
      return {
        to,
        patch: {
          answer_type: 'other',
          answer_ground: 'correction_overdue',
          answer_day: input.day,
          concluded_day: input.day,
        },
        note: '申请人无正当理由逾期不补正，视为放弃申请',
      };
    case 'consult':
      if (f.consultDay) throw refuse('已经征求过第三方意见');
      return { to, patch: { consult_day: input.day, consult_party: input.party }, note: input.party };
    case 'consult_reply': {
      const limit = consultDeadline(cal, f.consultDay!);
      return {
        to,
        patch: { consult_reply_day: input.day },
        note: input.note ?? (input.day > limit ? `第三方逾期（${limit} 前）未提出意见` : null),
      };
    }
    case 'extend': {
      if (f.extensionDays) throw refuse('答复期限只能延长一次（条例第三十三条）');
      if (input.days > MAX_EXTENSION_WORKDAYS) throw invalid('days', '延长期限最长不超过20个工作日');
      const due = clockOf(cal, f, today).dueDay;
      if (input.day > due) throw invalid('day', `延期应在答复期限（${due}）届满前决定并告知申请人`);
      return {
        to,
        patch: {
          extension_days: input.days,
          extension_day: input.day,
          extension_approver: input.approver,
          extension_reason: input.reason,
        },
        note: `延长 ${input.days} 个工作日：${input.reason}（批准人：${input.approver}）`,
      };
    }
    case 'answer': {
      checkAnswer(input);
      const patch: Record<string, string | null> = {
        answer_type: input.type,
        answer_ground: input.ground ?? null,
        answer_day: input.day,
        answer_link: input.link ?? null,
        answer_organ: input.organ ?? null,
        answer_note: input.note ?? null,
        concluded_day: input.day,
      };
      // Answering while the third party has not replied ends the consultation that day.
      if (f.state === 'consulting') patch.consult_reply_day = input.day;
      return { to, patch, note: input.note ?? null };
    }
  }
}

function checkAnswer(input: Extract<ActionInput, { action: 'answer' }>): void {
  const grounds = (ANSWER_GROUNDS as Record<string, Record<string, string>>)[input.type];
  if (input.type === 'other') throw invalid('type', '“其他处理”由系统在逾期未补正时记录，请选择其他答复类型');
  if (grounds && (!input.ground || !(input.ground in grounds)))
    throw invalid('ground', `请选择理由：${Object.values(grounds).join('、')}`);
  if (!grounds && input.ground) throw invalid('ground', '该答复类型不需要选择理由');
  if (input.type === 'published' && !input.link) throw invalid('link', '已主动公开的，请填写获取该信息的链接');
}

function stateWord(state: State): string {
  return {
    registered: '在办理中',
    correction: '在等待补正',
    consulting: '在征求第三方意见',
    answered: '答复',
    withdrawn: '视为放弃申请',
  }[state];
}
