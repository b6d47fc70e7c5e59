import { afterEach, describe, expect, it } from 'vitest';
import { docxBomb, docxWith } from '../../../../test/harness/zips.js';
import { AttachmentReader } from './attachment-reader.js';

// Issue 9 item 2: reading an attachment for the checks runs in a worker with a heap and a time
// limit, so a file that would exhaust memory or never finish becomes a finding and nothing more.

const MiB = 1024 * 1024;
const archive = { maxEntries: 1000, maxInflatedBytes: 200 * MiB };
let reader: AttachmentReader | undefined;
afterEach(() => reader?.close());

const file = async (bytes: Buffer, name = '通知.docx') => ({ id: 1, name, bytes });

describe('AttachmentReader', () => {
  it('reads an ordinary Word file in the worker', async () => {
    reader = new AttachmentReader({ archive, memoryMb: 256, timeoutMs: 60_000 });
    const r = await reader.read(await file(await docxWith(['关于做好防汛工作的通知', '联系人：张三'])));
    expect(r.problems).toEqual([]);
    expect(r.pieces[0]?.text).toContain('关于做好防汛工作的通知');
  });

  it('refuses a zip bomb by the archive limits, with a finding in Chinese', async () => {
    reader = new AttachmentReader({ archive, memoryMb: 256, timeoutMs: 60_000 });
    const r = await reader.read(await file(await docxBomb(300 * MiB), '炸弹.docx'));
    expect(r.pieces).toEqual([]);
    expect(r.problems).toEqual([
      {
        rule: 'too-large',
        message: '附件解压后超过 200 MB（疑似“压缩炸弹”），已拒绝读取，内容未经检查，请拆分文件或人工核对',
      },
    ]);
  });

  it('ends a worker that runs out of memory, says so, and reads the next file with a fresh one', async () => {
    reader = new AttachmentReader({ archive, memoryMb: 64, timeoutMs: 60_000 });
    const small = await file(await docxWith(['第一份通知']));
    expect((await reader.read(small)).problems).toEqual([]);
    // Within the archive limits, but far more text than a 64 MB heap can hold as a document.
    const big = await reader.read(await file(await docxBomb(80 * MiB), '大文件.docx'));
    expect(big.problems).toMatchObject([
      { rule: 'too-large', message: '附件内容过大，读取时超出内存限制，内容未经检查，请拆分文件或人工核对' },
    ]);
    const after = await reader.read(small);
    expect(after.problems).toEqual([]);
    expect(after.pieces[0]?.text).toBe('第一份通知');
  });

  it('ends a read that does not finish in time', async () => {
    reader = new AttachmentReader({ archive, memoryMb: 256, timeoutMs: 1 });
    const r = await reader.read(await file(await docxWith(['通知'])));
    expect(r.problems).toMatchObject([
      { rule: 'timeout', message: '附件在 1 秒内未能读取完毕，内容未经检查，请人工核对' },
    ]);
  });
});
