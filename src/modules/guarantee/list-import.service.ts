import type { GuaranteeImportResult } from '../../contract/guarantee-import.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { notFound } from '../../platform/errors.js';
import type { UnitsService } from '../org/units.service.js';
import type { ColumnsService } from '../sites/columns.service.js';
import type { SiteView } from '../sites/sites.repository.js';
import { SiteInput } from '../sites/sites.schemas.js';
import type { SitesService } from '../sites/sites.service.js';
import type { DisclosureTreeService } from './disclosure-tree.service.js';
import type { DutiesService } from './duties.service.js';
import { readListFile } from './list-file.js';
import { ImportRun, type ImportChange } from './list-import.apply.js';
import { formatReport } from './list-import.report.js';
import { planList } from './list-plan.js';
import type { UnitCatalogue } from './unit-catalogue.js';

export interface ImportOptions {
  siteId?: number;
  siteCode?: string;
  /** false: work out every change, report it, and roll it all back. */
  apply: boolean;
  /** YYYY-MM-DD the list applies from (new duties; existing ones too when given); default: today. */
  effective?: string;
}

/** What an import did (or would do): contract/guarantee-import.ts. */
export type ImportResult = GuaranteeImportResult;

/** The county portal, made when a list is imported into an empty platform. */
const COUNTY_SITE = SiteInput.parse({
  name: '涟水县人民政府',
  code: 'county',
  sponsor: '涟水县人民政府办公室',
  organizer: '涟水县政府门户网站中心',
  isDefault: true,
});

/** Thrown out of the transaction to roll a dry run back, carrying what it found. */
class DryRunRollback extends Error {
  constructor(readonly result: Omit<ImportResult, 'applied' | 'report'>) {
    super('dry run');
  }
}

export class ListImportService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sites: SitesService,
    private readonly columns: ColumnsService,
    private readonly units: UnitsService,
    private readonly duties: DutiesService,
    private readonly catalogue: () => UnitCatalogue,
    /** Today in Asia/Shanghai: the default date in force of what the list creates. */
    private readonly today: () => string,
    private readonly tree: DisclosureTreeService,
  ) {}

  /**
   * Import a guarantee list (CSV or XLSX bytes) into a site's column tree: one transaction, so a list
   * is either imported whole or not at all. A dry run does exactly what applying would and then rolls
   * back, so the preview cannot disagree with the real import.
   */
  async importList(actor: Actor, bytes: Buffer, options: ImportOptions): Promise<ImportResult> {
    authorize(actor, 'import.run');
    const file = await readListFile(bytes);
    const plan = planList(file.rows);
    const site = await this.targetSite(actor, options);
    const catalogue = this.catalogue();
    const work = () =>
      this.uow.run(async (trx, emit) => {
        const target = site ?? { ...(await this.sites.createIn(trx, COUNTY_SITE)), created: true };
        if (site === null)
          await emit({
            type: 'site.created',
            actor,
            entityType: 'site',
            entityId: target.id,
            siteId: target.id,
            summary: `导入保障清单：新建站点“${target.name}”`,
          });
        const run = new ImportRun(
          trx,
          emit,
          actor,
          { columns: this.columns, units: this.units, duties: this.duties, catalogue, tree: this.tree },
          { id: target.id, code: target.code, name: target.name, created: site === null },
          {
            format: file.format,
            rows: file.rows.length,
            effective: { day: options.effective ?? this.today(), explicit: options.effective !== undefined },
          },
          plan,
        );
        await run.run();
        const changes: ImportChange[] =
          site === null ? [{ action: 'create', entity: 'site', name: target.name }, ...run.changes] : run.changes;
        const s = run.summary;
        await emit({
          type: 'guarantee.list_imported',
          actor,
          entityType: 'site',
          entityId: target.id,
          siteId: target.id,
          summary: `导入保障清单 ${s.rows} 行：栏目新建 ${s.columns.created}、更新 ${s.columns.updated}，保障责任新建 ${s.duties.created}、更新 ${s.duties.updated}，单位新建 ${s.units.created.length}`,
          details: {
            columns: s.columns,
            duties: s.duties,
            unitsCreated: s.units.created,
            aliasesLearned: s.aliasesLearned,
            unresolved: s.unresolved,
            gaps: s.gaps,
          },
        });
        if (!options.apply) throw new DryRunRollback({ summary: s, changes });
        return { summary: s, changes };
      });
    try {
      const done = await work();
      return { applied: true, ...done, report: formatReport(done.summary, true) };
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
      return { applied: false, ...error.result, report: formatReport(error.result.summary, false) };
    }
  }

  /**
   * The site named, else the default one; null when the platform has no site yet (the import then
   * makes the county portal). Read before the transaction: SQLite has one connection, and a read
   * outside a running transaction would wait for it forever.
   */
  private async targetSite(actor: Actor, options: ImportOptions): Promise<(SiteView & { created: false }) | null> {
    let site: SiteView | undefined;
    if (options.siteId !== undefined) site = await this.sites.get(actor, options.siteId);
    else if (options.siteCode !== undefined) {
      site = await this.sites.getByCode(options.siteCode);
      if (!site) throw notFound(`站点“${options.siteCode}”`);
    } else site = await this.sites.forHost(undefined);
    return site ? { ...site, created: false } : null;
  }
}
