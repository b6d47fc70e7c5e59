import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ArticleInput } from '../src/modules/content/content.schemas.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { systemActor } from '../src/platform/auth/actor.js';
import type { Services } from '../src/services.js';
// Nothing goes online unreviewed: the bench publishes the way tests do, through a one-step review.
import { publishForTest } from '../test/harness/publish.js';

// Realistic content for the article-page benchmark, created through the services exactly as editors
// would: a county site, its news and disclosure columns, units, a few hundred published items with
// Chinese bodies of ordinary length, and one disclosure item with an attachment and a 解读.

const system = systemActor('bench');

const SENTENCES = [
  '会议强调，要坚持以人民为中心的发展思想，把群众满意作为检验工作成效的根本标准。',
  '县委常委、常务副县长出席会议并讲话，各镇（街道、园区）和县各有关部门主要负责同志参加会议。',
  '今年以来，全县上下聚焦高质量发展主题，持续优化营商环境，重点项目建设取得积极进展。',
  '各单位要进一步压实工作责任，细化任务分工，确保各项目标任务按时保质完成。',
  '据统计，1至10月全县完成固定资产投资同比增长8.6%，规模以上工业增加值增长9.1%。',
  '会上，县发展改革委、县财政局、县生态环境局分别汇报了相关工作进展情况。',
  '要加强建设项目环境影响评价管理，严格落实环评审批和排污许可制度，守牢生态环境安全底线。',
  '各镇要结合实际，因地制宜发展特色产业，推动农业增效、农民增收、农村繁荣。',
  '要持续深化“放管服”改革，推进政务服务“一网通办”，让企业和群众办事更加便捷高效。',
  '县政府办公室将对各单位落实情况进行跟踪督查，并定期通报工作进展。',
  '会议指出，安全生产是发展的前提，要始终绷紧安全生产这根弦，坚决防范遏制重特大事故发生。',
  '涟水县将以此次活动为契机，进一步完善工作机制，推动各项政策落地见效。',
  '下一步，县教育局将继续加大投入，改善办学条件，促进城乡义务教育优质均衡发展。',
  '活动现场，工作人员通过发放宣传资料、现场解答咨询等方式，向群众宣传相关政策法规。',
  '本次公示期为10个工作日，公示期间如有异议，请以书面形式向县相关部门反映。',
  '各有关单位要高度重视，认真组织实施，确保政策宣传到位、资金发放到位、服务保障到位。',
];

const TITLES = [
  '涟水县召开重点项目建设推进会',
  '县政府常务会议研究部署近期重点工作',
  '涟水县开展安全生产大检查',
  '县生态环境局开展建设项目环评专项督查',
  '涟水县举行秋季重大项目集中开工仪式',
  '全县农村人居环境整治工作现场推进会召开',
  '县教育局部署秋季学期开学工作',
  '涟水县政务服务中心推出延时服务',
  '县市场监管局开展食品安全专项整治',
  '高沟镇召开村级集体经济发展座谈会',
];

