import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/tables.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { BlobStore } from '../../platform/storage/storage.js';
import type { ArticlesService } from '../content/articles.service.js';
import { ConsultPublicService } from './consult-public.service.js';
import { ConsultationsRepository } from './consultations.repository.js';
import { ConsultationsService } from './consultations.service.js';
import { ConsultFiguresService } from './figures.service.js';
import { LiveChannel } from './interview-live.js';
import { InterviewsRepository } from './interviews.repository.js';
import { InterviewsService } from './interviews.service.js';

/** The consult module's parts (民意征集, 在线访谈), built once in the composition root. */
export function createConsult(deps: {
  db: Kysely<DB>;
  uow: UnitOfWork;
  articles: ArticlesService;
  blobs: BlobStore;
  clock?: () => Date;
}) {
  const consultationsRepo = new ConsultationsRepository(deps.db);
  const interviewsRepo = new InterviewsRepository(deps.db);
  const interviewLive = new LiveChannel();
  return {
    consultations: new ConsultationsService(deps.uow, consultationsRepo, deps.articles, deps.clock),
    interviews: new InterviewsService(deps.uow, interviewsRepo, deps.blobs, interviewLive, deps.clock),
    interviewLive,
    consultPublic: new ConsultPublicService(deps.uow, consultationsRepo, interviewsRepo, deps.blobs, deps.clock),
    consultFigures: new ConsultFiguresService(consultationsRepo, interviewsRepo),
  };
}
