// Shapes of the review, ledger, checks and notification answers (src/modules/review/*.service.ts,
// src/modules/notify/notify.service.ts), as the admin app uses them.

export interface Task {
  id: number;
  articleId: number;
  articleTitle: string;
  articleStatus: string;
  unitName: string;
  /** 0: the drafter's task of revising a returned item. */
  position: number;
  title: string;
  role: string | null;
  roleLabel: string;
  dueAt: string;
  overdue: boolean;
  createdAt: string;
  /** The review after an emergency publication (the item is online already). */
  retrospective: boolean;
}

export interface ReviewActionView {
  position: number;
  stepName: string;
  action: string;
  actionLabel: string;
  actor: string;
  opinion: string | null;
  toPosition: number | null;
  revision: number;
  revisionHash: string;
  ip: string | null;
  at: string;
}

export interface ReviewFlowView {
  id: number;
  chainId: number;
  channel: string;
  state: string;
  startedAt: string;
  finishedAt: string | null;
  retrospective: boolean;
  actions: ReviewActionView[];
}

export interface ReviewHistory {
  articleId: number;
  status: string;
  unreviewed: boolean;
  chain: {
    id: number;
    name: string;
    steps: Array<{ position: number; name: string; role: string; roleLabel: string; scope: StepScope }>;
  } | null;
  current: {
    flowId: number;
    state: string;
    position: number;
    stepName: string | null;
    dueAt: string | null;
    overdue: boolean;
    retrospective: boolean;
    canAct: boolean;
    revision: number;
    revisionHash: string;
  } | null;
  flows: ReviewFlowView[];
}

export interface Finding {
  id: number;
  check: string;
  checkLabel: string;
  severity: 'block' | 'warn';
  location: { kind: string; label: string; attachmentId: number | null };
  excerpt: string;
  context: string;
  /** The context, escaped by the server, with the offending text in <mark>. */
  contextHtml: string;
  message: string;
  suggestion: string | null;
  overrideReason: string | null;
  overriddenAt: string | null;
}

export interface CheckResults {
  revision: number;
  findings: Finding[];
}

export type StepScope = 'submitter_unit' | 'county';

export interface ChainStep {
  id?: number;
  position?: number;
  name: string;
  role: string;
  scope: StepScope;
  formField: string | null;
  dueHours: number;
}

export interface ChainBinding {
  id: number;
  columnId: number | null;
  columnName: string | null;
  channel: string | null;
}

export interface Chain {
  id: number;
  name: string;
  description: string | null;
  restartPosition: number;
  autoPublish: boolean;
  steps: ChainStep[];
  bindings: ChainBinding[];
  updatedAt: string;
}

export interface Submission {
  id: number;
  unitId: number;
  unitName: string;
  channel: string;
  channelLabel: string;
  columnId: number | null;
  columnName: string | null;
  articleId: number | null;
  title: string;
  state: string;
  stateLabel: string;
  reason: string | null;
  sourceRef: string | null;
  receivedAt: string;
  decidedAt: string | null;
}

export interface SubmissionCount {
  unitId: number;
  submitted: number;
  adopted: number;
  byChannel: Record<string, number>;
}

export interface CheckMode {
  check: string;
  label: string;
  mode: 'block' | 'warn' | 'off';
  /** What blocks whatever the mode (密级标志, ID and bank card numbers), said beside the setting. */
  always: string | null;
}

export interface WordLists {
  custom: Array<{
    id: number;
    kind: WordKind;
    word: string;
    correct: string | null;
    note: string | null;
    createdAt: string;
  }>;
  defaults: {
    words: Array<{ word: string; kind: 'sensitive' | 'prohibited' }>;
    expressions: Array<{ wrong: string; correct: string; note?: string }>;
  };
}

export type WordKind = 'sensitive' | 'prohibited' | 'wrong_expression';

export interface UnreviewedItem {
  id: number;
  title: string;
  status: string;
  publishedAt: string | null;
  reason: string | null;
}
