import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { docxBomb, docxWith, zipOf } from '../../../test/harness/zips.js';
import { ArchiveRefused, inspectZip } from './zip-guard.js';

const MiB = 1024 * 1024;
const limits = { maxEntries: 100, maxInflatedBytes: 20 * MiB };

describe('inspectZip', () => {
  it('passes an ordinary Word file and says what it holds', async () => {
    const docx = await docxWith(['关于做好政府信息公开工作的通知']);
    const r = await inspectZip(docx, limits);
    expect(r.entries).toBe(3);
    expect(r.inflatedBytes).toBeGreaterThan(100);
    // The archive the guard reads is the one JSZip reads.
    expect(Object.keys((await JSZip.loadAsync(docx)).files)).toHaveLength(3);
  });

  it('refuses an entry that inflates past the limit, whatever size it declares', async () => {
    const bomb = await docxBomb(300 * MiB);
    expect(bomb.length).toBeLessThan(2 * MiB); // the size of the file the attack test used (735 KB)
    const refused = await inspectZip(bomb, limits).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ArchiveRefused);
    expect((refused as ArchiveRefused).reason).toBe('inflated');
    expect((refused as ArchiveRefused).message).toBe('压缩文档解压后超过 20 MB（疑似“压缩炸弹”），已拒绝读取');
  });

  it('counts every entry against one budget (many entries sharing the limit)', async () => {
    const entries = Array.from({ length: 30 }, (_, i) => ({
      name: `part${i}.xml`,
      data: { repeat: 'a', size: MiB },
    }));
    const r = await inspectZip(await zipOf(entries), limits).catch((e: unknown) => e);
    expect((r as ArchiveRefused).reason).toBe('inflated');
  });

  it('refuses too many entries before reading any', async () => {
    const entries = Array.from({ length: 101 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' }));
    const r = await inspectZip(await zipOf(entries), limits).catch((e: unknown) => e);
    expect(r).toBeInstanceOf(ArchiveRefused);
    expect((r as ArchiveRefused).message).toBe('压缩文档包含 101 个文件，超过上限 100 个，已拒绝读取');
  });

  it('refuses what is not a readable archive with a Chinese message', async () => {
    const r = await inspectZip(Buffer.from('PK\u0003\u0004 not really a zip'), limits).catch((e: unknown) => e);
    expect(r).toBeInstanceOf(ArchiveRefused);
    expect((r as ArchiveRefused).message).toContain('压缩文档结构无效');
  });
});
