import fs from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from 'pino';
import { systemActor } from '../../platform/auth/actor.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { Job } from '../../platform/jobs/worker.js';
import type { NotifyService } from '../notify/notify.service.js';
import type { SitesService } from '../sites/sites.service.js';
import { inside, relOf, TEMP_FILE } from './static.paths.js';
import type { StaticRepository } from './static.repository.js';
import type { StaticPublisher } from './static.service.js';
import { sha256 } from './static.writer.js';

// 网页防篡改 for the output folder (issue 15 item 3). Every file static publishing wrote has its hash in
// the record; a watcher on the folder (inotify through chokidar) and a periodic full scan compare the
// files with it. A changed or deleted file is rendered again and rewritten, a file that was never
// published is moved to <DATA_DIR>/quarantine/<time>/<path>; each event is recorded in the audit log
// (`static.tampered`) and the website centre and the administrators are warned.
//
// The writer's own work raises no alarm: a file is judged under the site's write lock, after the
// writer's rename and record (both made while it holds the lock), and our temporary files are given a
// grace period before one left behind counts as unknown.

const GUARD = systemActor('static-guard');

export type TamperKind = 'changed' | 'deleted' | 'unknown';
export type TamperAction = 'restored' | 'removed' | 'quarantined';

export interface Incident {
  path: string;
  kind: TamperKind;
  action: TamperAction;
  quarantinedTo?: string;
}

const KIND_LABELS: Record<TamperKind, string> = { changed: '被修改', deleted: '被删除', unknown: '不是系统发布的文件' };
const ACTION_LABELS: Record<TamperAction, string> = {
  restored: '已按发布内容恢复',
  removed: '该页面已不再发布，已删除',
  quarantined: '已移入隔离区',
};

export interface GuardOptions {
  /** Events for one path within this time are judged once. */
  debounceMs?: number;
  /** How long one of our temporary files may exist before it counts as unknown. */
  tempGraceMs?: number;
  clock?: () => Date;
}

export class StaticGuard {
  private watcher: FSWatcher | null = null;
  private starting: Promise<void> | null = null;
  private readonly noted = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<unknown> = Promise.resolve();
  private readonly debounceMs: number;
  private readonly tempGraceMs: number;
  private readonly clock: () => Date;

