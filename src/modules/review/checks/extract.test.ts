import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { unifyRadicals } from './cjk-radicals.js';
import { extractBody } from './body-text.js';
import { extractAttachment, joinTextItems } from './extract.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../test/fixtures');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, 'checks', name));
const attach = (name: string, bytes: Uint8Array = fixture(name), id: number | string = 7) =>
  extractAttachment({ id, name, bytes });

describe('body HTML', () => {
  it('keeps block boundaries as line breaks and table cells apart', () => {
    const body = extractBody(
      '<h2>名单</h2><p>第一段<br>第二行</p><table><tr><td>张某某</td><td>13905171234</td></tr><tr><td>2</td><td>李某某</td></tr></table><ul><li>甲</li><li>乙</li></ul>',
    );
    expect(body.text).toBe('名单\n第一段\n第二行\n张某某\t13905171234\n2\t李某某\n甲\n乙');
  });

  it('decodes entities, collapses whitespace and skips scripts', () => {
    const body = extractBody(
      '<p>  甲&amp;乙\n\n  丙&nbsp;丁 </p><script>var secret = "秘密★";</script><style>p{}</style>',
    );
    expect(body.text).toBe('甲&乙 丙 丁');
  });

  it('lists links with where their text sits, and images with their alt text', () => {
    const body = extractBody(
      '<p>详见<a href="/a.html">附件说明</a>。<a name="top"></a><img src="/i/1.jpg" alt="现场"><img src="/i/2.jpg" alt=""><img src="/i/3.jpg"></p>',
    );
    expect(body.links).toEqual([{ href: '/a.html', text: '附件说明', start: 2, end: 6 }]);
    expect(body.text.slice(2, 6)).toBe('附件说明');
    expect(body.images).toEqual([
      { src: '/i/1.jpg', alt: '现场' },
      { src: '/i/2.jpg', alt: '' },
      { src: '/i/3.jpg', alt: null },
    ]);
  });

  it('a link range never includes the spaces around its text', () => {
    const body = extractBody('<p>见<a href="/a.html"> 说明 </a></p><p>下段</p>');
    const [link] = body.links;
    expect(link).toMatchObject({ text: '说明' });
    expect(body.text.slice(link!.start, link!.end)).toBe('说明');
  });

  it('survives an empty or broken body', () => {
    expect(extractBody('').text).toBe('');
    expect(extractBody('<p>未闭合<b>加粗').text).toBe('未闭合加粗');
  });
});

describe('Word attachments', () => {
  it('reads the leaking notice: the mark line first, the name list after', async () => {
    const { pieces, problems } = await attach('notice-leak.docx');
    expect(problems).toEqual([]);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]!.location).toEqual({ kind: 'attachment', label: '附件“notice-leak.docx”', attachmentId: 7 });
    const text = pieces[0]!.text;
    expect(text.split('\n')[0]).toBe('秘密★1年');
    expect(text).toContain('320826197803150015');
    expect(text).toContain('13905171234');
  });

  it('reads the clean notice', async () => {
    const { pieces } = await attach('notice-clean.docx');
    expect(pieces[0]!.text).toContain('严格保守国家秘密');
    expect(pieces[0]!.text).toContain('0517-82380090');
  });
});

describe('Excel attachments', () => {
  it('gives every cell of every sheet with its address, merged ranges once', async () => {
    const { pieces, problems } = await attach('roster-leak.xlsx');
    expect(problems).toEqual([]);
    const byPart = new Map(pieces.map((p) => [p.location.part, p]));
    expect(byPart.get('补贴发放名单!C3')).toEqual({
      location: {
        kind: 'attachment',
        label: '附件“roster-leak.xlsx” 补贴发放名单!C3',
        attachmentId: 7,
        part: '补贴发放名单!C3',
      },
      text: '320826197803150015',
    });
    expect(byPart.get('补贴发放名单!D4')?.text).toBe('6217 9951 7000 0218 836');
    // A mobile typed as a number comes out as its digits.
    expect(byPart.get('补贴发放名单!E3')?.text).toBe('13905171234');
    expect(pieces.filter((p) => p.text === '2026年第一季度耕地地力保护补贴发放名单')).toHaveLength(1);
  });

  it('reads the second sheet too', async () => {
    const { pieces } = await attach('stats-clean.xlsx');
    expect(pieces.find((p) => p.location.part === '说明!B2')?.text).toBe('涟统发〔2026〕5号');
    expect(pieces.find((p) => p.location.part === '主要指标!C8')?.text).toBe('2026-10-31');
  });
});

