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

export default defineConfig({
  // The admin app imports the server's contract as @contract (admin/vite.config.ts); its tests do too.
  resolve: { alias: { '@contract': new URL('./src/contract', import.meta.url).pathname } },
  test: {
    globalSetup: ['test/harness/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: dialects.map((dialect) => ({
      extends: true,
      test: {
        name: dialect,
        env: { TEST_DIALECT: dialect },
        include:
          dialect === 'sqlite'
            ? ['src/**/*.test.ts', 'test/**/*.test.ts']
            : ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
        exclude: browser ? [] : ['test/browser/**'],
      },
    })),
  },
});
