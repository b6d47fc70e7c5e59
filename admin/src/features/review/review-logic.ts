// The review screens' pure logic: which warnings still need a reason, the overrides a submission or
// an approval sends (SubmitInput/ApproveInput in src/modules/review/review.schemas.ts), and where an
// item can be returned to. Imports nothing, so the server's test suite checks it.

export interface FindingLike {
  id: number;
  severity: 'block' | 'warn';
  overrideReason: string | null;
}

/** Warnings nobody has explained yet: each needs a reason before the item can pass. */
export function openWarnings<F extends FindingLike>(findings: readonly F[]): F[] {
  return findings.filter((f) => f.severity === 'warn' && !f.overrideReason);
}

export function blocking<F extends FindingLike>(findings: readonly F[]): F[] {
  return findings.filter((f) => f.severity === 'block');
}

/** The server wants at least 2 characters (“请说明忽略该提示的理由”) and at most 500. */
export const REASON_MIN = 2;
export const REASON_MAX = 500;

export function reasonProblem(reason: string | undefined): string | null {
  const t = (reason ?? '').trim();
  if (t.length < REASON_MIN) return '请说明忽略该提示的理由';
  if (t.length > REASON_MAX) return `不能超过 ${REASON_MAX} 个字符`;
  return null;
}

/**
 * The overrides to send for the open warnings, and the problems of those whose reason is missing or
 * too long (by finding id), so the form can say which one before anything is sent.
 */
export function overridesFrom(findings: readonly FindingLike[], reasons: Readonly<Record<number, string | undefined>>) {
  const overrides: Array<{ checkId: number; reason: string }> = [];
  const problems: Record<number, string> = {};
  for (const f of openWarnings(findings)) {
    const p = reasonProblem(reasons[f.id]);
    if (p) problems[f.id] = p;
    else overrides.push({ checkId: f.id, reason: reasons[f.id]!.trim() });
  }
  return { overrides, problems };
}

/** Where a step may send an item back: the drafter (0) or any earlier step. */
export function returnTargets(
  steps: ReadonlyArray<{ position: number; name: string }>,
  position: number,
): Array<{ value: number; label: string }> {
  return [
    { value: 0, label: '退回拟稿人修改' },
    ...steps
      .filter((s) => s.position < position)
      .map((s) => ({ value: s.position, label: `退回第 ${s.position} 步“${s.name}”` })),
  ];
}

/** The findings a refused submission or approval carries in its error body (CHECKS_BLOCKED, CHECKS_NEED_REASON). */
export function isChecksRefusal(code: string): boolean {
  return code === 'CHECKS_BLOCKED' || code === 'CHECKS_NEED_REASON';
}

/** A revision hash is long; people compare its first characters. */
export const shortHash = (hash: string) => hash.slice(0, 12);
