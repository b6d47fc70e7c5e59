import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { highlightFinding } from './highlight.js';
import {
  CHECK_KINDS,
  CHECK_KIND_LABELS,
  DEFAULT_MODES,
  contextOf,
  createChecker,
  hasBlocking,
  runChecks,
  type CheckInput,
  type Finding,
} from './run-checks.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../test/fixtures/checks');
const file = (id: number, name: string, fixture: string) => ({
  id,
  name,
  ext: path.extname(name).slice(1),
  bytes: fs.readFileSync(path.join(FIXTURES, fixture)),
});

const item = (over: Partial<CheckInput> = {}): CheckInput => ({
  title: '关于做好2026年冬季安全生产工作的通知',
  bodyHtml: '<p>各镇人民政府、街道办事处：</p><p>现将有关事项通知如下。</p>',
  attachments: [],
  isDisclosure: false,
  type: 'notice',
  disclosure: {},
  siteHosts: ['www.lianshui.gov.cn'],
  resolveLink: () => true,
  ...over,
});

const brief = (fs: Finding[]) => fs.map((f) => [f.check, f.severity, f.location.part ?? f.location.label, f.excerpt]);

describe('runChecks on the fixtures', () => {
  it('the leaking Word notice: the 密级 line, an ID number and a mobile number', async () => {
    const findings = await runChecks(item({ attachments: [file(11, '慰问金发放通知.docx', 'notice-leak.docx')] }));
    expect(brief(findings)).toEqual([
      ['classification', 'block', '附件“慰问金发放通知.docx”', '秘密★1年'],
      ['personal-data', 'block', '附件“慰问金发放通知.docx”', '320826197803150015'],
      ['personal-data', 'block', '附件“慰问金发放通知.docx”', '13905171234'],
    ]);
    for (const f of findings)
      expect(f.location).toEqual({ kind: 'attachment', label: '附件“慰问金发放通知.docx”', attachmentId: 11 });
    expect(findings[0]).toMatchObject({
      rule: 'star-mark',
      start: 0,
      end: 5,
      context: '秘密★1年 涟政办发〔2026〕8号 涟水县人民政府办公室关于做好…',
      contextOffset: 0,
    });
    expect(findings[1]!.context).toContain('张某某 320826197803150015 13905171234');
    expect(hasBlocking(findings)).toBe(true);
  });

  it('the clean Word notice full of near misses: nothing', async () => {
    expect(await runChecks(item({ attachments: [file(12, '保密审查通知.docx', 'notice-clean.docx')] }))).toEqual([]);
  });

  it('the leaking name list: valid ID numbers and bank cards, each at its cell; not the invalid or masked ones', async () => {
    const findings = await runChecks(item({ attachments: [file(13, '补贴发放名单.xlsx', 'roster-leak.xlsx')] }));
    expect(findings.map((f) => [f.check, f.rule, f.location.part, f.excerpt])).toEqual([
      ['personal-data', 'id-number', '补贴发放名单!C3', '320826197803150015'],
      ['personal-data', 'bank-card', '补贴发放名单!D3', '6222021710001234569'],
      ['personal-data', 'mobile', '补贴发放名单!E3', '13905171234'],
      ['personal-data', 'id-number', '补贴发放名单!C4', '320826198506221029'],
      ['personal-data', 'bank-card', '补贴发放名单!D4', '6217 9951 7000 0218 836'],
      ['personal-data', 'id-number', '补贴发放名单!C5', '32082619551208002X'],
      ['personal-data', 'bank-card', '补贴发放名单!D5', '6228480123456789015'],
      ['personal-data', 'bank-card', '补贴发放名单!D6', '6236680517000123459'],
    ]);
    expect(findings[0]!.location.label).toBe('附件“补贴发放名单.xlsx” 补贴发放名单!C3');
    expect(findings[0]!.suggestion).toBe('请删除，或隐去出生日期等中间位（如 320826********0015）后再发布');
  });

  it('the clean statistics workbook: nothing', async () => {
    expect(await runChecks(item({ attachments: [file(14, '主要经济指标.xlsx', 'stats-clean.xlsx')] }))).toEqual([]);
  });

  it('the internal PDF: the handling mark on page 1, two wrong expressions on page 2', async () => {
    const findings = await runChecks(item({ attachments: [file(15, '经济运行分析.pdf', 'internal-leak.pdf')] }));
    expect(brief(findings)).toEqual([
      ['classification', 'block', '第1页', '内部资料 注意保存'],
      ['wrong-expression', 'warn', '第2页', '党中央国务院'],
      ['wrong-expression', 'warn', '第2页', '二十大'],
    ]);
    expect(findings[1]).toMatchObject({
      suggestion: '改为“党中央、国务院”',
      location: { kind: 'attachment', label: '附件“经济运行分析.pdf” 第2页', attachmentId: 15, part: '第2页' },
    });
    expect(findings[2]!.suggestion).toBe('改为“党的二十大”');
  });

  it('the clean PDF report: nothing', async () => {
    expect(await runChecks(item({ attachments: [file(16, '政务公开工作情况.pdf', 'report-clean.pdf')] }))).toEqual([]);
  });

  it('all clean fixtures together, with a clean title and body: nothing', async () => {
    const findings = await runChecks(
      item({
        attachments: [
          file(1, 'a.docx', 'notice-clean.docx'),
          file(2, 'b.xlsx', 'stats-clean.xlsx'),
          file(3, 'c.pdf', 'report-clean.pdf'),
        ],
      }),
    );
    expect(findings).toEqual([]);
  });
});

