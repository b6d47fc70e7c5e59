import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { projectRoot, type Config } from '../../platform/config.js';
import type { DB } from '../../platform/db/tables.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { EventBus } from '../../platform/events.js';
import type { Settings } from '../../platform/settings.js';
import type { AttachmentsService } from '../content/attachments.service.js';
import type { NotifyService } from '../notify/notify.service.js';
import type { Portal } from '../portal/portal.js';
import type { SitesService } from '../sites/sites.service.js';
import { StaticGuard, staticScanJob } from './static.guard.js';
import { inProcessStaticLock, type StaticWriteLock } from './static.lock.js';
import { StaticRenderer } from './static.render.js';
import { StaticRepository } from './static.repository.js';
import { StaticPublisher } from './static.service.js';
import { StaticWriter } from './static.writer.js';

// Static publishing's parts (docs/static-publishing.md), wired once in the composition root.

export interface StaticPublishingDeps {
  db: Kysely<DB>;
  uow: UnitOfWork;
  events: EventBus;
  settings: Settings;
  sites: SitesService;
  attachments: AttachmentsService;
  portal: Portal;
  notify: NotifyService;
  logger: Logger;
  /** One writer per site; a database lease when several processes write (static.lock.ts). */
  lock?: StaticWriteLock;
}

const FINGERPRINT_KEY = 'static.fingerprint';

export function createStaticPublishing(config: Config, d: StaticPublishingDeps) {
  const { dir, enabled, scanMinutes } = config.staticPublish;
  const repo = new StaticRepository(d.db);
  const writer = new StaticWriter(dir, repo);
  const renderer = new StaticRenderer(d.portal, d.attachments, repo, config.publicBaseUrl);
  const publisher = new StaticPublisher(
    repo,
    writer,
    renderer,
    d.sites,
    d.portal.dependents,
    d.lock ?? inProcessStaticLock(),
    d.logger,
  );
  const guard = new StaticGuard(
    dir,
    path.join(config.dataDir, 'quarantine'),
    repo,
    publisher,
    d.sites,
    d.uow,
    d.notify,
    d.logger,
  );
  // After commit: a rolled-back change writes nothing, and the files follow only what readers can see.
  if (enabled) d.events.onCommitted((event) => publisher.onEvent(event));

  /**
   * At start: when the themes or the program changed since the files were written (an upgrade, a new
   * template), every site is regenerated in the background; unchanged files are left alone.
   */
  async function catchUp(): Promise<boolean> {
    const now = fingerprint(config.themesDir);
    if ((await d.settings.get<string | null>(FINGERPRINT_KEY, null)) === now) return false;
    publisher.requestAll();
    await publisher.idle();
    await d.settings.set(d.db, FINGERPRINT_KEY, now);
    return true;
  }

  return {
    enabled,
    dir,
    publisher,
    renderer,
    guard,
    catchUp,
    scanJob: () => staticScanJob(guard, scanMinutes, d.logger),
  };
}

export type StaticPublishing = ReturnType<typeof createStaticPublishing>;

/** The program's version and every theme file's name and bytes. */
function fingerprint(themesDir: string): string {
  const hash = crypto.createHash('sha256');
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  hash.update(`govportal ${pkg.version}\n`);
  const files = fs.existsSync(themesDir)
    ? fs
        .readdirSync(themesDir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.join(e.parentPath, e.name))
        .sort()
    : [];
  for (const f of files) hash.update(`${path.relative(themesDir, f)}\n`).update(fs.readFileSync(f));
  return hash.digest('hex');
}
