import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inside } from './static.paths.js';
import type { StaticRepository } from './static.repository.js';

// Files are written so that a reader (nginx) never sees half of one: the bytes go to a temporary file
// beside the final one, are flushed to disk, and the temporary file is renamed over the old one (an
// atomic replace on the same file system). The record (hash, size, tags) follows the rename.

export const sha256 = (body: Buffer) => crypto.createHash('sha256').update(body).digest('hex');

export type WriteResult = 'written' | 'unchanged';

export class StaticWriter {
  constructor(
    readonly root: string,
    private readonly repo: StaticRepository,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Make `rel` hold `body`. An unchanged file is left alone (its mtime too) unless `force` (the guard
   * restoring a file that differs from its record). Tags are recorded whenever they changed.
   */
  async put(siteId: number, rel: string, body: Buffer, tags: readonly string[], force = false): Promise<WriteResult> {
    const full = inside(this.root, rel);
    const hash = sha256(body);
    const record = await this.repo.find(rel);
    const sameTags = record && record.tags.join(' ') === [...new Set(tags)].sort().join(' ');
    if (
      !force &&
      record &&
      record.sha256 === hash &&
      record.siteId === siteId &&
      (await sizeOf(full)) === body.length
    ) {
      if (!sameTags) await this.repo.put({ siteId, path: rel, sha256: hash, size: body.length, tags }, this.now());
      return 'unchanged';
    }
    await atomicWrite(full, body);
    await this.repo.put({ siteId, path: rel, sha256: hash, size: body.length, tags }, this.now());
    return 'written';
  }

  /** Remove a file and its record; folders it leaves empty go too (up to the site's folder). */
  async remove(rel: string): Promise<void> {
    const full = inside(this.root, rel);
    await fs.promises.rm(full, { force: true });
    await this.repo.remove(rel);
    await this.pruneEmpty(path.dirname(full));
  }

  async pruneEmpty(dir: string): Promise<void> {
    const stop = path.resolve(this.root);
    for (let d = dir; d.startsWith(stop + path.sep) && path.dirname(d) !== stop; d = path.dirname(d)) {
      try {
        await fs.promises.rmdir(d);
      } catch {
        return; // not empty (or already gone): the folders above are not empty either
      }
    }
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

async function sizeOf(full: string): Promise<number | null> {
  try {
    return (await fs.promises.stat(full)).size;
  } catch {
    return null;
  }
}

/** Write, flush, rename: the temporary name is one the guard knows (static.paths.ts TEMP_FILE). */
export async function atomicWrite(full: string, body: Buffer): Promise<void> {
  const dir = path.dirname(full);
  await fs.promises.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(full)}.${crypto.randomBytes(6).toString('hex')}.gptmp`);
  const handle = await fs.promises.open(temp, 'w', 0o644);
  try {
    await handle.writeFile(body);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.promises.rename(temp, full);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
}
