import BetterSqlite3 from 'better-sqlite3';
import { createLogger } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { createDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createServices } from '../src/services.js';
import { makeColumn, makeSite, makeUnit } from '../test/harness/factories.js';

// The public portal at scale for the page benchmarks (issue 14 item 5): a county's column tree made
// through the services (a few dozen columns, so the closure table and slug paths are the real ones),
// then N published articles written straight into the database with prepared statements, a
// transaction per batch — not through publishing, which would take hours at a million. What the
// public pages read is kept in step exactly as ListingsRepository.put would write it: one
// column_listings row for the item's home column, each extra column (一文多发, 1 in 50 items) and every
// column above them, and column_listing_counts. Revisions, the search index and the audit trail are
// not written: no public page reads them (the search page is bench/search.ts's).

/** The tree: [name, weight of new items, children]. Weights follow a county site: news columns fill fastest. */
type Node = [string, number, Node[]?];
const TREE: Node[] = [
  [
    '新闻中心',
    0,
    [
      ['涟水新闻', 20],
      ['部门动态', 16],
      ['乡镇动态', 16],
      ['通知公告', 8],
      ['图片新闻', 2],
    ],
  ],
  [
    '政务公开',
    0,
    [
      [
        '政策文件',
        0,
        [
          ['县政府文件', 2],
          ['县政府办文件', 2],
          ['部门文件', 3],
        ],
      ],
      ['政策解读', 2],
      ['人事信息', 2],
      [
        '财政信息',
        0,
        [
          ['财政预算', 1],
          ['财政决算', 1],
          ['三公经费', 1],
        ],
      ],
      ['规划计划', 1],
      ['统计信息', 1],
      [
        '重点领域信息公开',
        0,
        [
          ['教育', 2],
          ['医疗卫生', 2],
          ['生态环境', 2],
          ['安全生产', 2],
          ['食品药品', 1],
        ],
      ],
      ['部门和乡镇信息公开', 0, units()],
    ],
  ],
  [
    '政民互动',
    0,
    [
      ['征集调查', 1],
      ['在线访谈', 1],
    ],
  ],
  [
    '走进涟水',
    0,
    [
      ['涟水概况', 0],
      ['历史文化', 1],
    ],
  ],
];

function units(): Node[] {
  const names = [
    '发展和改革委员会',
    '教育局',
    '公安局',
    '财政局',
    '自然资源和规划局',
    '住房和城乡建设局',
    '交通运输局',
  ];
  const towns = ['涟城街道', '高沟镇', '唐集镇', '保滩街道', '大东镇', '五港镇', '梁岔镇', '石湖镇'];
  return [...names, ...towns].map(
    (n): Node => [
      n,
      0,
      [
        ['工作动态', 1],
        ['通知公告', 0.5],
      ],
    ],
  );
}

const WORDS = (
  '涟水 县委 县政府 人民 政府 办公室 发展 改革 财政 教育 卫生 健康 民政 社会保障 自然资源 生态环境 住房 ' +
  '城乡建设 交通运输 水利 农业 农村 商务 文化 旅游 应急 管理 市场 监督 统计 医疗 乡镇 街道 园区 社区 ' +
  '居民 群众 企业 项目 建设 推进 会议 召开 强调 指出 要求 部署 落实 工作 责任 安全 生产 检查 督查 整改 ' +
  '问题 隐患 排查 防汛 秋收 粮食 投资 招商 营商 环境 优化 服务 政务 一网通办 审批 公示 公告 通知 方案'
).split(' ');

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface PortalData {
  siteId: number;
  siteCode: string;
  /** Leaf column paths with their listed counts, biggest first. */
  lists: Array<{ path: string; listed: number }>;
  articles: number;
  /** A spread of article ids (old and new), for the article page's requests. */
  sampleIds: number[];
  seconds: number;
}

/**
 * A fresh SQLite database at `file` (migrated), the column tree and `n` published articles. The
 * articles' publish times run one every few minutes up to now, so every list is in date order
 * and a deep page is an old one.
 */
