import fs from 'node:fs';
import path from 'node:path';
import { systemActor } from '../../platform/auth/actor.js';
import { hashPassword } from '../../platform/auth/password.js';
import type { Settings } from '../../platform/settings.js';
import { TWO_FACTOR_ROLES_SETTING } from '../org/two-factor.service.js';
import type { Role } from '../../platform/auth/roles.js';
import { nowIso } from '../../platform/db/helpers.js';
import type { Config } from '../../platform/config.js';
import type { Database } from '../../platform/db/database.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { ArticleImportService } from '../content/article-import.js';
import type { DisclosureTreeService } from '../guarantee/disclosure-tree.service.js';
import type { ListImportService } from '../guarantee/list-import.service.js';
import type { AccountsService } from '../org/accounts.service.js';
import type { UnitsService } from '../org/units.service.js';
import type { ChainsService } from '../review/chains.service.js';
import type { ColumnsService } from '../sites/columns.service.js';
import type { SitesService } from '../sites/sites.service.js';
import { UnitCatalogue } from '../guarantee/unit-catalogue.js';
import { SHORT_CHAIN } from '../review/chains.service.js';
import { DEMO_ARTICLES } from './demo-articles.js';
import { demoPerson } from './demo-people.js';
import type { DemoStory } from './demo-story.js';
import { addDays, mondayOf } from '../../platform/calendar/days.js';
import { shanghaiDay } from '../../platform/time.js';

// A first start on an empty database: the county portal with the shipped guarantee list, the units
// of the county, a roster, one account per role and a few dozen articles, so a new user sees a working
// system at once. Everything here is demo data and the README says so.

export const DEMO_PASSWORD = 'Demo@2026lianshui';

export const DEMO_ACCOUNTS: Array<{ username: string; name: string; unit: string; roles: Role[] }> = [
  { username: 'admin', name: '系统管理员', unit: '政府办', roles: ['sysadmin'] },
  { username: 'wzzx', name: '网站中心编辑', unit: '网站中心', roles: ['site_editor'] },
  // The centre's own items need its 审查人 and head (附件2), and an e-mailed item needs a second editor
  // (nobody approves what they entered): without these, nothing wzzx writes could be approved.
  { username: 'wzzx_ld', name: '网站中心分管领导', unit: '网站中心', roles: ['site_editor', 'unit_leader'] },
  { username: 'wzzx_zy', name: '网站中心主任', unit: '网站中心', roles: ['unit_head'] },
  { username: 'gkk', name: '政务公开科审核员', unit: '政府办', roles: ['disclosure_reviewer'] },
  { username: 'ldz', name: '政府办领导', unit: '政府办', roles: ['office_leader'] },
  { username: 'czj', name: '财政局信息员', unit: '财政局', roles: ['unit_officer'] },
  { username: 'czj_ld', name: '财政局分管领导', unit: '财政局', roles: ['unit_leader'] },
  { username: 'czj_zy', name: '财政局主要领导', unit: '财政局', roles: ['unit_head'] },
  { username: 'xwzx', name: '新闻中心信息员', unit: '新闻中心', roles: ['unit_officer'] },
  { username: 'xwzx_ld', name: '新闻中心分管领导', unit: '新闻中心', roles: ['unit_leader'] },
  { username: 'ggz', name: '高沟镇信息员', unit: '高沟镇', roles: ['unit_officer'] },
  { username: 'ggz_ld', name: '高沟镇分管领导', unit: '高沟镇', roles: ['unit_leader'] },
  { username: 'ggz_zy', name: '高沟镇主要领导', unit: '高沟镇', roles: ['unit_head'] },
  { username: 'rx12345', name: '12345话务员', unit: '12345办公室', roles: ['hotline_operator'] },
  { username: 'rx12345_ld', name: '12345办公室分管领导', unit: '12345办公室', roles: ['unit_leader'] },
];

/**
 * Columns a single unit keeps every working day: they use the short chain (附件2 allows it). The 12345
 * office's replies to letters and questions are its own columns too, answered within days.
 */
const SHORT_CHAIN_COLUMNS = [
  '新闻中心/热点头条',
  '新闻中心/涟水新闻',
  '新闻中心/视频新闻',
  '政民互动/领导信箱',
  '政民互动/部门信箱',
  '政民互动/来信反馈',
  '政民互动/刊登共性问题',
  '政民互动/在线咨询',
  '政民互动/投诉监督',
];

