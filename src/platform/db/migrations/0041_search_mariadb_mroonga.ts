import { createMroongaIndex, mroongaAvailable } from '../../search/engine-mroonga.js';
import type { Executor } from '../helpers.js';
import type { AnyDb, MigrationContext } from '../schema-builder.js';

// MariaDB search: InnoDB FULLTEXT reads every match's row to count, 4–7 s for a one- or two-character
// query at 100k articles (bench/RESULTS.md). Where the server runs Mroonga (Debian's
// mariadb-plugin-mroonga, installed by the operator: docs/search.md), the index moves there, its
// tokens copied from the InnoDB one. A server without it keeps InnoDB FULLTEXT; `govportal search
// reindex` moves the index once the plugin is installed. PostgreSQL and SQLite: nothing to change.

export async function up(db: AnyDb, ctx: MigrationContext): Promise<void> {
  const executor = db as unknown as Executor;
  if (ctx.dialect !== 'mysql' || !(await mroongaAvailable(executor))) return;
  await createMroongaIndex(executor);
}
