import { serveIsolated } from '../../../platform/isolate/serve.js';
import type { ArchiveLimits } from '../../../platform/archive/zip-guard.js';
import { extractAttachment, type AttachmentInput } from './extract.js';

// The worker thread AttachmentReader starts: reads one attachment per message.
serveIsolated((m: { attachment: AttachmentInput; limits: ArchiveLimits }) => extractAttachment(m.attachment, m.limits));
