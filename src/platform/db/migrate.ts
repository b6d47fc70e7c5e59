import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.js';
import type { AnyDb, MigrationContext } from './schema-builder.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0003 from './migrations/0003_review.js';
import * as m0004 from './migrations/0004_guarantee.js';
import * as m0005 from './migrations/0005_publish_guard.js';
import * as m0006 from './migrations/0006_guarantee_units.js';
import * as m0007 from './migrations/0007_security.js';
import * as m0008 from './migrations/0008_imports.js';
import * as m0009 from './migrations/0009_public_forms.js';
import * as m0010 from './migrations/0010_interaction.js';
import * as m0011 from './migrations/0011_mail_intake.js';
import * as m0012 from './migrations/0012_foi.js';
import * as m0013 from './migrations/0013_crawl.js';
import * as m0015 from './migrations/0015_consult.js';
import * as m0016 from './migrations/0016_audit_chain.js';
import * as m0017 from './migrations/0017_two_factor.js';
import * as m0020 from './migrations/0020_interaction_columns.js';
import * as m0021 from './migrations/0021_foi_guide.js';
import * as m0022 from './migrations/0022_search_engines.js';
import * as m0023 from './migrations/0023_column_listings.js';
import * as m0025 from './migrations/0025_static_files.js';
import * as m0027 from './migrations/0027_job_leases.js';
import * as m0028 from './migrations/0028_cache_invalidations.js';
import * as m0032 from './migrations/0032_article_neighbours_index.js';
import * as m0034 from './migrations/0034_site_marks.js';
import * as m0035 from './migrations/0035_home_parts.js';
import * as m0036 from './migrations/0036_public_form_buckets.js';
import * as m0037 from './migrations/0037_article_corrections.js';
import * as m0039 from './migrations/0039_search_postgres_titles.js';
import * as m0040 from './migrations/0040_search_postgres_quadruples.js';
import * as m0041 from './migrations/0041_search_mariadb_mroonga.js';
import * as m0042 from './migrations/0042_search_sqlite_body_first.js';

// Append-only: a released migration is never edited; a change is a new file. Names sort in the
// order they must run (Kysely refuses to run a migration that sorts before one already applied).
const migrations: Record<string, { up(db: AnyDb, ctx: MigrationContext): Promise<void> }> = {
  '0001_foundation': m0001,
  '0003_review': m0003,
  '0004_guarantee': m0004,
  '0005_publish_guard': m0005,
  '0006_guarantee_units': m0006,
  '0007_security': m0007,
  '0008_imports': m0008,
  '0009_public_forms': m0009,
  '0010_interaction': m0010,
  '0011_mail_intake': m0011,
  '0012_foi': m0012,
  '0013_crawl': m0013,
  '0015_consult': m0015,
  '0016_audit_chain': m0016,
  '0017_two_factor': m0017,
  '0020_interaction_columns': m0020,
  '0021_foi_guide': m0021,
  '0022_search_engines': m0022,
  '0023_column_listings': m0023,
  '0025_static_files': m0025,
  '0027_job_leases': m0027,
  '0028_cache_invalidations': m0028,
  '0032_article_neighbours_index': m0032,
  '0034_site_marks': m0034,
  '0035_home_parts': m0035,
  '0036_public_form_buckets': m0036,
  '0037_article_corrections': m0037,
  '0039_search_postgres_titles': m0039,
  '0040_search_postgres_quadruples': m0040,
  '0041_search_mariadb_mroonga': m0041,
  '0042_search_sqlite_body_first': m0042,
};

/** Every migration this program knows, in the order they run (a backup's schema version is one of these). */
export const MIGRATION_NAMES: readonly string[] = Object.keys(migrations);

class StaticProvider implements MigrationProvider {
  constructor(private readonly ctx: MigrationContext) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      Object.entries(migrations).map(([name, m]) => [name, { up: (db: AnyDb) => m.up(db, this.ctx) }]),
    );
  }
}

/** Runs the migrations not yet applied (up to `target` inclusive when given: tests of a migration). */
export async function migrateToLatest(database: Database, target?: string): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider: new StaticProvider({ dialect: database.dialect }) });
  const { error, results } = target ? await migrator.migrateTo(target) : await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(
      `数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${String((error as Error).message ?? error)}`,
      {
        cause: error,
      },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
