import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/tables.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { EventBus } from '../../platform/events.js';
import { shanghaiDay } from '../../platform/time.js';
import type { UnitsService } from '../org/units.service.js';
import type { ColumnsService } from '../sites/columns.service.js';
import type { SitesService } from '../sites/sites.service.js';
import { DisclosureTreeRepository } from './disclosure-tree.repository.js';
import { DisclosureTreeService } from './disclosure-tree.service.js';
import { DutiesRepository } from './duties.repository.js';
import { DutiesService } from './duties.service.js';
import { ListImportService } from './list-import.service.js';
import { UnitCatalogue } from './unit-catalogue.js';

/**
 * The guarantee list itself: each column's duties, the per-unit 信息公开 tree that follows the unit list
 * inside the transaction that changes a unit, and the list's import. The checks and reports built on
 * them are guarantee.module.ts.
 */
export function createDuties(deps: {
  db: Kysely<DB>;
  uow: UnitOfWork;
  events: EventBus;
  sites: SitesService;
  columns: ColumnsService;
  units: UnitsService;
  seedDir: string;
  /** The guarantee's clock (a test may fix it): the default date in force of duties made now. */
  clock?: (() => Date) | undefined;
}) {
  const { uow, columns, units } = deps;
  const unitCatalogue = UnitCatalogue.lazy(path.join(deps.seedDir, 'units.json'));
  const today = () => shanghaiDay((deps.clock ?? (() => new Date()))());
  const duties = new DutiesService(uow, new DutiesRepository(deps.db), columns, units, unitCatalogue, today);
  const tree = new DisclosureTreeService(new DisclosureTreeRepository(), columns, units, duties, today);
  tree.listen(deps.events);
  const listImport = new ListImportService(uow, deps.sites, columns, units, duties, unitCatalogue, today, tree);
  return { unitCatalogue, duties, tree, listImport };
}
