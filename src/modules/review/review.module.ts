import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/tables.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { EventBus } from '../../platform/events.js';
import type { PdfRenderer } from '../../platform/pdf/pdf.js';
import type { Settings } from '../../platform/settings.js';
import type { BlobStore } from '../../platform/storage/storage.js';
import type { ArticlesService } from '../content/articles.service.js';
import type { NotifyService } from '../notify/notify.service.js';
import type { ColumnsService } from '../sites/columns.service.js';
import { ChainsRepository } from './chains.repository.js';
import { ChainsService } from './chains.service.js';
import type { AttachmentInput, ExtractedAttachment } from './checks/extract.js';
import { ChecksRepository } from './checks.repository.js';
import { ChecksService } from './checks.service.js';
import { CorrectionsService } from './corrections.service.js';
import { FlowSteps } from './flow-steps.js';
import { FlowsRepository } from './flows.repository.js';
import { LedgerRepository } from './ledger.repository.js';
import { LedgerService } from './ledger.service.js';
import { PublishGate } from './publish-gate.js';
import { PublishingService } from './publishing.service.js';
import { ReviewFormService } from './review-form.js';
import { ReviewGuard } from './review-guard.js';
import { ReviewQueryService } from './review-query.service.js';
import { RevisionsRepository } from './revisions.repository.js';
import { RevisionsService } from './revisions.service.js';
import { WorkflowService } from './workflow.service.js';

/**
 * The review module built once (composition root): chains, workflow, ledger, checks, publishing and
 * corrections. Review depends on content, never the other way: its rules on edits and imports are
 * listeners on content's events (ReviewGuard, RevisionsService.register).
 */
export function createReview(deps: {
  db: Kysely<DB>;
  uow: UnitOfWork;
  events: EventBus;
  articles: ArticlesService;
  columns: ColumnsService;
  blobs: BlobStore;
  settings: Settings;
  notify: NotifyService;
  pdf: PdfRenderer;
  /** Reads attachments in a worker with memory and time limits (checks/attachment-reader.ts). */
  readAttachment: (a: AttachmentInput) => Promise<ExtractedAttachment>;
}) {
  const { db, uow, events, articles, settings } = deps;
  const flows = new FlowsRepository(db);
  const chains = new ChainsService(uow, new ChainsRepository(db), deps.columns);
  const ledger = new LedgerService(new LedgerRepository(db));
  const checks = new ChecksService(
    new ChecksRepository(db),
    uow,
    articles,
    deps.blobs,
    settings,
    undefined,
    deps.readAttachment,
  );
  const steps = new FlowSteps(flows, ledger, deps.notify);
  const gate = new PublishGate(flows, checks, articles);
  const publishing = new PublishingService(uow, articles, flows, chains, steps, ledger, gate, checks);
  const workflow = new WorkflowService(uow, flows, chains, ledger, articles, steps, publishing, checks);
  new ReviewGuard(flows, chains, ledger, steps, articles).register(events);
  const reviewQuery = new ReviewQueryService(flows, chains, articles);
  const reviewForm = new ReviewFormService(articles, flows, chains, deps.pdf);
  const corrections = new CorrectionsService(uow, articles, gate, settings, steps);
  const revisions = new RevisionsService(
    uow,
    new RevisionsRepository(db),
    flows,
    chains,
    articles,
    steps,
    checks,
    gate,
  );
  workflow.revisions = revisions;
  checks.proposals = revisions;
  revisions.register(events);
  return { chains, ledger, checks, publishing, workflow, reviewQuery, reviewForm, corrections, revisions };
}
