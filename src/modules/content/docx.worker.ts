import type { ArchiveLimits } from '../../platform/archive/zip-guard.js';
import { serveIsolated } from '../../platform/isolate/serve.js';
import { docxToHtml } from './docx.js';

// The worker thread DocxConverter starts: converts one Word document per message.
serveIsolated((m: { bytes: Uint8Array; limits: ArchiveLimits }) => docxToHtml(m.bytes, m.limits));
