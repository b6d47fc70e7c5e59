import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, createTestApp, type TestApp } from '../harness/app.js';
import { multipartFile } from '../harness/factories.js';
import { disclosure, reviewCounty } from '../harness/review.js';
import { docxBomb, zipOf } from '../harness/zips.js';
import { insertReturningId } from '../../src/platform/db/helpers.js';

// Issue 9 item 2: any content account could kill the server with a 735 KB .docx whose document.xml
// inflates to 300 MB (the pre-publish check inflated it into one string). With the default limits,
// every reader of an archive refuses it with a Chinese message, and the server keeps answering.

const MiB = 1024 * 1024;
let t: TestApp;
let w: Awaited<ReturnType<typeof reviewCounty>>;
let bomb: Buffer;

beforeAll(async () => {
  t = await createTestApp();
  w = await reviewCounty(t);
  bomb = await docxBomb(300 * MiB);
});
afterAll(() => t?.close());

const upload = (client: ApiClient, url: string, name: string, bytes: Buffer) => {
  const { payload, headers } = multipartFile(name, bytes);
  return client.request('POST', url, payload, headers);
};

const stillAnswers = async () => {
  expect((await t.server.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  expect((await w.c.czj!.get('/api/auth/me')).statusCode).toBe(200);
};

describe('a .docx that inflates to 300 MB', () => {
  it('is refused as an attachment, saying why', async () => {
    expect(bomb.length).toBeLessThan(2 * MiB);
    const r = await upload(w.c.czj!, '/api/attachments', '名单.docx', bomb);
    expect(r.statusCode).toBe(413);
    expect(r.json()).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: '文件“名单.docx”解压后超过 200 MB（疑似“压缩炸弹”），已拒绝读取，请拆分文件后重新上传',
    });
    await stillAnswers();
  });

  it('stored before this limit, becomes a finding of the pre-publish check and nothing more', async () => {
    // A file that came in before the upload refused such archives (or through an import).
    const stored = await t.services.blobs.put(bomb);
    const fileId = await insertReturningId(t.services.database.db, 'attachments', {
      article_id: null,
      unit_id: w.units.czj.id,
      original_name: '名单.docx',
      storage_key: stored.key,
      sha256: stored.sha256,
      size: stored.size,
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ext: 'docx',
      sort_order: 0,
      created_by: w.ids.czj!,
      created_at: new Date().toISOString(),
    });
    const article = await w.c.czj!.post('/api/articles', {
      columnId: w.columns.finance.id,
      type: 'document',
      title: '补贴发放名单',
      bodyHtml: '<p>见附件。</p>',
      disclosure,
      attachmentIds: [fileId],
    });
    expect(article.statusCode, article.body).toBe(201);
    const r = await w.c.czj!.post(`/api/articles/${article.json().id}/submit`, {});
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('CHECKS_NEED_REASON');
    const findings = (await w.c.czj!.get(`/api/articles/${article.json().id}/checks`)).json().findings;
    expect(findings).toEqual([
      expect.objectContaining({
        check: 'attachment-unreadable',
        location: expect.objectContaining({ label: '附件“名单.docx”' }),
        message: '附件解压后超过 200 MB（疑似“压缩炸弹”），已拒绝读取，内容未经检查，请拆分文件或人工核对',
      }),
    ]);
    await stillAnswers();
  });

  it('is refused by the Word import with a Chinese message', async () => {
    const r = await upload(w.c.czj!, '/api/articles/convert-docx', '通知.docx', bomb);
    expect(r.statusCode).toBe(413);
    expect(r.json()).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: '该 Word 文档解压后超过 200 MB（疑似“压缩炸弹”），已拒绝读取，请拆分文档后重试',
    });
    await stillAnswers();
  });
});

describe('a guarantee list .xlsx that inflates to 300 MB', () => {
  it('is refused by the import, naming the file', async () => {
    const xlsx = await zipOf([
      { name: '[Content_Types].xml', data: '<Types/>' },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: {
          head: '<worksheet><sheetData>',
          repeat: '<row><c t="inlineStr"><is><t>栏目</t></is></c></row>',
          tail: '</sheetData></worksheet>',
          size: 300 * MiB,
        },
      },
    ]);
    const r = await upload(w.c.admin!, '/api/imports/guarantee-list?apply=false', '保障清单.xlsx', xlsx);
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({
      code: 'IMPORT_INVALID',
      message: 'XLSX 文件解压后超过 200 MB（疑似“压缩炸弹”），已拒绝读取，未导入任何内容',
    });
    await stillAnswers();
  });
});