describe('PDF attachments', () => {
  it('reads Chinese text page by page, radicals mapped back to ideographs', async () => {
    const { pieces, problems } = await attach('internal-leak.pdf');
    expect(problems).toEqual([]);
    expect(pieces.map((p) => p.location.part)).toEqual(['第1页', '第2页']);
    expect(pieces[0]!.location.label).toBe('附件“internal-leak.pdf” 第1页');
    expect(pieces[0]!.text.split('\n')[0]).toBe('内部资料 注意保存');
    expect(pieces[0]!.text).toContain('2026年前三季度全县经济运行情况分析');
    // A paragraph wrapped over several lines comes back as one line.
    expect(pieces[1]!.text).toContain(
      '要认真贯彻落实党中央国务院决策部署，深入学习贯彻二十大精神，巩固经济回升向好态势。',
    );
  });

  it('reads the clean report', async () => {
    const { pieces } = await attach('report-clean.pdf');
    expect(pieces[0]!.text).toContain('以习近平新时代中国特色社会主义思想为指导');
    expect(pieces[1]!.text).toContain('咨询电话：0517-82380090');
  });

  it('a PDF without a text layer (a scan) is reported, not passed', async () => {
    const { pieces, problems } = await extractAttachment({
      id: 1,
      name: '扫描件.pdf',
      bytes: fs.readFileSync(path.join(FIXTURES, 'sample.pdf')),
    });
    expect(pieces).toEqual([]);
    expect(problems).toEqual([
      { rule: 'no-text', message: 'PDF 附件没有可提取的文字（可能是扫描件），内容未经检查，请人工核对' },
    ]);
  });

  it('joins lines wrapped at the margin but keeps paragraphs, table rows and right-aligned lines apart', () => {
    const item = (str: string, x: number, y: number, width: number, hasEOL = true) => ({
      str,
      x,
      y,
      width,
      hasEOL,
      transform: [16, 0, 0, 16, x, y],
      height: 16,
    });
    const items = [
      item('涟水县人民政府办公室 2026年1月20日', 300, 800, 200),
      item('各单位要深入学习贯彻党的二', 100, 770, 400),
      item('十大精神。', 100, 750, 80),
      item('1', 100, 700, 8, false),
      item('13905171234', 400, 700, 100),
      item('2', 100, 680, 8, false),
      item('李某某', 400, 680, 48),
    ];
    expect(joinTextItems(items)).toBe(
      '涟水县人民政府办公室 2026年1月20日\n各单位要深入学习贯彻党的二十大精神。\n1\t13905171234\n2\t李某某',
    );
  });
});

describe('files that cannot be read', () => {
  it.each(['通知.doc', '名单.xls', '报告.wps', '统计.et'])(
    '%s is an old Office format: checked by a person',
    async (name) => {
      const bytes = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
      expect(await extractAttachment({ id: 1, name, bytes })).toEqual({
        pieces: [],
        problems: [{ rule: 'old-format', message: '无法检查旧版 Office 文件内容，请人工核对' }],
      });
    },
  );

  it('an encrypted .docx (an OLE container) is reported as such', async () => {
    const bytes = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2, 3]);
    const { problems } = await extractAttachment({ id: 1, name: '加密.docx', bytes });
    expect(problems.map((p) => p.rule)).toEqual(['encrypted']);
  });

  it.each([
    ['garbage as .docx', '损坏.docx', Buffer.from('这不是一个 Word 文件')],
    ['a truncated .docx', '截断.docx', fixture('notice-leak.docx').subarray(0, 900)],
    ['a truncated .xlsx', '截断.xlsx', fixture('roster-leak.xlsx').subarray(0, 3000)],
    ['garbage as .pdf', '损坏.pdf', Buffer.from('%PDF-1.7\n这不是 PDF')],
    ['a truncated .pdf', '截断.pdf', fixture('internal-leak.pdf').subarray(0, 4000)],
  ])('%s gives a problem, never an exception', async (_why, name, bytes) => {
    const { pieces, problems } = await extractAttachment({ id: 1, name, bytes });
    expect(pieces).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.rule).toBe('unreadable');
    expect(problems[0]!.message).toContain('附件无法读取');
  });

  it("keeps the reader's own error for the log", async () => {
    const { problems } = await extractAttachment({
      id: 1,
      name: '截断.pdf',
      bytes: fixture('internal-leak.pdf').subarray(0, 4000),
    });
    expect(problems[0]!.detail).toMatch(/^\w+: ./);
  });

  it('an unknown type is checked by a person; pictures carry no text to check', async () => {
    expect((await extractAttachment({ id: 1, name: '材料.zip', bytes: Buffer.from('PK') })).problems[0]!.message).toBe(
      '无法检查 .zip 类型附件的内容，请人工核对',
    );
    expect(await extractAttachment({ id: 1, name: '现场.jpg', bytes: Buffer.from([0xff, 0xd8]) })).toEqual({
      pieces: [],
      problems: [],
    });
  });
});

describe('hidden sheets', () => {
  it('are read, and the location says the sheet is hidden', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('汇总').addRow(['合计', 12]);
    const hidden = wb.addWorksheet('明细', { state: 'hidden' });
    hidden.addRow(['张某某', '320826197803150015']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const { pieces } = await extractAttachment({ id: 3, name: '汇总.xlsx', bytes });
    expect(pieces.find((p) => p.text === '320826197803150015')?.location).toEqual({
      kind: 'attachment',
      label: '附件“汇总.xlsx” 明细!B1（隐藏工作表）',
      attachmentId: 3,
      part: '明细!B1',
    });
  });
});

describe('text files', () => {
  it('reads UTF-8 with or without a BOM, and GBK', async () => {
    const utf8 = await extractAttachment({ id: 1, name: 'a.txt', bytes: Buffer.from('\ufeff秘密★1年\n正文') });
    expect(utf8.pieces[0]!.text).toBe('秘密★1年\n正文');
    // "内部资料" in GBK.
    const gbk = Buffer.from([0xc4, 0xda, 0xb2, 0xbf, 0xd7, 0xca, 0xc1, 0xcf]);
    const read = await extractAttachment({ id: 1, name: 'b.txt', ext: 'TXT', bytes: gbk });
    expect(read.pieces[0]!.text).toBe('内部资料');
  });

  it('reads a .csv name list as text', async () => {
    const { pieces } = await extractAttachment({
      id: 1,
      name: '名单.csv',
      bytes: Buffer.from('姓名,身份证号码\n张某某,320826197803150015\n'),
    });
    expect(pieces[0]!.text).toContain('张某某,320826197803150015');
  });
});

describe('radical stand-ins', () => {
  it('maps Kangxi and supplement radicals to ideographs without moving offsets', () => {
    const text = '⼆⼗⼤ ⼈⺠ 增⻓';
    expect(unifyRadicals(text)).toBe('二十大 人民 增长');
    expect(unifyRadicals(text)).toHaveLength(text.length);
  });
});