describe('runChecks on title, body and metadata', () => {
  const body = `
    <p>申请人张某某（身份证号码320826198812250012）的申请已办结。</p>
    <p>详见<a href="/xxgk/gone.html">办理结果</a>，咨询电话0517-82380090。</p>
    <p><img src="/uploads/IMG_0001.jpg"></p>`;
  const resolveLink = (url: string) => !url.endsWith('/xxgk/gone.html');

  it('reports each finding where it is, graded by the default modes', async () => {
    const findings = await runChecks(
      item({
        title: '关于学习贯彻十九大精神的通知',
        bodyHtml: body,
        resolveLink,
        isDisclosure: true,
        type: 'document',
        disclosure: {
          docNo: '涟政发[2026]12号',
          writtenOn: '2026-03-10',
          issuer: '涟水县人民政府',
          topicCategory: null,
        },
        publishAt: '2026-03-15T01:00:00Z',
      }),
    );
    expect(findings.map((f) => [f.check, f.rule, f.severity, f.location.kind, f.location.label, f.excerpt])).toEqual([
      ['wrong-expression', 'wrong-expression', 'warn', 'title', '标题', '十九大'],
      ['personal-data', 'id-number', 'block', 'body', '正文', '320826198812250012'],
      ['dead-link', 'internal', 'warn', 'body', '正文链接（/xxgk/gone.html）', '办理结果'],
      ['image-alt', 'missing', 'warn', 'body', '正文图片', '/uploads/IMG_0001.jpg'],
      ['disclosure-metadata', 'missing', 'block', 'metadata', '主题分类', ''],
      ['disclosure-metadata', 'doc-no-brackets', 'warn', 'metadata', '文号', '涟政发[2026]12号'],
    ]);
    const [title, id, link] = findings;
    expect(title).toMatchObject({ start: 6, end: 9, context: '关于学习贯彻十九大精神的通知', contextOffset: 6 });
    expect(id!.context.slice(id!.contextOffset, id!.contextOffset + 18)).toBe('320826198812250012');
    expect(link!.location.part).toBe('/xxgk/gone.html');
    expect(highlightFinding(title!)).toBe('关于学习贯彻<mark>十九大</mark>精神的通知');
  });

  it('follows the configured modes: off checks are not reported, warn never blocks', async () => {
    const checker = createChecker({
      modes: { 'personal-data': 'warn', 'image-alt': 'off', 'wrong-expression': 'off' },
    });
    const mobile = body.replace('身份证号码320826198812250012', '手机13905171234');
    const findings = await checker.run(item({ title: '关于学习贯彻十九大精神的通知', bodyHtml: mobile, resolveLink }));
    expect(findings.map((f) => [f.check, f.rule, f.severity])).toEqual([
      ['personal-data', 'mobile', 'warn'],
      ['dead-link', 'internal', 'warn'],
    ]);
    expect(hasBlocking(findings)).toBe(false);
  });

  it('classification marks and ID and bank card numbers block whatever the modes say', async () => {
    const checker = createChecker({ modes: { classification: 'off', 'personal-data': 'off' } });
    const findings = await checker.run(
      item({
        bodyHtml: `<p>机密★1年</p><p>内部资料　注意保存</p>${body}<p>收款账号6222021001116245702，手机13905171234。</p>`,
      }),
    );
    expect(findings.filter((f) => f.severity === 'block').map((f) => [f.check, f.rule, f.excerpt])).toEqual([
      ['classification', 'star-mark', '机密★1年'],
      ['personal-data', 'id-number', '320826198812250012'],
      ['personal-data', 'bank-card', '6222021001116245702'],
    ]);
    // What the office may turn off stays off: restricted marks and mobile numbers.
    expect(findings.some((f) => f.excerpt.includes('内部资料') || f.excerpt === '13905171234')).toBe(false);
  });

  it('uses the administrator lists instead of the defaults', async () => {
    const findings = await runChecks(item({ bodyHtml: '<p>严禁代开发票，依法处置群体事件，贯彻十九大精神。</p>' }), {
      words: [
        { word: '代开发票', kind: 'prohibited' },
        { word: '群体事件', kind: 'sensitive' },
      ],
      expressions: [],
    });
    expect(brief(findings)).toEqual([
      ['prohibited-word', 'block', '正文', '代开发票'],
      ['sensitive-word', 'warn', '正文', '群体事件'],
    ]);
  });

  it('成文日期 after the (Shanghai) publish day blocks', async () => {
    const disclosure = { writtenOn: '2026-03-16', issuer: '涟水县人民政府', topicCategory: '综合政务' };
    // 2026-03-15T16:30Z is already 16 March in Shanghai.
    expect(await runChecks(item({ isDisclosure: true, disclosure, publishAt: '2026-03-15T16:30:00Z' }))).toEqual([]);
    const late = await runChecks(item({ isDisclosure: true, disclosure, publishAt: '2026-03-15T15:30:00Z' }));
    expect(brief(late)).toEqual([['disclosure-metadata', 'block', '成文日期', '2026-03-16']]);
    expect(late[0]!.location).toEqual({ kind: 'metadata', label: '成文日期', field: 'writtenOn' });
  });

  it('does not check metadata of an item that is not disclosed', async () => {
    expect(await runChecks(item({ isDisclosure: false, type: 'document', disclosure: {} }))).toEqual([]);
  });
});

