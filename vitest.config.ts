import { defineConfig } from 'vitest/config';

// GOVPORTAL_TEST_DIALECTS picks the databases: "sqlite" (default), "all", or a list such as
// "sqlite,postgres". Database tests (*.db.test.ts) run once per dialect; pure tests and browser tests
// run once, on SQLite.
const ALL = ['sqlite', 'postgres', 'mysql'] as const;
const wanted = (process.env.GOVPORTAL_TEST_DIALECTS ?? 'sqlite').trim();
const dialects =
  wanted === 'all'
    ? [...ALL]
    : wanted
        .split(',')
        .map((d) => d.trim())
        .filter((d) => d);
for (const d of dialects)
  if (!(ALL as readonly string[]).includes(d)) throw new Error(`GOVPORTAL_TEST_DIALECTS 含未知数据库：${d}`);

const browser = process.env.GOVPORTAL_TEST_BROWSER !== 'off';
// GOVPORTAL_TEST_PART splits the suite in two runs (test/run.sh): "servers" (everything but the browser
// tests) and "browser" (the browser tests alone). Unset: both in one run.
const part = process.env.GOVPORTAL_TEST_PART ?? 'all';
if (!['all', 'servers', 'browser'].includes(part)) throw new Error(`GOVPORTAL_TEST_PART 无效：${part}`);
// Server-side test files spend most of their time waiting on a database server, so three run at once on
// CI's two cores (vitest's default is one fewer than the cores: a single one). Browser tests keep the
// cores busy themselves (chromium, the server, the admin app) and run one at a time: in parallel they
// took twice as long each and one ran out of time. GOVPORTAL_TEST_WORKERS overrides; docs/testing.md.
const workers = Number(process.env.GOVPORTAL_TEST_WORKERS ?? (part === 'browser' ? 1 : 3));
// The server-side files also share each worker's loaded modules (no isolation): every file imports the
// whole app, and importing it afresh for each of some 330 files was a quarter of the suite's CPU time.
// Each file still builds its own app and database; nothing of the app lives at module level.
const isolate = part !== 'servers';
if (!Number.isInteger(workers) || workers < 1) throw new Error('GOVPORTAL_TEST_WORKERS 应为正整数');
const BROWSER = 'test/browser/**';

export default defineConfig({
  // The admin app imports the server's contract as @contract (admin/vite.config.ts); its tests do too.
  resolve: { alias: { '@contract': new URL('./src/contract', import.meta.url).pathname } },
  test: {
    globalSetup: ['test/harness/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: workers,
    isolate,
    projects: (part === 'browser' ? ['sqlite'] : dialects).map((dialect) => ({
      extends: true,
      test: {
        name: dialect,
        env: { TEST_DIALECT: dialect },
        include:
          part === 'browser'
            ? [`${BROWSER}/*.test.ts`]
            : dialect === 'sqlite'
              ? ['src/**/*.test.ts', 'test/**/*.test.ts']
              : ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
        exclude: browser && part !== 'servers' ? [] : [BROWSER],
      },
    })),
  },
});