/** A small deterministic generator, so every run benchmarks the same content. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function body(rand: () => number): string {
  const paragraphs: string[] = [];
  const n = 8 + Math.floor(rand() * 10);
  for (let i = 0; i < n; i++) {
    const sentences: string[] = [];
    for (let j = 0; j < 2 + Math.floor(rand() * 3); j++)
      sentences.push(SENTENCES[Math.floor(rand() * SENTENCES.length)]!);
    paragraphs.push(`<p>${sentences.join('')}</p>`);
  }
  return paragraphs.join('\n');
}

export interface BenchContent {
  articleId: number;
  published: number;
}

export async function createBenchContent(s: Services, articles: number): Promise<BenchContent> {
  const site = await s.sites.create(system, {
    name: '涟水县人民政府',
    code: 'county',
    hosts: ['127.0.0.1'],
    theme: 'default',
    isDefault: true,
    homeBlocks: [],
    siteCode: '3208260001',
    icp: '苏ICP备05012345号',
    psb: '苏公网安备 32082602000123号',
    sponsor: '涟水县人民政府办公室',
    organizer: '涟水县大数据管理中心',
    contact: '0517-82321234',
  });
  const unit = (name: string, shortName: string, code: string) =>
    s.units.create(system, {
      name,
      shortName,
      category: 'gov_dept',
      code,
      aliases: [],
      emails: [],
      sortOrder: 0,
      active: true,
    });
  const office = await unit('涟水县人民政府办公室', '政府办', '014112345');
  const env = await unit('涟水县生态环境局', '环保局', '014198765');
  const column = (name: string, parentId: number | null, kind: 'list' | 'catalogue' = 'list') =>
    s.columns.create(system, { siteId: site.id, parentId, name, kind, inNav: true });
  const news = await column('新闻中心', null);
  const local = await column('涟水新闻', news.id);
  const depts = await column('部门动态', news.id);
  const notices = await column('公告公示', news.id);
  const open = await column('政务公开', null, 'catalogue');
  const policies = await column('政策文件', open.id);
  const readings = await column('政策解读', open.id);
  await column('政民互动', null);

  const rand = random(2026);
  const targets = [local.id, depts.id, notices.id];
  for (let i = 0; i < articles; i++) {
    const title = `${TITLES[i % TITLES.length]}（第${Math.floor(i / TITLES.length) + 1}期）`;
    const a = await s.articles.create(
      system,
      ArticleInput.parse({
        columnId: targets[i % targets.length],
        unitId: office.id,
        title,
        bodyHtml: body(rand),
        source: '涟水县融媒体中心',
      }),
    );
    await publishForTest(s, a.id);
  }

  // The measured page: a disclosure item with an attachment, a linked 解读, and a long body.
  // Uploads need an account (the system actor may not upload); nobody ever signs in with it.
  const hash = await hashPassword(crypto.randomBytes(18).toString('base64'));
  const accountId = await s.uow.run((trx) =>
    s.accounts.createIn(
      trx,
      {
        username: 'bench',
        displayName: '压测编辑',
        unitId: env.id,
        roles: ['site_editor'],
        active: true,
        phone: null,
        email: null,
      },
      hash,
    ),
  );
  const editor = await s.auth.actorFor(accountId, null);
  if (!editor) throw new Error('压测账号未能建立');
  const pdf = fs.readFileSync(path.resolve(import.meta.dirname, '../test/fixtures/sample.pdf'));
  const file = await s.attachments.upload(editor, '涟水县建设项目环评审批改革实施方案（全文）.pdf', pdf);
  const policy = await s.articles.create(
    system,
    ArticleInput.parse({
      columnId: policies.id,
      unitId: env.id,
      type: 'document',
      title: '涟水县人民政府办公室关于印发涟水县建设项目环评审批改革实施方案的通知',
      bodyHtml: `<p>各镇人民政府、街道办事处，县各园区管委会，县各有关部门：</p>\n${body(rand)}\n<p style="text-align:right">涟水县人民政府办公室</p><p style="text-align:right">2026年3月2日</p>`,
      source: '涟水县人民政府办公室',
      disclosure: {
        docNo: '涟政办发〔2026〕12号',
        writtenOn: '2026-03-02',
        issuer: '涟水县人民政府办公室',
        topicCategory: '环境监测、保护与治理',
        genre: '通知',
        validity: '有效',
      },
      attachmentIds: [file.id],
    }),
  );
  await publishForTest(s, policy.id);
  const reading = await s.articles.create(
    system,
    ArticleInput.parse({
      columnId: readings.id,
      unitId: env.id,
      title: '一图读懂涟水县建设项目环评审批改革实施方案',
      bodyHtml: body(rand),
      interpretsPolicyIds: [policy.id],
      disclosure: { writtenOn: '2026-03-03', issuer: '涟水县生态环境局', topicCategory: '环境监测、保护与治理' },
    }),
  );
  await publishForTest(s, reading.id);
  return { articleId: policy.id, published: articles + 2 };
}