describe('attachments that cannot be read', () => {
  it('become findings on the file, and the other attachments are still checked', async () => {
    const findings = await runChecks(
      item({
        attachments: [
          { id: 21, name: '旧通知.doc', ext: 'doc', bytes: Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0]) },
          { id: 22, name: '损坏.xlsx', ext: 'xlsx', bytes: Buffer.from('PK\u0003\u0004 broken') },
          { id: 23, name: '损坏.pdf', ext: 'pdf', bytes: Buffer.from('not a pdf at all') },
          file(24, '慰问金发放通知.docx', 'notice-leak.docx'),
        ],
      }),
    );
    expect(findings.map((f) => [f.check, f.rule, f.severity, f.location.attachmentId, f.excerpt])).toEqual([
      ['attachment-unreadable', 'old-format', 'warn', 21, '旧通知.doc'],
      ['attachment-unreadable', 'unreadable', 'warn', 22, '损坏.xlsx'],
      ['attachment-unreadable', 'unreadable', 'warn', 23, '损坏.pdf'],
      ['classification', 'star-mark', 'block', 24, '秘密★1年'],
      ['personal-data', 'id-number', 'block', 24, '320826197803150015'],
      ['personal-data', 'mobile', 'block', 24, '13905171234'],
    ]);
    expect(findings[0]!.message).toBe('无法检查旧版 Office 文件内容，请人工核对');
    expect(findings[0]!.location).toEqual({ kind: 'attachment', label: '附件“旧通知.doc”', attachmentId: 21 });
    expect(findings[0]!.detail).toBeUndefined();
    expect(findings[2]!.detail).toMatch(/^\w+: ./);
  });
});

describe('catalogue and context', () => {
  it('every check kind has a Chinese label and a default mode', () => {
    for (const k of CHECK_KINDS) {
      expect(CHECK_KIND_LABELS[k]).toMatch(/[\u4e00-\u9fff]/);
      expect(['block', 'warn']).toContain(DEFAULT_MODES[k]);
    }
    expect(DEFAULT_MODES).toMatchObject({
      classification: 'block',
      'personal-data': 'block',
      'prohibited-word': 'block',
      'sensitive-word': 'warn',
      'wrong-expression': 'warn',
      'dead-link': 'warn',
      'image-alt': 'warn',
      'disclosure-metadata': 'block',
    });
  });

  it('the context is a window with ellipses and collapsed whitespace around the exact excerpt', () => {
    const text = `${'甲'.repeat(40)}\n\n  秘密★1年  \n${'乙'.repeat(40)}`;
    const start = text.indexOf('秘密');
    const { context, contextOffset } = contextOf(text, start, start + 5);
    expect(context.startsWith('…')).toBe(true);
    expect(context.endsWith('…')).toBe(true);
    expect(context.slice(contextOffset, contextOffset + 5)).toBe('秘密★1年');
    expect(highlightFinding({ context, contextOffset, excerpt: '秘密★1年' })).toContain('<mark>秘密★1年</mark>');
    expect(context).not.toContain('\n');
  });
});
