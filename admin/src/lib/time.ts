// The server stores UTC instants and counts days in Beijing time (Asia/Shanghai); so does every
// date shown here, whatever zone the browser's machine is set to.

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function pieces(iso: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of parts.formatToParts(new Date(iso))) out[p.type] = p.value;
  return out;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = pieces(iso);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = pieces(iso);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Today's date in Beijing as YYYY-MM-DD. */
export function shanghaiToday(now: Date = new Date()): string {
  return formatDate(now.toISOString());
}
