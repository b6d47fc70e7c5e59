import type { ProgressFn } from '../jobs/progress.js';

/** Progress on the terminal: a live counter on a TTY, a line every tenth of the way otherwise. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): ProgressFn & { done(): void } {
  let lastDecile = -1;
  const fn = ((processed: number, total: number | null, message?: string) => {
    const pct = total ? Math.floor((processed / total) * 100) : null;
    const line = `${message ?? `${processed}${total ? `/${total}` : ''}`}${pct !== null ? `（${pct}%）` : ''}`;
    if (stream.isTTY) stream.write(`\r\x1b[K${line}`);
    else if (pct !== null && Math.floor(pct / 10) !== lastDecile) {
      lastDecile = Math.floor(pct / 10);
      stream.write(`${line}\n`);
    }
  }) as ProgressFn & { done(): void };
  fn.done = () => {
    if (stream.isTTY) stream.write('\r\x1b[K');
  };
  return fn;
}
