import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { docxHiddenParts } from './docx-parts.js';
import { runChecks, type CheckInput } from './run-checks.js';

// A clean notice given what Word keeps outside the body: a 密级 mark in the header, a mobile number in
// the footer, a comment, and an ID number deleted under tracked changes but still in the file.

const FIXTURES = path.resolve(import.meta.dirname, '../../../../test/fixtures/checks');
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const para = (runs: string) => `<w:p><w:r>${runs}</w:r></w:p>`;

async function withHiddenText(): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(fs.readFileSync(path.join(FIXTURES, 'notice-clean.docx')));
  zip.file('word/header1.xml', `<w:hdr ${W}>${para('<w:t>机密</w:t></w:r><w:r><w:t>★5年</w:t>')}</w:hdr>`);
  zip.file('word/footer2.xml', `<w:ftr ${W}>${para('<w:t>联系人：张某某 13905171234</w:t>')}</w:ftr>`);
  zip.file(
    'word/comments.xml',
    `<w:comments ${W}><w:comment w:id="0">${para('<w:t>内部资料，注意保存</w:t>')}</w:comment></w:comments>`,
  );
  const doc = await zip.file('word/document.xml')!.async('string');
  const deleted = `<w:p><w:del w:id="1" w:author="王芳"><w:r><w:delText>身份证号 320826197803150015</w:delText></w:r></w:del></w:p>`;
  zip.file(
    'word/document.xml',
    doc
      .replace('</w:body>', `${deleted}</w:body>`)
      .replace(/(<w:sectPr[\s\S]*<\/w:sectPr>)([\s\S]*)<\/w:body>/, '$2$1</w:body>'),
  );
  return zip.generateAsync({ type: 'uint8array' });
}

const item = (bytes: Uint8Array): CheckInput => ({
  title: '关于做好保密审查工作的通知',
  bodyHtml: '<p>各单位：</p>',
  attachments: [{ id: 5, name: '通知.docx', ext: 'docx', bytes }],
  isDisclosure: false,
  type: 'notice',
  disclosure: {},
  siteHosts: ['www.lianshui.gov.cn'],
  resolveLink: () => true,
});

describe('what a Word file keeps outside its body', () => {
  it('reads headers, footers, comments and tracked deletions', async () => {
    expect(await docxHiddenParts(await withHiddenText())).toEqual([
      { part: '页眉', text: '机密★5年' },
      { part: '页脚', text: '联系人：张某某 13905171234' },
      { part: '批注', text: '内部资料，注意保存' },
      { part: '修订中删除的文字', text: '身份证号 320826197803150015' },
    ]);
  });

  it('has nothing to say about the clean notice', async () => {
    expect(await docxHiddenParts(fs.readFileSync(path.join(FIXTURES, 'notice-clean.docx')))).toEqual([]);
  });

  it('lets the checks find what is there, saying where', async () => {
    const findings = await runChecks(item(await withHiddenText()));
    const found = findings.map((f) => [f.check, f.location.part, f.excerpt]);
    expect(found).toEqual([
      ['classification', '页眉', '机密★5年'],
      ['personal-data', '页脚', '13905171234'],
      ['classification', '批注', '内部资料，注意保存'],
      ['personal-data', '修订中删除的文字', '320826197803150015'],
    ]);
    expect(findings.find((f) => f.location.part === '页眉')?.location.label).toBe('附件“通知.docx” 页眉');
  });
});
