import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { launchBrowser } from '../test/harness/browser.js';

// The admin app's first load: what a browser with an empty cache transfers to show the sign-in form,
// and how long until the user-name field can be typed in, in Debian's chromium on loopback.
//
//   npm run build && npx tsx bench/admin-login.ts     (BENCH_ROUNDS=7)
//
// Each round is a fresh browser context (empty cache). Bytes are what went over the wire (compressed
// where the server compressed), from the DevTools protocol; the time is from navigation start.

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-bench-login-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', GOVPORTAL_DEMO: 'off' });
  const { server } = await buildApp(config);
  await server.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}/admin/login`;
  const browser = await launchBrowser();
  const rounds: Array<{ bytes: number; requests: number; ms: number }> = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      let bytes = 0;
      let requests = 0;
      cdp.on('Network.loadingFinished', (e) => {
        bytes += e.encodedDataLength;
        requests++;
      });
      const start = Date.now();
      await page.goto(url);
      await page.getByLabel('用户名').waitFor({ state: 'visible' });
      const ms = Date.now() - start;
      await page.waitForLoadState('networkidle');
      rounds.push({ bytes, requests, ms });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const sorted = [...rounds].sort((a, b) => a.ms - b.ms);
  const median = sorted[Math.floor(sorted.length / 2)] as (typeof rounds)[number];
  console.log(
    JSON.stringify(
      {
        rounds: ROUNDS,
        transferredKB: Math.round(median.bytes / 1024),
        requests: median.requests,
        msToFormMedian: median.ms,
        msToFormMin: sorted[0]?.ms,
        msToFormMax: sorted.at(-1)?.ms,
        loadavg: os.loadavg().map((x) => x.toFixed(2)),
      },
      null,
      2,
    ),
  );
}

await main();