  constructor(
    private readonly root: string,
    private readonly quarantineRoot: string,
    private readonly repo: StaticRepository,
    private readonly publisher: StaticPublisher,
    private readonly sites: SitesService,
    private readonly uow: UnitOfWork,
    private readonly notify: NotifyService,
    private readonly log: Logger,
    options: GuardOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 300;
    this.tempGraceMs = options.tempGraceMs ?? 30_000;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Watch the folder (the worker process does; one watcher per machine is enough). */
  start(): Promise<void> {
    this.starting ??= this.watch();
    return this.starting;
  }

  private async watch(): Promise<void> {
    await fs.promises.mkdir(this.root, { recursive: true });
    const watcher = watch(this.root, { ignoreInitial: true, atomic: false, alwaysStat: false });
    const note = (full: string) => this.note(relOf(this.root, full));
    watcher.on('add', note).on('change', note).on('unlink', note);
    watcher.on('unlinkDir', (full) => void this.noteFolder(relOf(this.root, full)));
    watcher.on('error', (error) => this.log.error({ err: error }, '静态目录监视出错'));
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    this.watcher = watcher;
  }

  async stop(): Promise<void> {
    // A watcher still starting (the folder's first walk) is closed once it is up, never left running.
    await this.starting?.catch(() => undefined);
    this.starting = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.watcher?.close();
    this.watcher = null;
    await this.checking;
  }

  /** Compare every file and every record; what differs is handled like a watcher event. */
  async scan(): Promise<Incident[]> {
    const records = new Map((await this.repo.all()).map((r) => [r.path, r]));
    const suspects = new Set<string>();
    const seen = new Set<string>();
    const entries = fs.existsSync(this.root)
      ? await fs.promises.readdir(this.root, { recursive: true, withFileTypes: true })
      : [];
    for (const e of entries) {
      if (e.isDirectory()) continue;
      const rel = relOf(this.root, path.join(e.parentPath, e.name));
      seen.add(rel);
      const r = records.get(rel);
      if (!r || !e.isFile()) suspects.add(rel);
      else {
        const body = await readOrNull(path.join(e.parentPath, e.name));
        if (!body || body.length !== r.size || sha256(body) !== r.sha256) suspects.add(rel);
      }
    }
    for (const rel of records.keys()) if (!seen.has(rel)) suspects.add(rel);
    return this.check([...suspects]);
  }

  /** Judge these paths now and deal with what differs from the record (serialised with other checks). */
  check(rels: readonly string[]): Promise<Incident[]> {
    const run = this.checking.then(() => this.checkNow(rels));
    this.checking = run.catch(() => undefined);
    return run;
  }

  private async checkNow(rels: readonly string[]): Promise<Incident[]> {
    const stamp = this.clock().toISOString().replace(/[:.]/g, '-');
    const incidents: Incident[] = [];
    for (const rel of [...new Set(rels)].sort()) {
      try {
        const found = await this.judge(rel, stamp);
        if (found) incidents.push(found);
      } catch (error) {
        this.log.error({ err: error, path: rel }, '静态文件核对失败');
      }
    }
    if (incidents.length) await this.record(incidents);
    return incidents;
  }

  private async judge(rel: string, stamp: string): Promise<Incident | null> {
    const full = inside(this.root, rel);
    if (TEMP_FILE.test(rel)) {
      const st = await lstatOrNull(full);
      if (!st) return null;
      const age = this.clock().getTime() - st.mtimeMs;
      if (age < this.tempGraceMs) {
        // Ours while a write is under way; one still here after the grace period is not.
        setTimeout(() => this.note(rel), this.tempGraceMs - age + 50).unref();
        return null;
      }
      return this.quarantine(rel, stamp);
    }
    const code = rel.split('/')[0]!;
    const site = (await this.repo.find(rel))?.siteId ?? (await this.sites.getByCode(code))?.id;
    if (site === undefined) return (await lstatOrNull(full)) ? this.quarantine(rel, stamp) : null;
    return this.publisher.withStaticWriteLock(site, async () => {
      const record = await this.repo.find(rel);
      const st = await lstatOrNull(full);
      if (!record) return st ? this.quarantine(rel, stamp) : null;
      let kind: TamperKind;
      if (!st) kind = 'deleted';
      else {
        const body = st.isFile() ? await readOrNull(full) : null;
        if (body && body.length === record.size && sha256(body) === record.sha256) return null;
        kind = 'changed';
      }
      const owner = await this.sites.findById(record.siteId);
      if (!owner) {
        // A deleted site's file the next full run would remove anyway: removed now, with its record.
        await this.publisher.forget(rel);
        return { path: rel, kind, action: 'removed' };
      }
      const done = await this.publisher.regeneratePath(owner, rel, true);
      return { path: rel, kind, action: done === 'removed' ? 'removed' : 'restored' };
    });
  }

  private async quarantine(rel: string, stamp: string): Promise<Incident> {
    const from = inside(this.root, rel);
    const to = path.join(this.quarantineRoot, stamp, ...rel.split('/'));
    await fs.promises.mkdir(path.dirname(to), { recursive: true });
    try {
      await fs.promises.rename(from, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      // The quarantine is on another file system than the output folder: copy, then remove.
      await fs.promises.cp(from, to, { verbatimSymlinks: true });
      await fs.promises.rm(from, { force: true });
    }
    return { path: rel, kind: 'unknown', action: 'quarantined', quarantinedTo: to };
  }

  /** One audit record per file, one notice per round (an attack may touch thousands of files). */
  private async record(incidents: Incident[]): Promise<void> {
    const guardians = await this.repo.guardians();
    await this.uow.run(async (trx, emit) => {
      for (const i of incidents)
        await emit({
          type: 'static.tampered',
          actor: GUARD,
          entityType: 'static_file',
          entityId: i.path,
          summary: `网页防篡改：${i.path} ${KIND_LABELS[i.kind]}，${ACTION_LABELS[i.action]}${i.quarantinedTo ? `（${i.quarantinedTo}）` : ''}`,
          details: { ...i },
        });
      const shown = incidents.slice(0, 10).map((i) => `${i.path}：${KIND_LABELS[i.kind]}，${ACTION_LABELS[i.action]}`);
      await this.notify.notifyIn(trx, {
        accountIds: guardians,
        kind: 'static.tampered',
        title: `网页防篡改：发现 ${incidents.length} 个文件被改动，已处理`,
        body: `静态页面目录中以下文件与发布记录不符，系统已自动处理：\n${shown.join('\n')}${incidents.length > 10 ? `\n……共 ${incidents.length} 个，详见审计日志（static.tampered）` : ''}\n请检查服务器是否被入侵（登录记录、上传目录、运维账号），并保留隔离区中的文件备查。`,
      });
    });
    this.log.warn({ incidents: incidents.length }, '网页防篡改：发现并处理了被改动的文件');
  }

  private note(rel: string): void {
    if (rel.startsWith('..')) return;
    this.noted.add(rel);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const rels = [...this.noted];
      this.noted.clear();
      void this.check(rels);
    }, this.debounceMs);
    this.timer.unref();
  }

  /** A removed folder: every recorded file under it. */
  private async noteFolder(rel: string): Promise<void> {
    for (const r of await this.repo.all()) if (r.path.startsWith(`${rel}/`)) this.note(r.path);
  }
}

async function lstatOrNull(full: string): Promise<fs.Stats | null> {
  try {
    return await fs.promises.lstat(full);
  } catch {
    return null; // gone: that is the answer
  }
}

async function readOrNull(full: string): Promise<Buffer | null> {
  try {
    return await fs.promises.readFile(full);
  } catch {
    return null; // removed between listing and reading: judged as deleted
  }
}

/** The periodic full scan (the watcher misses what happens while no process runs). */
export function staticScanJob(guard: StaticGuard, everyMinutes: number, log: Logger): Job {
  return {
    name: 'static.scan',
    everyMs: everyMinutes * 60_000,
    run: async () => {
      const found = await guard.scan();
      if (found.length) log.warn({ found: found.length }, 'static scan handled tampered files');
    },
  };
}