const HOME_BLOCKS: Array<[string, string, number]> = [
  ['新闻中心/热点头条', '热点头条', 6],
  ['新闻中心/涟水新闻', '涟水新闻', 8],
  ['新闻中心/部门动态', '部门动态', 8],
  ['新闻中心/乡镇动态', '乡镇动态', 8],
  ['新闻中心/公告公示', '公告公示', 8],
  ['政务公开/政策解读', '政策解读', 8],
];

/** Units left without a 信息员 or 分管领导 so the roster report has something to show. */
const ROSTER_GAPS = new Set(['扶贫办', '安监局', '红窑镇']);

export interface DemoResult {
  accounts: typeof DEMO_ACCOUNTS;
  columns: number;
  duties: number;
  units: number;
  articles: number;
  /** Milliseconds the first start spent seeding (the README quotes it). */
  ms: number;
}

/** The duties' date in force: the Monday two weeks before the start, so the board judges whole weeks. */
export function demoStartDay(today: string): string {
  return mondayOf(addDays(today, -14));
}

export class DemoService {
  constructor(
    private readonly s: {
      database: Database;
      uow: UnitOfWork;
      sites: SitesService;
      units: UnitsService;
      accounts: AccountsService;
      chains: ChainsService;
      columns: ColumnsService;
      guaranteeImport: ListImportService;
      guaranteeTree: DisclosureTreeService;
      articleImport: ArticleImportService;
      settings: Settings;
      config: Config;
      story: DemoStory;
    },
  ) {}

  async isEmpty(): Promise<boolean> {
    const site = await this.s.database.db.selectFrom('sites').select('id').executeTakeFirst();
    return site === undefined;
  }

