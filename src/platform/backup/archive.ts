import crypto from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import { BackupError } from './backup-error.js';
import { MANIFEST_NAME, parseManifest, type Manifest, type PartRef } from './manifest.js';

// The backup file: a gzip-compressed tar whose first entry is manifest.json and whose other entries are
// the parts the manifest lists, each with its size and SHA-256. tar + gzip because any operator can open
// it with the tools on every server (`tar -tzf`), and the manifest first so that a reader knows what to
// expect before the first byte of data.

export interface PartSource {
  name: string;
  size: number;
  /** The SHA-256 the manifest declares; the bytes written are checked against it. */
  sha256: string;
  open(): NodeJS.ReadableStream;
}

/** Writes manifest + parts to `file` (through a temporary name, so a failed run leaves no half file). */
export async function writeArchive(
  file: string,
  manifest: Manifest,
  parts: Iterable<PartSource>,
  onPart: (name: string) => void = () => undefined,
): Promise<void> {
  const tmp = `${file}.${process.pid}.partial`;
  const pack = tar.pack();
  const out = fs.createWriteStream(tmp);
  const written = new Promise<void>((resolve, reject) => {
    const gzip = zlib.createGzip();
    pack.on('error', reject);
    gzip.on('error', reject);
    out.on('error', reject);
    out.on('close', resolve);
    pack.pipe(gzip).pipe(out);
  });
  try {
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 1), 'utf8');
    await addEntry(pack, MANIFEST_NAME, manifestBytes.length, () => bufferStream(manifestBytes));
    for (const part of parts) {
      const digest = await addEntry(pack, part.name, part.size, part.open);
      // A blob whose bytes no longer match its content address was damaged on disk: say so now,
      // not on the day of the restore.
      if (digest !== part.sha256)
        throw new BackupError(`文件 ${part.name} 的内容与记录的校验值不符（磁盘上的文件已损坏）`);
      onPart(part.name);
    }
    pack.finalize();
    await written;
    await fsyncFile(tmp);
    await fs.promises.rename(tmp, file);
  } catch (error) {
    pack.destroy();
    out.destroy();
    await fs.promises.rm(tmp, { force: true });
    throw error;
  }
}

function bufferStream(bytes: Buffer): NodeJS.ReadableStream {
  return Readable.from([bytes]);
}

function addEntry(pack: tar.Pack, name: string, size: number, open: () => NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    let seen = 0;
    const entry = pack.entry({ name, size, mode: 0o600 }, (error) => {
      if (error) reject(error);
      else if (seen !== size) reject(new BackupError(`文件 ${name} 在备份过程中被改动（大小不符）`));
      else resolve(hash.digest('hex'));
    });
    const source = open();
    source.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      hash.update(chunk);
    });
    source.on('error', reject);
    source.pipe(entry as unknown as NodeJS.WritableStream);
  });
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** What a reader of one part gets: its bytes in order; it must read them all. */
export type PartReader = (part: PartRef, chunks: AsyncIterable<Buffer>) => Promise<void>;

/**
 * Reads the archive from the start: the manifest, then every part, each checked against the manifest's
 * size and SHA-256 once its last byte is read (`read` sees the bytes before the check: callers that
 * act on them either run a verify-only pass first or work inside a transaction they can roll back).
 * Any difference ends the read with a BackupError that names the part.
 */
export async function readArchive(file: string, read: PartReader | null): Promise<Manifest> {
  if (!fs.existsSync(file)) throw new BackupError(`备份文件不存在：${file}`);
  const extract = tar.extract();
  const input = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  const damaged = (e: Error) =>
    extract.destroy(new BackupError(`备份文件已损坏，无法解压（${e.message}）。请换用另一份备份`));
  input.on('error', (e) => extract.destroy(e));
  gunzip.on('error', damaged);
  input.pipe(gunzip).pipe(extract as unknown as NodeJS.WritableStream);

  let manifest: Manifest | null = null;
  const expected = new Map<string, PartRef>();
  try {
    for await (const entry of extract) {
      const name = entry.header.name;
      if (!manifest) {
        if (name !== MANIFEST_NAME) throw new BackupError('这不是 govportal 的备份文件（缺少 manifest.json）');
        manifest = parseManifest(await collect(entry as AsyncIterable<Buffer>));
        for (const p of allParts(manifest)) expected.set(p.name, p);
        continue;
      }
      const part = expected.get(name);
      if (!part) throw new BackupError(`备份文件中有清单未列出的内容：${name}（文件被改动过）`);
      expected.delete(name);
      const hash = crypto.createHash('sha256');
      let size = 0;
      const checked = (async function* () {
        for await (const chunk of entry as AsyncIterable<Buffer>) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      })();
      if (read) {
        try {
          await read(part, checked);
        } catch (error) {
          // The reader's own failure (a database refusing a row) is not a damaged file: pass it on as it is.
          throw new ReaderError(error);
        }
      } else for await (const _ of checked);
      if (size !== part.size || hash.digest('hex') !== part.sha256)
        throw new BackupError(`备份文件已损坏或被改动：${name} 的校验值（SHA-256）与清单不符。请换用另一份备份`);
    }
  } catch (error) {
    extract.destroy();
    input.destroy();
    if (error instanceof ReaderError) throw error.cause;
    if (error instanceof BackupError) throw error;
    throw new BackupError(`备份文件已损坏，无法读取（${(error as Error).message}）。请换用另一份备份`);
  }
  if (!manifest) throw new BackupError('备份文件是空的或不完整（没有 manifest.json）');
  if (expected.size > 0)
    throw new BackupError(`备份文件不完整：缺少 ${[...expected.keys()].slice(0, 3).join('、')} 等 ${expected.size} 项`);
  return manifest;
}

class ReaderError extends Error {
  constructor(cause: unknown) {
    super('reader failed', { cause });
  }
}

function allParts(m: Manifest): PartRef[] {
  return [...m.tables.map((t) => t.part), ...m.files, ...(m.secretKey ? [m.secretKey] : [])];
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

/** The lines of a UTF-8 text part, without their newline. */
export async function* lines(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of chunks) {
    rest += decoder.write(chunk);
    let at = rest.indexOf('\n');
    while (at >= 0) {
      yield rest.slice(0, at);
      rest = rest.slice(at + 1);
      at = rest.indexOf('\n');
    }
  }
  rest += decoder.end();
  if (rest) yield rest;
}
