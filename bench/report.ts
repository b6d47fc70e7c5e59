import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// What every bench writes into bench/RESULTS.md the same way: which code ran, on what, under what load,
// and the entry appended (or only printed, with BENCH_DRY=1, when trying a change out).

const BENCH_DIR = import.meta.dirname;

/** The commit measured, and whether the tree had uncommitted changes (BENCH_COMMIT overrides both). */
export function commit(): string {
  if (process.env.BENCH_COMMIT) return process.env.BENCH_COMMIT;
  const git = (args: string[]) => spawnSync('git', args, { cwd: BENCH_DIR, encoding: 'utf8' }).stdout?.trim() ?? '';
  const dirty = git(['status', '--porcelain', '--', '../src', '../themes', '../bench', '../deploy']) !== '';
  return `${git(['rev-parse', '--short', 'HEAD']) || 'unknown'}${dirty ? ' with uncommitted changes' : ''}`;
}

/** `2 × AMD EPYC …, Node v20…`: the cores and the runtime. */
export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}`;
}

/** The 1, 5 and 15 minute load averages, as `2.3 / 1.7 / 2.8 (1/5/15 min)`. */
export function loadAverage(): string {
  return `${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} (1/5/15 min)`;
}

/** An entry's heading: `## 2026-12-06 12:42 UTC: what`. */
export function heading(what: string): string {
  return `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${what}`;
}

const HEADER =
  '# Benchmarks\n\nEach run is appended by its script. Numbers from one machine are only comparable within the same run.\n';

/** Print the entry and append it to RESULTS.md after one blank line, unless BENCH_DRY is set. */
export function appendResults(entry: string): void {
  console.log(`\n${entry.trim()}\n`);
  if (process.env.BENCH_DRY) return;
  const file = path.join(BENCH_DIR, 'RESULTS.md');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : HEADER;
  fs.writeFileSync(file, `${current.trimEnd()}\n\n${entry.trim()}\n`);
}