  /** Seed the demo on an empty database; returns null (and does nothing) otherwise. */
  async seedIfEmpty(clock: () => Date = () => new Date()): Promise<DemoResult | null> {
    if (!(await this.isEmpty())) return null;
    const began = Date.now();
    const system = systemActor('demo');
    const today = shanghaiDay(clock());
    const start = demoStartDay(today);
    const site = await this.s.sites.create(system, {
      name: '涟水县人民政府',
      code: 'county',
      hosts: ['localhost', '127.0.0.1'],
      siteCode: '3208260001',
      icp: '苏ICP备05000000号（演示）',
      psb: '苏公网安备 32082602000001号（演示）',
      sponsor: '涟水县人民政府办公室',
      organizer: '涟水县政府门户网站中心',
      contact: '县政府办公室309室　电话：0517-82380090　邮箱：lswzzx@126.com',
      theme: 'default',
      isDefault: true,
      homeBlocks: [],
    });
    const list = fs.readFileSync(path.join(this.s.config.seedDir, 'guarantee-list.csv'));
    const imported = await this.s.guaranteeImport.importList(system, list, {
      siteId: site.id,
      apply: true,
      effective: start,
    });
    const catalogue = UnitCatalogue.load(path.join(this.s.config.seedDir, 'units.json'));
    const hash = await hashPassword(DEMO_PASSWORD);

    await this.s.uow.run(async (trx, emit) => {
      // The rest of the county: towns, streets and parks are named in the list only as groups.
      const index = await this.s.units.nameIndex(trx);
      for (const u of catalogue.units) {
        if (index.resolve(u.name) !== null) continue;
        const created = await this.s.units.createIn(
          trx,
          UnitCatalogue.toInput(u, (n) => index.resolve(n) !== null),
        );
        index.add(created.id, created.name);
        index.add(created.id, created.shortName);
      }
      // Units made here (not through the unit service's events) get their 信息公开 branch now.
      await this.s.guaranteeTree.syncIn(trx, emit, system, { effective: { day: start, explicit: true } });
      const all = await this.s.units.all(trx);
      const unitId = (name: string) => {
        const id = index.resolve(name) ?? all.find((u) => u.shortName === name)?.id;
        if (id === undefined) throw new Error(`演示数据引用的单位“${name}”不存在`);
        return id;
      };
      const now = nowIso(clock);
      for (const [i, u] of all.entries()) {
        const gap = ROSTER_GAPS.has(u.shortName);
        const people: Array<['leader' | 'officer', number]> = gap
          ? [['leader', 0]]
          : [
              ['leader', 0],
              ['officer', 1],
            ];
        for (const [role, k] of people) {
          const p = demoPerson(i * 2 + k, role);
          await trx
            .insertInto('personnel')
            .values({
              unit_id: u.id,
              role,
              name: p.name,
              post: p.post(u.shortName),
              phone: p.phone,
              email: null,
              created_at: now,
              updated_at: now,
            })
            .execute();
        }
      }
      // The demo accounts sign in with the demo password alone, so anyone can try every role; the
      // administrator turns two-factor sign-in on per role (账号与角色 → 两步验证), docs/security.md.
      await this.s.settings.set(trx, TWO_FACTOR_ROLES_SETTING, []);
      for (const a of DEMO_ACCOUNTS) {
        await this.s.accounts.createIn(
          trx,
          {
            username: a.username,
            displayName: a.name,
            unitId: unitId(a.unit),
            roles: a.roles,
            phone: '0517-82380090',
            email: `${a.username}@demo.lianshui.gov.cn`,
            active: true,
          },
          hash,
        );
      }
      const columns = await this.s.columns.listBySite(site.id, trx);
      const byNamePath = new Map<string, number>();
      const nameOf = new Map(columns.map((c) => [c.id, c]));
      const pathOf = (id: number): string => {
        const c = nameOf.get(id)!;
        return c.parentId === null ? c.name : `${pathOf(c.parentId)}/${c.name}`;
      };
      for (const c of columns) byNamePath.set(pathOf(c.id), c.id);
      for (const p of SHORT_CHAIN_COLUMNS) {
        const id = byNamePath.get(p);
        if (id) await this.s.chains.bindIn(trx, SHORT_CHAIN, id, null);
      }
      // Two columns are called 公告公示 (新闻中心's and 政务公开/管理公开's): name the home blocks.
      const homeBlocks = HOME_BLOCKS.flatMap(([p, title, limit]) => {
        const columnId = byNamePath.get(p);
        return columnId ? [{ columnId, title, limit }] : [];
      });
      await this.s.sites.updateIn(trx, emit, system, site.id, { homeBlocks });
      await emit({
        type: 'demo.seeded',
        actor: system,
        entityType: 'site',
        entityId: site.id,
        summary: '首次启动：导入演示数据（保障清单、单位、人员名单、演示账号）',
      });
    });

    const day = 86_400_000;
    const lines = DEMO_ARTICLES.map((a, i) => {
      // Spread over the working day in Shanghai time, a little later for each item of the same day.
      const shanghaiMidnight = Math.floor((clock().getTime() + 8 * 3600_000) / day) * day - 8 * 3600_000;
      const at = new Date(
        Math.min(shanghaiMidnight - a.daysAgo * day + (8.5 + (i % 8)) * 3600_000, clock().getTime() - 60_000),
      );
      return JSON.stringify({
        column: a.column,
        unit: a.unit,
        title: a.title,
        type: a.type,
        body_html: a.paragraphs.map((p) => `<p>${p}</p>`).join(''),
        published_at: at.toISOString(),
        doc_no: a.docNo ?? null,
        written_on: a.issuer ? new Date(at.getTime() + 8 * 3600_000 - 2 * day).toISOString().slice(0, 10) : null,
        issuer: a.issuer ?? null,
        topic_category: a.topic ?? null,
        genre: a.genre ?? null,
        source: a.unit,
      });
    });
    // The story: a dead link, then content for every duty as the board judges it, all through the
    // historical import (the ledger counts each item), then the 解读 links between the imported items.
    await this.s.story.plantDeadLink(system, site.id, start, clock());
    const generated = await this.s.story.content(site.id, today, start, clock(), '政府办');
    const all = [...lines, ...generated.map((g) => JSON.stringify(g))];
    const r = await this.s.articleImport.run(system, all.join('\n'));
    await this.s.story.linkInterpretations(site.id);
    return {
      accounts: DEMO_ACCOUNTS,
      columns: imported.summary.columns.created,
      duties: imported.summary.duties.created,
      units: (await this.s.units.all()).length,
      articles: r.imported,
      ms: Date.now() - began,
    };
  }
}
