import zlib from 'node:zlib';

// Office files (.docx, .xlsx) are ZIP archives, and a ZIP can say "300 MB" in 300 KB: a 735 KB .docx
// whose document.xml inflates to 300 MB took the whole server down in the pre-publish check. Before
// any library opens an archive, its entries are counted and each one is really inflated (streamed,
// nothing kept) against a budget for the whole archive, so the sizes an archive declares about
// itself are never trusted. Only what the libraries we use can read is accepted: stored and deflated
// entries, no ZIP64.

export interface ArchiveLimits {
  /** Most entries an archive may hold. */
  maxEntries: number;
  /** Most bytes all entries together may inflate to. */
  maxInflatedBytes: number;
}

const MiB = 1024 * 1024;
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxEntries: 10_000, maxInflatedBytes: 200 * MiB };

let configured: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS;

/** Set once at start from the configuration (ARCHIVE_MAX_MB, ARCHIVE_MAX_ENTRIES). */
export function setArchiveLimits(limits: ArchiveLimits): void {
  configured = { ...limits };
}

export function archiveLimits(): ArchiveLimits {
  return configured;
}

export type ArchiveRefusalReason = 'entries' | 'inflated' | 'format';

/** An archive refused before any library read it; `message` is for the person who uploaded it. */
export class ArchiveRefused extends Error {
  constructor(
    readonly reason: ArchiveRefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'ArchiveRefused';
  }
}

const mb = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

const refuseFormat = (what: string) =>
  new ArchiveRefused('format', `压缩文档结构无效（${what}），文件可能已损坏，已拒绝读取`);

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function centralDirectory(buf: Buffer, limits: ArchiveLimits): Entry[] {
  // The end record sits in the last 22 bytes plus at most a 65,535-byte comment.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw refuseFormat('找不到目录');
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff)
    throw new ArchiveRefused('format', '压缩文档使用了 ZIP64 格式（超大文档），系统不读取此类文件');
  if (count > limits.maxEntries)
    throw new ArchiveRefused('entries', `压缩文档包含 ${count} 个文件，超过上限 ${limits.maxEntries} 个，已拒绝读取`);
  if (offset + size > eocd) throw refuseFormat('目录越界');
  const entries: Entry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw refuseFormat('目录项无效');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    if (compressedSize === 0xffffffff || localOffset === 0xffffffff)
      throw new ArchiveRefused('format', '压缩文档使用了 ZIP64 格式（超大文档），系统不读取此类文件');
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    entries.push({ name, method, compressedSize, localOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflate a deflated entry into nothing, counting; stops as soon as the budget is spent. */
function inflatedLength(data: Buffer, budget: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = zlib.createInflateRaw();
    let total = 0;
    let over = false;
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > budget && !over) {
        over = true;
        inflate.destroy();
        resolve(total);
      }
    });
    inflate.on('end', () => resolve(total));
    inflate.on('error', (e) => (over ? undefined : reject(refuseFormat(`数据无法解压：${e.message}`))));
    inflate.end(data);
  });
}

/**
 * Check an archive against the limits without keeping anything it inflates. Resolves with what it
 * holds; rejects with ArchiveRefused (a Chinese message) when it is too big, holds too many entries,
 * or is not a ZIP the system can read.
 */
export async function inspectZip(
  bytes: Uint8Array,
  limits: ArchiveLimits = archiveLimits(),
): Promise<{ entries: number; inflatedBytes: number }> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = centralDirectory(buf, limits);
  let total = 0;
  const tooBig = () =>
    new ArchiveRefused(
      'inflated',
      `压缩文档解压后超过 ${mb(limits.maxInflatedBytes)} MB（疑似“压缩炸弹”），已拒绝读取`,
    );
  for (const e of entries) {
    const p = e.localOffset;
    if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) throw refuseFormat(`文件头无效：${e.name}`);
    const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
    const end = start + e.compressedSize;
    if (end > buf.length) throw refuseFormat(`数据越界：${e.name}`);
    const data = buf.subarray(start, end);
    if (e.method === 0) total += data.length;
    else if (e.method === 8) total += await inflatedLength(data, limits.maxInflatedBytes - total);
    else throw refuseFormat(`不支持的压缩方式 ${e.method}：${e.name}`);
    if (total > limits.maxInflatedBytes) throw tooBig();
  }
  return { entries: entries.length, inflatedBytes: total };
}
