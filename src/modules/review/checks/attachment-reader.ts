import type { ArchiveLimits } from '../../../platform/archive/zip-guard.js';
import {
  IsolatedWorker,
  IsolateFailure,
  siblingEntry,
  type IsolateLimits,
} from '../../../platform/isolate/isolated-worker.js';
import type { AttachmentInput, ExtractedAttachment } from './extract.js';

/**
 * Reads attachments for the checks in a worker thread with a heap and a time limit (the
 * configuration's EXTRACT_MEMORY_MB and EXTRACT_TIMEOUT_SECONDS): a file that would exhaust memory
 * or never finish becomes a finding on that file, and the server carries on.
 */
export class AttachmentReader {
  private readonly worker: IsolatedWorker<{ attachment: AttachmentInput; limits: ArchiveLimits }, ExtractedAttachment>;

  constructor(private readonly limits: IsolateLimits & { archive: ArchiveLimits }) {
    this.worker = new IsolatedWorker(siblingEntry(import.meta.url, 'extract.worker'), limits);
  }

  async read(attachment: AttachmentInput): Promise<ExtractedAttachment> {
    try {
      return await this.worker.run({ attachment, limits: this.limits.archive });
    } catch (e) {
      if (!(e instanceof IsolateFailure)) throw e;
      const detail = `${e.reason}: ${e.message}`.slice(0, 300);
      const message =
        e.reason === 'timeout'
          ? `附件在 ${Math.ceil(this.limits.timeoutMs / 1000)} 秒内未能读取完毕，内容未经检查，请人工核对`
          : e.reason === 'memory'
            ? '附件内容过大，读取时超出内存限制，内容未经检查，请拆分文件或人工核对'
            : '附件无法读取，读取过程意外中止，内容未经检查，请人工核对';
      return {
        pieces: [],
        problems: [
          {
            rule: e.reason === 'timeout' ? 'timeout' : e.reason === 'memory' ? 'too-large' : 'unreadable',
            message,
            detail,
          },
        ],
      };
    }
  }

  close(): Promise<void> {
    return this.worker.close();
  }
}
