import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** Where uploaded files live. The disk store is the default; an S3 store can implement the same. */
export interface BlobStore {
  /** Store bytes; returns their key (content-addressed, so the same file is kept once). */
  put(bytes: Buffer): Promise<{ key: string; sha256: string; size: number }>;
  stream(key: string): Readable;
  read(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
}

export class DiskBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    if (!/^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key)) throw new Error(`无效的存储键：${key}`);
    return path.join(this.root, key);
  }

  async put(bytes: Buffer) {
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const key = `${sha256.slice(0, 2)}/${sha256}`;
    const target = this.file(key);
    if (!(await this.exists(key))) {
      await fsp.mkdir(path.dirname(target), { recursive: true });
      // Write, flush, then rename: a crash leaves either the whole file or none of it. The temporary
      // name is unique per write: uploads of the same bytes at the same moment each write their own
      // and the renames replace the file with identical bytes.
      const tmp = `${target}.${process.pid}.${crypto.randomBytes(8).toString('hex')}.tmp`;
      const handle = await fsp.open(tmp, 'w');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await fsp.rename(tmp, target);
      } catch (error) {
        await fsp.rm(tmp, { force: true });
        throw error;
      }
    }
    return { key, sha256, size: bytes.length };
  }

  stream(key: string): Readable {
    return fs.createReadStream(this.file(key));
  }

  read(key: string): Promise<Buffer> {
    return fsp.readFile(this.file(key));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await fsp.access(this.file(key));
      return true;
    } catch {
      return false; // absent is an answer, not an error
    }
  }
}
