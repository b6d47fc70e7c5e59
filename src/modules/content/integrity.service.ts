import type { Logger } from 'pino';
import { systemActor } from '../../platform/auth/actor.js';
import type { Executor } from '../../platform/db/helpers.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { htmlToText } from '../../platform/html/sanitize.js';
import type { Job } from '../../platform/jobs/worker.js';
import type { SearchService } from '../../platform/search/search.js';
import { disclosureRow } from './article-view.js';
import type { ArticlesService } from './articles.service.js';
import type { IntegrityRepository } from './integrity.repository.js';

// Issue 15 item 3, the database half of 网页防篡改: what the public sees of a published item is its
// row in the database, and a published item cannot be edited through the application (it must be
// taken down and reviewed again), so every legitimate change records a revision whose hash the review
// approved (article-view.ts says what the hash covers). A published item whose content no longer has
// the hash of its newest revision was changed outside the application: an UPDATE straight in the
// database, a restored old dump, a compromised account on the database server. The check records it,
// warns the website centre, and puts back the approved text from the revision's snapshot.
//
// What the snapshot holds and a row update can restore safely: the text, the disclosure metadata, the
// unit and the type. Where the item is listed (home and extra columns, 置顶), its files and its policy
// links live in other tables kept in step by the edit path (listings, search, attachments); a change
// there is reported and left to the website centre (take down, correct, review again).

/** What a notice needs (the notify module's service fits; content does not import it). */
export interface Notifier {
  notifyIn(
    trx: Executor,
    n: {
      accountIds: number[];
      kind: string;
      title: string;
      body: string;
      link?: string | null;
      dedupeKey?: string | null;
    },
  ): Promise<number>;
}

interface Snapshot {
  type: string;
  unitId: number;
  title: string;
  subtitle: string | null;
  summary: string | null;
  bodyHtml: string;
  source: string | null;
  author: string | null;
  linkUrl: string | null;
  disclosure: {
    docNo: string | null;
    writtenOn: string | null;
    issuer: string | null;
    topicCategory: string | null;
    genre: string | null;
    keywords: string | null;
    validity: string | null;
  };
  [key: string]: unknown;
}

/** The snapshot fields a row update restores (the rest is reported only, see above). */
const RESTORABLE = new Set([
  'type',
  'unitId',
  'title',
  'subtitle',
  'summary',
  'bodyHtml',
  'source',
  'author',
  'linkUrl',
  'disclosure',
]);
const PAGE = 200;

export interface TamperFinding {
  articleId: number;
  revision: number;
  fields: string[];
  restored: boolean;
}

export class IntegrityService {
  constructor(
    private readonly repo: IntegrityRepository,
    private readonly uow: UnitOfWork,
    private readonly articles: ArticlesService,
    private readonly search: SearchService,
    private readonly notifier: Notifier,
  ) {}

  /** Check every published item; restore and report those changed outside the review path. */
  async checkAll(): Promise<TamperFinding[]> {
    const found: TamperFinding[] = [];
    for (let after = 0; ; ) {
      const ids = await this.repo.publishedAfter(after, PAGE);
      for (const id of ids) {
        const finding = await this.checkOne(id);
        if (finding) found.push(finding);
      }
      if (ids.length < PAGE) return found;
      after = ids[ids.length - 1]!;
    }
  }

  /** One item, in one transaction: compared, restored where the snapshot allows, recorded and told. */
  async checkOne(articleId: number): Promise<TamperFinding | null> {
    // A cheap read first: almost every item is intact, and no transaction is opened for those.
    const now = await this.articles.currentSnapshot(articleId);
    const approved = await this.repo.latestRevision(articleId);
    if (!now || !approved || now.hash === approved.hash) return null;
    return this.uow.run(async (trx, emit) => {
      const row = await this.articles.rowById(articleId, trx);
      const current = await this.articles.currentSnapshot(articleId, trx);
      const revision = await this.repo.latestRevision(articleId, trx);
      if (row?.status !== 'published' || !current || !revision || current.hash === revision.hash) return null;
      const want = JSON.parse(revision.snapshot) as Snapshot;
      const have = JSON.parse(current.snapshot) as Snapshot;
      const fields = Object.keys(want).filter((k) => JSON.stringify(want[k]) !== JSON.stringify(have[k]));
      const restorable = fields.filter((f) => RESTORABLE.has(f));
      if (restorable.length) {
        await this.repo.restore(trx, articleId, {
          type: want.type,
          unit_id: want.unitId,
          title: want.title,
          subtitle: want.subtitle,
          summary: want.summary,
          body_html: want.bodyHtml,
          body_text: htmlToText(want.bodyHtml),
          source: want.source,
          author: want.author,
          link_url: want.linkUrl,
          ...disclosureRow(want.disclosure),
        });
        await this.search.index(trx, articleId);
      }
      const restored = (await this.articles.currentSnapshot(articleId, trx))!.hash === revision.hash;
      const outcome = restored
        ? '已自动恢复为审核通过的内容'
        : restorable.length
          ? `已恢复正文等文字内容，${fields.filter((f) => !RESTORABLE.has(f)).join('、')} 需人工处理（下线、更正后重新送审）`
          : '需人工处理（下线、更正后重新送审）';
      const title = `信息“${want.title}”在审核流程之外被改动`;
      const body = `已发布信息“${want.title}”（编号 ${articleId}）与第 ${revision.revision} 版审核通过的内容不一致（改动：${fields.join('、')}）。${outcome}。请核查数据库的访问记录。`;
      // A change that cannot be undone here would be found again every round: it is told (and
      // recorded) once per state found, by the notice's key.
      const told = await this.notifier.notifyIn(trx, {
        accountIds: await this.repo.centre(trx),
        kind: 'content.tampered',
        title,
        body,
        link: `/admin/articles/${articleId}`,
        dedupeKey: `content.tampered:${articleId}:${current.hash}`,
      });
      if (!restored && told === 0) return null;
      await emit({
        type: 'article.tampered',
        actor: systemActor('integrity'),
        entityType: 'article',
        entityId: articleId,
        siteId: row.site_id,
        summary: `${title}：${outcome}`.slice(0, 1000),
        details: {
          revision: revision.revision,
          approvedHash: revision.hash,
          foundHash: current.hash,
          fields,
          restored,
        },
      });
      return { articleId, revision: revision.revision, fields, restored };
    });
  }
}

/** The tamper check as a worker job (under its lease, so one process walks the catalogue per round). */
export function integrityJob(integrity: IntegrityService, log: Logger): Job {
  return {
    name: 'content.integrity',
    everyMs: 10 * 60_000,
    run: async () => {
      const found = await integrity.checkAll();
      if (found.length) log.warn({ found }, 'published items changed outside the review path');
    },
  };
}
