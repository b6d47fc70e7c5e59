import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemActor } from '../src/platform/auth/actor.js';
import { CalendarService } from '../src/platform/calendar/calendar.service.js';
import { createDatabase } from '../src/platform/db/database.js';
import { UnitOfWork } from '../src/platform/db/unit-of-work.js';
import { EventBus } from '../src/platform/events.js';
import { Settings } from '../src/platform/settings.js';
import { EvaluationRepository } from '../src/modules/guarantee/evaluation.repository.js';
import { SharedItemsRepository } from '../src/modules/guarantee/evaluation-units.repository.js';
import { GuaranteeEvaluator } from '../src/modules/guarantee/evaluation.service.js';
import { ReportService } from '../src/modules/guarantee/report.service.js';
import { StatusService } from '../src/modules/guarantee/status.service.js';
import { generate, type BenchData } from './guarantee-data.js';
import { appendResults, commit, heading, loadAverage, machine } from './report.js';

// The guarantee checks at scale: every duty's status and the site indicators for one day (what
// `govportal guarantee check --at` and the daily round compute), on SQLite, at N and 4×N articles.
// Usage: npx tsx bench/guarantee.ts  (BENCH_ARTICLES=1000000, BENCH_RUNS=5, BENCH_DIR=/tmp/..., BENCH_DRY=1 to print only)

const N = Number(process.env.BENCH_ARTICLES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DIR = process.env.BENCH_DIR ?? path.join(os.tmpdir(), 'govportal-bench-guarantee');
const system = systemActor('bench');

async function measure(data: BenchData) {
  const database = createDatabase('sqlite', `sqlite:${data.file}`);
  const uow = new UnitOfWork(database.db, new EventBus());
  const repo = new EvaluationRepository(database.db);
  const evaluator = new GuaranteeEvaluator(
    repo,
    new CalendarService(database.db, uow),
    new Settings(database.db),
    new SharedItemsRepository(database.db),
  );
  const status = new StatusService(database.db, evaluator, repo);
  const report = new ReportService(evaluator, repo);
  const time = async (work: () => Promise<unknown>) => {
    const t0 = performance.now();
    await work();
    return performance.now() - t0;
  };
  const check = () => status.check(system, { at: data.day, final: true });
  const first = await check(); // warm-up, and the figures to show that the work was done
  const checks: number[] = [];
  for (let i = 0; i < RUNS; i++) checks.push(await time(check));
  const months: number[] = [];
  for (let i = 0; i < Math.max(1, Math.floor(RUNS / 2)); i++)
    months.push(await time(() => report.month(system, data.day.slice(0, 7))));
  await database.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return {
    check: median(checks),
    checkRuns: checks,
    month: median(months),
    summary: first.summary,
    indicators: first.sites[0]!.indicators.map((i) => `${i.key}=${i.value ?? '—'}`).join(' '),
  };
}

async function main() {
  const results: Array<{
    data: BenchData;
    r: Awaited<ReturnType<typeof measure>>;
    genSeconds: number;
    sizeMb: number;
  }> = [];
  for (const n of [N, 4 * N]) {
    const file = path.join(DIR, `guarantee-${n}.db`);
    console.log(`生成 ${n} 条信息的基准数据库：${file}`);
    const t0 = performance.now();
    const data = await generate(file, n);
    const genSeconds = (performance.now() - t0) / 1000;
    const sizeMb = fs.statSync(file).size / 1024 / 1024;
    const r = await measure(data);
    console.log(
      `  检查（${data.duties} 项责任）：中位数 ${r.check.toFixed(0)} ms（${r.checkRuns.map((x) => x.toFixed(0)).join(', ')}）；月度统计 ${r.month.toFixed(0)} ms`,
    );
    results.push({ data, r, genSeconds, sizeMb });
  }
  const [a, b] = results as [(typeof results)[0], (typeof results)[0]];
  const ratio = b.r.check / a.r.check;
  const lines = [
    '',
    heading('guarantee checks at scale'),
    '',
    `Command: \`npx tsx bench/guarantee.ts\` (BENCH_ARTICLES=${N}, BENCH_RUNS=${RUNS})`,
    '',
    `Code: commit ${commit()}.`,
    `Machine: ${machine()}, SQLite (better-sqlite3, WAL), load average ${loadAverage()} at the end.`,
    `Data (bench/guarantee-data.ts): one site, ${a.data.columns} columns, ${a.data.duties} duties (10% daily, 20% weekly per unit, 5% links, the rest update windows), ${a.data.units} units; articles over three years before ${a.data.day}, 1% listed in a second column, a ledger entry for every item of a weekly column.`,
    `Measured: \`StatusService.check({ at: '${a.data.day}', final: true })\` — every duty's status and the five site indicators, as \`govportal guarantee check --at\` computes them (median of ${RUNS} runs after a warm-up); and the month's 通报 figures per unit (\`ReportService.month\`).`,
    '',
    '| articles | ledger entries | database | check (median) | runs | month figures |',
    '|---:|---:|---:|---:|---|---:|',
    ...results.map(
      (x) =>
        `| ${x.data.articles.toLocaleString('en')} | ${x.data.submissions.toLocaleString('en')} | ${x.sizeMb.toFixed(0)} MB | **${x.r.check.toFixed(0)} ms** | ${x.r.checkRuns.map((v) => v.toFixed(0)).join(', ')} | ${x.r.month.toFixed(0)} ms |`,
    ),
    '',
    `4× the articles cost ${ratio.toFixed(2)}× the time (linear would be 4×). Statuses at ${a.data.day}: ${a.r.summary.met} met, ${a.r.summary.dueSoon} due soon, ${a.r.summary.breached} breached; indicators ${a.r.indicators}.`,
    '',
  ];
  appendResults(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
