// The chain editor's values and the body of POST/PUT /api/review-chains (ChainInput in
// src/modules/review/review.schemas.ts). Pure, tested against the schema in test/admin/review-logic.test.ts.

export interface StepValues {
  name?: string;
  role?: string;
  scope?: 'submitter_unit' | 'county';
  formField?: string | null;
  dueHours?: number | null;
}

export interface ChainFormValues {
  name?: string;
  description?: string | null;
  restartPosition?: number | null;
  autoPublish?: boolean;
  steps?: StepValues[];
}

export const MAX_STEPS = 10;
export const MAX_DUE_HOURS = 24 * 30;

export function chainPayload(v: ChainFormValues) {
  const description = (v.description ?? '').trim();
  return {
    name: (v.name ?? '').trim(),
    description: description === '' ? null : description,
    restartPosition: v.restartPosition ?? 1,
    autoPublish: !!v.autoPublish,
    steps: (v.steps ?? []).map((s) => ({
      name: (s.name ?? '').trim(),
      role: s.role ?? '',
      scope: s.scope ?? 'county',
      formField: s.formField ?? null,
      dueHours: s.dueHours ?? 24,
    })),
  };
}

export function toChainForm(c: {
  name: string;
  description: string | null;
  restartPosition: number;
  autoPublish: boolean;
  steps: Array<{
    name: string;
    role: string;
    scope: 'submitter_unit' | 'county';
    formField: string | null;
    dueHours: number;
  }>;
}): ChainFormValues {
  return {
    name: c.name,
    description: c.description,
    restartPosition: c.restartPosition,
    autoPublish: c.autoPublish,
    steps: c.steps.map((s) => ({
      name: s.name,
      role: s.role,
      scope: s.scope,
      formField: s.formField,
      dueHours: s.dueHours,
    })),
  };
}

/** The server's own refusal when the restart step lies beyond the chain (ChainsService.validate). */
export function restartProblem(restart: number | null | undefined, steps: number): string | null {
  return (restart ?? 1) > steps ? `重新审核的起点不能超过步骤数（${steps}）` : null;
}
