import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../src/app.js';
import { ArticleInput } from '../src/modules/content/content.schemas.js';
import { systemActor } from '../src/platform/auth/actor.js';
import { terminalProgress } from '../src/platform/cli/progress.js';
import { loadConfig } from '../src/platform/config.js';
import { createDatabase } from '../src/platform/db/database.js';
import { createServices } from '../src/services.js';
import { publishForTest } from '../test/harness/publish.js';
import { generatePortal } from './pages-data.js';
import { fmt } from './pages-run.js';
import { appendResults, commit, heading, loadAverage, machine } from './report.js';

// Static publishing at scale (issue 15's quality bar): the output folder of a site of BENCH_ARTICLES
// published items built whole (`govportal publish --all`'s call: pages per second, the process's CPU
// time), built again with nothing changed (every file rendered and hashed, none written), and the
// regeneration after one change made the real way — a new item published through review into the
// busiest column, then the same item taken down: the time from the commit until the folder is in step,
// and how many files were written or removed (the item's page, every list page of its columns up the
// tree whose items shifted, the feeds, the sitemap, the home page).
//
//   npx tsx bench/static.ts        (BENCH_ARTICLES=100000; BENCH_STATIC_AGAIN=off skips the second build)
//
// The data come from bench/pages-data.ts (written straight into SQLite); the result is appended to
// bench/RESULTS.md.

const N = Number(process.env.BENCH_ARTICLES ?? 100_000);
const system = systemActor('bench');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-static-'));
const file = path.join(dir, 'bench.db');
const out = path.join(dir, 'public');
try {
  const data = await generatePortal(dir, file, N);
  const url = `sqlite:${file}`;
  const config = loadConfig({
    DATA_DIR: dir,
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    GOVPORTAL_DEMO: 'off',
    WORKER: 'off',
    STATIC_PUBLISH: 'on',
    STATIC_DIR: out,
  });
  const database = createDatabase('sqlite', url);
  const s = createServices(config, database, createLogger(config));
  const publisher = s.staticPublishing.publisher;

  const timed = async <T>(work: () => Promise<T>) => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const value = await work();
    const used = process.cpuUsage(cpu);
    return { value, seconds: (performance.now() - t) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
  };
  const files = () => fs.readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  const bytes = () => files().reduce((t, e) => t + fs.statSync(path.join(e.parentPath, e.name)).size, 0);

  const progress = terminalProgress();
  const full = await timed(() => publisher.rebuild(null, progress));
  progress.done();
  const total = files().length;
  const size = bytes();
  const again = process.env.BENCH_STATIC_AGAIN === 'off' ? null : await timed(() => publisher.rebuild(null));

  // One change the real way: a new item in the column of the newest sampled item, through review.
  const newest = data.sampleIds.at(-1)!;
  const home = await database.db
    .selectFrom('articles')
    .select(['column_id', 'unit_id'])
    .where('id', '=', newest)
    .executeTakeFirstOrThrow();
  const created = await s.articles.create(
    system,
    ArticleInput.parse({
      columnId: home.column_id,
      unitId: home.unit_id,
      title: '县政府召开常务会议研究部署近期重点工作',
      bodyHtml: '<p>会议研究部署了近期重点工作。</p>',
    }),
  );
  const mtimes = () =>
    new Map(
      files().map((e) => [path.join(e.parentPath, e.name), fs.statSync(path.join(e.parentPath, e.name)).mtimeMs]),
    );
  const LIST = /[\\/]c[\\/].+[\\/]index(_\d+)?\.html$/;
  const changedSince = (before: Map<string, number>) => {
    const now = mtimes();
    let written = 0;
    let lists = 0;
    for (const [f, m] of now)
      if (before.get(f) !== m) {
        written++;
        if (LIST.test(f)) lists++;
      }
    let removed = 0;
    for (const f of before.keys()) if (!now.has(f)) removed++;
    return { written, removed, lists };
  };
  let before = mtimes();
  // Timed from the review's first step: the regeneration starts at the publishing commit, inside it.
  const publishRegen = await timed(async () => {
    await publishForTest(s, created.id);
    await publisher.idle();
  });
  const publishFiles = changedSince(before);

  before = mtimes();
  const takeDownRegen = await timed(async () => {
    await s.publishing.unpublish(system, created.id, '测试下线');
    await publisher.idle();
  });
  const takeDownFiles = changedSince(before);
  await database.close();

  appendResults(
    [
      heading(`static publishing at ${fmt(N)} articles`),
      '',
      `Command: \`npx tsx bench/static.ts\` (BENCH_ARTICLES=${N})`,
      '',
      `Code: commit ${commit()}. Machine: ${machine()}, SQLite; load average ${loadAverage()} at the end.`,
      `Data: bench/pages-data.ts (${fmt(N)} published items written straight into SQLite, ${data.lists.length} list columns); output on the local disk.`,
      '',
      '| what | time | CPU time | files | pages/s |',
      '|---|---:|---:|---:|---:|',
      `| full build (\`publish --all\`'s call), empty folder | ${fmt(full.seconds, 1)} s | ${fmt(full.cpuSeconds, 1)} s | ${fmt(full.value.written)} written of ${fmt(full.value.rendered)} (${fmt(size / 1e6, 0)} MB) | **${fmt(full.value.rendered / full.seconds)}** |`,
      ...(again
        ? [
            `| full build again, nothing changed | ${fmt(again.seconds, 1)} s | ${fmt(again.cpuSeconds, 1)} s | ${fmt(again.value.written)} written of ${fmt(again.value.rendered)} | ${fmt(again.value.rendered / again.seconds)} |`,
          ]
        : []),
      `| one new item: review, publishing and the folder in step | **${fmt(publishRegen.seconds * 1000)} ms** | ${fmt(publishRegen.cpuSeconds * 1000)} ms | ${publishFiles.written} written (${publishFiles.lists} list pages), ${publishFiles.removed} removed | — |`,
      `| taking it down and the folder in step | **${fmt(takeDownRegen.seconds * 1000)} ms** | ${fmt(takeDownRegen.cpuSeconds * 1000)} ms | ${takeDownFiles.written} written (${takeDownFiles.lists} list pages), ${takeDownFiles.removed} removed | — |`,
      '',
      `The folder held ${fmt(total)} files. List pages are numbered from the oldest (src/modules/portal/list-pages.ts): a new item changes the newest page of its column and of each column above it, and the last archive pages only when it closes a block; the take-down of the newest item undoes that and removes the item's page.`,
      '',
    ].join('\n'),
  );
  console.log(
    `done: ${fmt(total)} files; full ${fmt(full.seconds, 1)} s; publish regen ${fmt(publishRegen.seconds * 1000)} ms`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
