import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { startDovecot } from '../test/harness/dovecot.js';
import { makeColumn, makeSite, makeUnit, system } from '../test/harness/factories.js';
import { composeMail, legacyMail } from '../test/harness/mails.js';
import { appendResults, commit, heading, loadAverage, machine } from './report.js';

// E-mail intake throughput: a Dovecot mailbox (Debian's, throwaway configuration) filled with
// BENCH_MAILS messages (default 1,000: 80% plain text from a registered unit address, 10% GBK with a
// picture, 10% from unknown senders → 待认领), then one poller round into a fresh SQLite database.
// Reports mails per second for the round and appends the figures to bench/RESULTS.md.
//
//   npx tsx bench/mail-intake.ts

const MAILS = Number(process.env.BENCH_MAILS ?? 1000);
const png = fs.readFileSync(path.join(import.meta.dirname, '../test/fixtures/red.png'));

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-bench-mail-'));
const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', GOVPORTAL_DEMO: 'off', WORKER: 'off' }, {});
const app = await buildApp(config);
const s = app.services;
const dovecot = await startDovecot();
try {
  const site = await makeSite(s, { hosts: ['www.bench.test'] });
  const column = await makeColumn(s, site.id, '部门动态');
  const unit = await makeUnit(s, '财政局');
  await s.database.db.insertInto('unit_emails').values({ unit_id: unit.id, email: 'czj@lianshui.gov.cn' }).execute();
  await s.intake.service.setUnitColumn(system, unit.id, column.id);
  await s.intake.mailbox.put(system, {
    enabled: true,
    host: dovecot.host,
    port: dovecot.port,
    security: 'none',
    user: dovecot.user,
    password: dovecot.password,
    folder: 'INBOX',
    pollSeconds: 60,
    maxMessageMb: 25,
    receipts: false,
    defaultColumnId: null,
  });
  const fillStart = performance.now();
  const c = dovecot.client();
  await c.connect();
  let bytes = 0;
  for (let i = 0; i < MAILS; i++) {
    const kind = i % 10;
    const raw =
      kind === 8
        ? await legacyMail({
            charset: 'GBK',
            from: 'czj@lianshui.gov.cn',
            subject: `【财政局】第${i}号信息`,
            text: '财政信息正文。'.repeat(20),
            file: { name: `图片${i}.png`, bytes: png, contentType: 'image/png' },
          })
        : await composeMail({
            from: kind === 9 ? `unknown${i}@qq.com` : 'czj@lianshui.gov.cn',
            subject: `第${i}号信息`,
            text: `第${i}号信息的正文。${'县财政局召开工作会议，部署下一阶段工作。'.repeat(10)}`,
          });
    bytes += raw.length;
    await c.append('INBOX', raw);
  }
  await c.logout();
  const fillMs = performance.now() - fillStart;

  const start = performance.now();
  const r = await s.intake.poller.poll();
  const ms = performance.now() - start;
  const rate = (r.seen / ms) * 1000;
  const again = performance.now();
  const second = await s.intake.poller.poll();
  const secondMs = performance.now() - again;
  console.log({ ...r, ms: Math.round(ms), perSecond: rate.toFixed(1), fillMs: Math.round(fillMs), second, secondMs });

  appendResults(
    `${heading(`e-mail intake from a mailbox of ${MAILS.toLocaleString('en')} messages`)}

\`npx tsx bench/mail-intake.ts\`; code: commit ${commit()}; machine: ${machine()}, SQLite, Dovecot
on loopback; load average ${loadAverage()} at the end. ${(bytes / 1024 / 1024).toFixed(1)} MB of mail; 80% plain text from a registered address,
10% GBK with a picture, 10% unknown senders (待认领). One poller round: each mail parsed, its draft,
files and ledger entry written in one transaction.

| mails | drafted | 待认领 | round | mails/s | second round (nothing new) |
|---|---|---|---|---|---|
| ${r.seen.toLocaleString('en')} | ${r.drafted} | ${r.unclaimed} | ${(ms / 1000).toFixed(1)} s | **${rate.toFixed(1)}** | ${Math.round(secondMs)} ms |
`,
  );
} finally {
  await dovecot.stop();
  await app.server.close();
  await s.database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
