import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ApiClient, type TestApp } from '../../../test/harness/app.js';
import { makeAccount, makeUnit, multipartFile, PASSWORD } from '../../../test/harness/factories.js';

const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures');

/** A minimal .docx holding one paragraph and one embedded PNG, as Word stores pictures. */
async function docxWithPicture(png: Buffer): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/_rels/document.xml.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>',
  );
  zip.file('word/media/image1.png', png);
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>
<w:p><w:r><w:t>现场照片如下：</w:t></w:r></w:p>
<w:p><w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="952500"/><wp:docPr id="1" name="图片 1" descr="检查现场"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="image1.png" descr="检查现场"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rId5"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

let app: TestApp;
let officer: ApiClient;
let leader: ApiClient;

beforeAll(async () => {
  app = await createTestApp();
  const unit = await makeUnit(app.services, '应急管理局');
  await makeAccount(app.services, 'officer', unit.id, ['unit_officer']);
  await makeAccount(app.services, 'leader', unit.id, ['office_leader']);
  officer = await ApiClient.login(app.server, 'officer', PASSWORD);
  leader = await ApiClient.login(app.server, 'leader', PASSWORD);
});
afterAll(() => app.close());

const upload = (client: ApiClient, name: string, bytes: Buffer) => {
  const { payload, headers } = multipartFile(name, bytes);
  return client.request('POST', '/api/articles/convert-docx', payload, headers);
};

describe('POST /api/articles/convert-docx', () => {
  it('converts a Word notice into sanitised body HTML', async () => {
    const res = await upload(officer, 'notice.docx', fs.readFileSync(path.join(fixtures, 'notice.docx')));
    expect(res.statusCode).toBe(200);
    const body = res.json() as { html: string; messages: string[]; images: unknown[] };
    expect(body.html).toContain('<h1>关于开展2026年冬季安全生产检查的通知</h1>');
    expect(body.html).toContain('<td><p>县应急管理局</p></td>');
    expect(body.images).toEqual([]);
  });

  it('stores embedded pictures as the officer’s attachments and points the body at them', async () => {
    const res = await upload(
      officer,
      '现场.docx',
      await docxWithPicture(fs.readFileSync(path.join(fixtures, 'red.png'))),
    );
    expect(res.statusCode).toBe(200);
    const body = res.json() as { html: string; images: Array<{ id: number; url: string; name: string; mime: string }> };
    expect(body.images).toHaveLength(1);
    expect(body.images[0]!.mime).toBe('image/png');
    expect(body.images[0]!.name).toBe('现场-图1.png');
    expect(body.html).toContain(`<img alt="检查现场" src="${body.images[0]!.url}"`);
    const download = await officer.get(body.images[0]!.url);
    expect(download.statusCode).toBe(200);
  });

  it('refuses what is not a .docx with a Chinese reason, and people who may not write', async () => {
    const pdf = await upload(officer, 'a.docx', fs.readFileSync(path.join(fixtures, 'sample.pdf')));
    expect(pdf.statusCode).toBe(415);
    expect((pdf.json() as { message: string }).message).toContain('.docx');
    const forbidden = await upload(leader, 'notice.docx', fs.readFileSync(path.join(fixtures, 'notice.docx')));
    expect(forbidden.statusCode).toBe(403);
    const notMultipart = await officer.post('/api/articles/convert-docx', { file: 'x' });
    expect(notMultipart.statusCode).toBe(415);
  });
});
