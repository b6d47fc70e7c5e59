import { LETTER_ACTIONS, type LetterStatus, type LetterSummary } from '@contract/interaction';

/** A stored instant as the day in Shanghai (the server keeps UTC). */
export const dayOf = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));

export const timeOf = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(
    new Date(iso),
  );

/** The running deadline: acceptance while waiting for 受理, the reply deadline while being handled. */
export function dueOf(l: LetterSummary): string | null {
  const s = l.status as LetterStatus;
  if ((LETTER_ACTIONS.accept.from as readonly string[]).includes(s)) return dayOf(l.acceptDue);
  return isOpen(s) && l.replyDue ? dayOf(l.replyDue) : null;
}

/** Still with the office or a unit (some step other than the writer's rating remains). */
export function isOpen(s: LetterStatus): boolean {
  return Object.values(LETTER_ACTIONS).some(
    (r) => r.who !== 'writer' && r.to !== 'closed' && (r.from as readonly string[]).includes(s),
  );
}
