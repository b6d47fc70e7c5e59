import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as rules from '../../admin/src/lib/rules.js';
import { Disclosure, ArticleInput } from '../../src/modules/content/content.schemas.js';
import { AccountInput, PersonInput, UnitInput } from '../../src/modules/org/org.schemas.js';
import { ColumnInput, SiteInput } from '../../src/modules/sites/sites.schemas.js';
import { passwordProblem } from '../../src/platform/auth/password.js';
import '../../src/app.js'; // z.config(zhCN): the server's messages, as the admin app receives them

// The admin app's form checks mirror the server's zod schemas. Each check is run side by side with
// the schema it copies on values people really type: both must accept and refuse the same ones, and
// where the server words its own refusal, the form must say the same thing.

type Case = { name: string; check: rules.Check; schema: z.ZodType; values: unknown[]; sameMessage?: boolean };

const CASES: Case[] = [
  {
    name: '站点代码',
    check: rules.siteCodeSlug,
    schema: SiteInput.shape.code,
    values: ['county', 'c', 'Lianshui', 'lianshui-town', '1abc', 'ab_c', ' county ', 'a'.repeat(65)],
    sameMessage: true,
  },
  {
    name: '网站标识码',
    check: rules.websiteId,
    schema: SiteInput.shape.siteCode,
    values: ['3208260001', '320826000', '32082600011', '320826000a', ' 3208260001 ', '３２０８２６０００１'],
    sameMessage: true,
  },
  {
    name: '域名',
    check: rules.hostName,
    schema: SiteInput.shape.hosts.unwrap().element,
    values: ['www.lianshui.gov.cn', 'WWW.LIANSHUI.GOV.CN', 'localhost:3000', 'a b.cn', 'http://x.cn', '涟水.cn'],
    sameMessage: true,
  },
  {
    name: '主题',
    check: rules.themeName,
    schema: SiteInput.shape.theme,
    values: ['default', 'red-2', 'Default', 'a b', 'a_b'],
    sameMessage: true,
  },
  {
    name: '栏目英文路径',
    check: rules.columnSlug,
    schema: ColumnInput.shape.slug,
    values: ['news', 'news-2', '-news', 'News', 'xin wen', 'a'.repeat(101), '9a'],
    sameMessage: true,
  },
  {
    name: '栏目链接',
    check: rules.columnLink,
    schema: ColumnInput.shape.linkUrl,
    values: [
      'https://www.gov.cn/',
      'http://x',
      '/c/news/',
      'www.gov.cn',
      'ftp://x',
      'https://a b',
      '//evil.example/',
      '/\\evil.example/',
      'https://www.gov.cn\\@evil.example',
    ],
    sameMessage: true,
  },
  {
    name: '单位代码',
    check: rules.unitCode,
    schema: UnitInput.shape.code,
    values: ['32082600A', '12345', 'ab12345', '91320826MA1XYZ0000', '320826-01', '320826 01', 'X'.repeat(33)],
    sameMessage: true,
  },
  {
    name: '电话',
    check: rules.phone,
    schema: PersonInput.shape.phone,
    values: ['0517-82321234', '+86 138 0000 0000', '(0517)8232', '电话', '8232#1', '1'.repeat(51)],
  },
  {
    name: '手机',
    check: rules.mobile,
    schema: PersonInput.shape.mobile,
    values: ['13905170001', '139 0517 0001', '+86 139-0517-0001', '1390517', '0517-82321234', '电话', '23905170001'],
    sameMessage: true,
  },
  {
    name: '站点公网地址',
    check: rules.probeUrl,
    schema: SiteInput.shape.probeUrl,
    values: ['https://www.lianshui.gov.cn/', 'http://127.0.0.1:3000/', 'www.lianshui.gov.cn', 'ftp://x/', '/'],
    sameMessage: true,
  },
  {
    name: '邮箱',
    check: rules.email,
    schema: PersonInput.shape.email,
    values: [
      'czj@lianshui.gov.cn',
      'CZJ@LIANSHUI.GOV.CN',
      'a.b+c@x.cn',
      'czj@',
      'czj@lianshui',
      'a..b@x.cn',
      '.a@x.cn',
      'a b@x.cn',
    ],
  },
  {
    name: '用户名',
    check: rules.username,
    schema: AccountInput.shape.username,
    values: ['czj', 'czj_xxy', 'a.b-c', 'ab', 'czj xxy', '王芳', 'x'.repeat(65)],
    sameMessage: true,
  },
  {
    name: '外部链接',
    check: rules.articleLink,
    schema: ArticleInput.shape.linkUrl,
    values: ['https://www.gov.cn/x', 'http://x', '/a/1.html', 'www.gov.cn', 'https://a b'],
    sameMessage: true,
  },
  {
    name: '标题长度',
    check: rules.maxChars('标题', 500),
    schema: ArticleInput.shape.title,
    values: ['通知', '字'.repeat(500), '字'.repeat(501), ` ${'字'.repeat(500)} `],
    sameMessage: true,
  },
  {
    name: '主题分类长度',
    check: rules.maxChars('主题分类', 100),
    schema: Disclosure.shape.topicCategory,
    values: ['综合政务\\政务公开', '类'.repeat(101)],
    sameMessage: true,
  },
  {
    name: '成文日期',
    check: rules.isoDate,
    schema: Disclosure.shape.writtenOn,
    values: ['2026-11-20', '2026-02-30', '2026-2-3', '20261120', '2026-13-01'],
    sameMessage: true,
  },
];

describe('form checks agree with the server’s schemas', () => {
  for (const c of CASES) {
    it(c.name, () => {
      for (const v of c.values) {
        const server = c.schema.safeParse(v);
        const mine = c.check(v);
        expect(
          mine === null,
          `${c.name}「${String(v)}」：服务器${server.success ? '接受' : '拒绝'}，表单${mine === null ? '接受' : `拒绝（${mine}）`}`,
        ).toBe(server.success);
        if (!server.success && c.sameMessage)
          expect(mine, `${c.name}「${String(v)}」的提示`).toBe(server.error.issues[0]!.message);
      }
    });
  }

  it('password policy, as the account service checks it (one shared rule)', () => {
    for (const [v, user] of [
      ['Czj@2026pass', 'czj'],
      ['river boat lantern', 'czj'],
      ['Lianshui2026', 'czj'],
      ['Password12', 'czj'],
      ['Demo@2026lianshui', 'admin'],
      ['czj-river-2026', 'czj'],
      ['short', 'czj'],
      [`${'x'.repeat(129)}A1!`, 'czj'],
    ] as const) {
      expect(rules.passwordFor(() => user)(v), v).toBe(passwordProblem(v, user));
    }
  });

  it('required and length limits speak like the server', () => {
    expect(rules.required()('  ')).toBe('不能为空');
    expect(rules.required()('名称')).toBeNull();
    expect(rules.maxLength(200)('字'.repeat(201))).toBe(
      SiteInput.shape.name.safeParse('字'.repeat(201)).error?.issues[0]?.message,
    );
  });

  it('body links keep to what the sanitiser lets through', () => {
    for (const ok of ['https://www.gov.cn/', 'mailto:czj@lianshui.gov.cn', '/a/1.html'])
      expect(rules.bodyLink(ok), ok).toBeNull();
    for (const bad of ['javascript:alert(1)', 'www.gov.cn', '//evil.example/x', 'ftp://x'])
      expect(rules.bodyLink(bad), bad).not.toBeNull();
  });
});