export async function generatePortal(dataDir: string, file: string, n: number, log = true): Promise<PortalData> {
  const started = performance.now();
  const url = `sqlite:${file}`;
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    GOVPORTAL_DEMO: 'off',
    WORKER: 'off',
  });
  const database = createDatabase('sqlite', url);
  await migrateToLatest(database);
  const s = createServices(config, database, createLogger(config));
  const site = await makeSite(s, { name: '涟水县人民政府', code: 'county', isDefault: true });
  const unit = await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' });

  // Columns through the service; leaves with a weight receive items.
  const leaves: Array<{ id: number; weight: number }> = [];
  const make = async (nodes: Node[], parentId: number | null) => {
    for (const [name, weight, children] of nodes) {
      const c = await makeColumn(s, site.id, name, parentId);
      if (weight > 0) leaves.push({ id: c.id, weight });
      if (children) await make(children, c.id);
    }
  };
  await make(TREE, null);
  await database.close();

  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF'); // a scratch database: nothing to keep if the machine stops
  const closure = new Map<number, number[]>();
  for (const r of raw.prepare('select ancestor_id as a, descendant_id as d from column_closure').all() as Array<{
    a: number;
    d: number;
  }>) {
    closure.set(r.d, [...(closure.get(r.d) ?? []), r.a]);
  }
  // A cumulative weight table picks each item's home column.
  const total = leaves.reduce((t, l) => t + l.weight, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const l of leaves) {
    acc += l.weight / total;
    cumulative.push(acc);
  }
  const random = rng(20261205);
  const pickLeaf = () => {
    const x = random();
    const i = cumulative.findIndex((c) => x < c);
    return leaves[i === -1 ? leaves.length - 1 : i]!.id;
  };
  const words = (k: number) => {
    let t = '';
    for (let i = 0; i < k; i++) t += WORDS[Math.floor(random() * WORDS.length)];
    return t;
  };

  const insertArticle = raw.prepare(`insert into articles (site_id, column_id, unit_id, type, title, summary,
    body_html, body_text, source, status, published_at, revision, imported, is_top, created_at, updated_at)
    values (?, ?, ?, 'news', ?, null, ?, ?, '涟水县人民政府办公室', 'published', ?, 1, 1, ?, ?, ?)`);
  const insertExtra = raw.prepare('insert into article_columns (article_id, column_id) values (?, ?)');
  const insertListing = raw.prepare(
    'insert into column_listings (column_id, article_id, is_top, published_at) values (?, ?, ?, ?)',
  );
  const counts = new Map<number, number>();
  const sampleIds: number[] = [];
  // One item every ~3 minutes, the newest now: a million items span about six years.
  const step = 180_000;
  const end = Date.now();
  const start = end - n * step;
  const batch = raw.transaction((from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const home = pickLeaf();
      const at = new Date(start + k * step).toISOString();
      const text = `${words(12)}。${words(20)}，${words(16)}。${words(24)}。`.repeat(3);
      // A handful of pinned items among the newest (a column pins a few, not thousands).
      const top = k > n - 2000 && random() < 0.005 ? 1 : 0;
      const id = Number(
        insertArticle.run(
          site.id,
          home,
          unit.id,
          words(5 + Math.floor(random() * 5)),
          `<p>${text}</p>`,
          text,
          at,
          top,
          at,
          at,
        ).lastInsertRowid,
      );
      const placed = [home];
      if (random() < 0.02) {
        const extra = pickLeaf();
        if (extra !== home) {
          insertExtra.run(id, extra);
          placed.push(extra);
        }
      }
      const listed = new Set(placed.flatMap((c) => closure.get(c) ?? [c]));
      for (const c of listed) {
        insertListing.run(c, id, top, at);
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      if (k % Math.max(1, Math.floor(n / 200)) === 0) sampleIds.push(id);
    }
  });
  const BATCH = 5000;
  for (let i = 0; i < n; i += BATCH) {
    batch(i, Math.min(n, i + BATCH));
    if (log && (i / BATCH) % 10 === 0) process.stderr.write(`\r已写入 ${Math.min(n, i + BATCH)}/${n}`);
  }
  if (log) process.stderr.write('\n');
  const putCount = raw.prepare('insert into column_listing_counts (column_id, listed) values (?, ?)');
  raw.transaction(() => {
    for (const [c, listed] of counts) putCount.run(c, listed);
  })();
  // No ANALYZE: the server as shipped never runs it, so the planner sees what a real site's would.
  raw.pragma('wal_checkpoint(TRUNCATE)');
  const lists = (
    raw
      .prepare(
        `select c.path as path, coalesce(l.listed, 0) as listed from columns c
         left join column_listing_counts l on l.column_id = c.id
         where not exists (select 1 from columns k where k.parent_id = c.id) order by listed desc`,
      )
      .all() as Array<{ path: string; listed: number }>
  ).filter((l) => l.listed > 0);
  raw.close();
  return {
    siteId: site.id,
    siteCode: 'county',
    lists,
    articles: n,
    sampleIds,
    seconds: (performance.now() - started) / 1000,
  };
}
