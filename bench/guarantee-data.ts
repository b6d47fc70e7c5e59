import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';

// Data for the guarantee benchmark: one county site with ~6,000 columns, 5,000 duties of every cadence,
// 300 units in groups, N published articles spread over three years, 1% of them listed in a second
// column, and a ledger entry for every item of a weekly per-unit column. Rows go straight into the
// tables (better-sqlite3, prepared statements, one transaction per 50,000 rows): the bench measures the
// checks, not the publishing path. Deterministic: the same N gives the same database.

export interface BenchData {
  file: string;
  articles: number;
  duties: number;
  columns: number;
  units: number;
  submissions: number;
  day: string;
}

export const BENCH_DAY = '2026-11-20';
const YEARS = 3;
const TOP = 50;
const CHILDREN = 100;

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function generate(
  file: string,
  articleCount: number,
  log: (s: string) => void = console.log,
): Promise<BenchData> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const database = createDatabase('sqlite', `sqlite:${file}`);
  await migrateToLatest(database);
  await database.close();

  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const r = rng(20261120);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const created = '2023-01-01T00:00:00.000Z';

  db.prepare(
    `insert into sites (id, name, code, theme, is_default, home_blocks, created_at, updated_at) values (1, '基准测试县人民政府', 'bench', 'default', 1, ?, ?, ?)`,
  ).run('[]', created, created);

  // Units: 200 departments and 100 towns; groups by category as the county list names them.
  const units: number[] = [];
  const towns: number[] = [];
  const insUnit = db.prepare(
    `insert into units (id, name, short_name, category, code, sort_order, active, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 1; i <= 300; i++) {
      const town = i > 200;
      insUnit.run(
        i,
        `基准单位${i}`,
        `单位${i}`,
        town ? 'town' : 'gov_dept',
        `B${String(i).padStart(8, '0')}`,
        i,
        created,
        created,
      );
      units.push(i);
      if (town) towns.push(i);
    }
    db.prepare(`insert into unit_groups (id, name) values (1, '各镇'), (2, '县各部门')`).run();
    db.prepare(`insert into unit_group_categories (group_id, category) values (1, 'town'), (2, 'gov_dept')`).run();
  })();

  // Columns: 50 top columns of 100 children; every tenth child has two sub-columns; a few mirrors.
  // Duties go on the children and the sub-columns (5,000 of them).
  const insCol = db.prepare(
    `insert into columns (id, site_id, parent_id, name, slug, path, kind, sort_order, in_nav, link_url, source_column_id, update_class, created_at, updated_at) values (?, 1, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
  );
  const insClosure = db.prepare(`insert into column_closure (ancestor_id, descendant_id, depth) values (?, ?, ?)`);
  const classes = ['news', 'news', 'news', 'notice', 'notice', 'personnel', 'basic', null, null, null] as const;
  const leaves: Array<{ id: number; link: boolean }> = [];
  const listable: number[] = [];
  let id = 0;
  db.transaction(() => {
    const add = (
      parent: number | null,
      ancestors: number[],
      name: string,
      kind: string,
      cls: string | null,
      link: string | null,
      source: number | null,
    ) => {
      id++;
      insCol.run(id, parent, name, `c${id}`, `p/c${id}`, kind, id, link, source, cls, created, created);
      insClosure.run(id, id, 0);
      for (const [i, a] of ancestors.entries()) insClosure.run(a, id, ancestors.length - i);
      return id;
    };
    for (let t = 1; t <= TOP; t++) {
      const top = add(null, [], `栏目${t}`, 'list', null, null, null);
      for (let c = 1; c <= CHILDREN; c++) {
        const link = c % 20 === 0;
        const mirror = c % 50 === 1 && t > 1 && listable.length > 0;
        const child = add(
          top,
          [top],
          `栏目${t}-${c}`,
          link ? 'link' : 'list',
          link ? 'link' : pick(classes),
          link ? `https://example.invalid/${t}/${c}` : null,
          mirror ? listable[t]! : null,
        );
        if (!mirror) leaves.push({ id: child, link });
        if (!link && !mirror) listable.push(child);
        if (c % 10 === 5) {
          for (let g = 1; g <= 2; g++) {
            const sub = add(child, [top, child], `栏目${t}-${c}-${g}`, 'list', pick(classes), null, null);
            listable.push(sub);
            leaves.push({ id: sub, link: false });
          }
        }
      }
    }
  })();

  // 5,000 duties: 10% daily, 20% weekly per unit, 5% links, the rest dynamic.
  const insDuty = db.prepare(
    `insert into duties (id, column_id, requirement_text, cadence, min_per_week, channel, rule, note, created_at, updated_at, effective_from) values (?, ?, ?, ?, ?, 'backoffice', ?, null, ?, ?, substr(?, 1, 10))`,
  );
  const insParty = db.prepare(
    `insert into duty_units (duty_id, unit_id, group_id, role, label) values (?, ?, ?, 'lead', ?)`,
  );
  const weekly = new Map<number, number[]>(); // column → units that submit to it
  const ownerOf = new Map<number, number>();
  let duties = 0;
  db.transaction(() => {
    for (const leaf of leaves) {
      if (duties >= 5000) break;
      duties++;
      const roll = duties % 20;
      const cadence = leaf.link
        ? 'external_link'
        : roll < 2
          ? 'workday_daily'
          : roll < 6
            ? 'weekly_min'
            : roll === 19
              ? 'as_required'
              : 'dynamic';
      const rule = {
        cadence,
        minPerWeek: cadence === 'weekly_min' ? 1 : null,
        perUnit: cadence === 'weekly_min',
        workdaysOnly: cadence !== 'dynamic',
        channel: 'backoffice',
        emailTo: null,
        basis: null,
        warnings: [],
      };
      insDuty.run(duties, leaf.id, cadence, cadence, rule.minPerWeek, JSON.stringify(rule), created, created, created);
      if (cadence === 'weekly_min' && duties % 100 === 3) {
        insParty.run(duties, null, 1, '各镇');
        weekly.set(leaf.id, towns);
      } else {
        const who = [pick(units), ...(cadence === 'weekly_min' ? [pick(units), pick(units)] : [])];
        for (const u of new Set(who)) insParty.run(duties, u, null, `单位${u}`);
        if (cadence === 'weekly_min') weekly.set(leaf.id, [...new Set(who)]);
        ownerOf.set(leaf.id, who[0]!);
      }
    }
  })();

  // Articles over three years before the bench day, office hours in Shanghai; ledger entries for the
  // weekly columns' items; 1% listed in a second column.
  const insArticle = db.prepare(
    `insert into articles (id, site_id, column_id, unit_id, type, title, body_html, body_text, status, published_at, revision, imported, is_top, channel, created_at, updated_at) values (?, 1, ?, ?, 'news', ?, ?, ?, 'published', ?, 1, 0, 0, ?, ?, ?)`,
  );
  const insExtra = db.prepare(`insert or ignore into article_columns (article_id, column_id) values (?, ?)`);
  const insSub = db.prepare(
    `insert into submissions (unit_id, channel, column_id, article_id, title, state, received_at, decided_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const end = Date.parse(`${BENCH_DAY}T16:00:00.000Z`);
  const span = YEARS * 365 * 86_400_000;
  const hot = listable.filter((_, i) => i % 3 === 0); // a third of the columns carry most items
  let submissions = 0;
  const BATCH = 50_000;
  for (let start = 1; start <= articleCount; start += BATCH) {
    db.transaction(() => {
      for (let n = start; n < Math.min(start + BATCH, articleCount + 1); n++) {
        const column = r() < 0.7 ? pick(hot) : pick(listable);
        const day = Math.floor((end - span + r() * span + 8 * 3600_000) / 86_400_000) * 86_400_000 - 8 * 3600_000;
        const at = new Date(day + (8.5 + r() * 9) * 3600_000).toISOString();
        const submitters = weekly.get(column);
        const unit = submitters ? pick(submitters) : (ownerOf.get(column) ?? pick(units));
        const title = `基准信息${n}`;
        insArticle.run(
          n,
          column,
          unit,
          title,
          `<p>${title}</p>`,
          title,
          at,
          submitters ? pick(['email', 'backoffice']) : 'backoffice',
          at,
          at,
        );
        if (submitters) {
          insSub.run(
            unit,
            pick(['email', 'backoffice', 'paper']),
            column,
            n,
            title,
            r() < 0.85 ? 'adopted' : 'not_adopted',
            at,
            at,
            at,
          );
          submissions++;
        }
        if (n % 100 === 0) insExtra.run(n, pick(listable));
      }
    })();
    if ((start - 1) % 500_000 === 0) log(`  articles ${Math.min(start - 1 + BATCH, articleCount)} / ${articleCount}`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('analyze');
  db.close();
  return { file, articles: articleCount, duties, columns: id, units: units.length, submissions, day: BENCH_DAY };
}
