import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../harness/app.js';
import { PASSWORD, makeAccount, makeUnit, multipartFile } from '../harness/factories.js';

// Issue 9 item 7: concurrent uploads of identical bytes raced on the temporary file name (500s), and
// a file without a name gave a 500.

let t: TestApp;
let officer: ApiClient;
const png = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/red.png'));

beforeAll(async () => {
  t = await createTestApp();
  const unit = await makeUnit(t.services, '上传测试局');
  await makeAccount(t.services, 'uploader', unit.id, ['unit_officer']);
  officer = await ApiClient.login(t.server, 'uploader', PASSWORD);
});
afterAll(() => t?.close());

const upload = (name: string, bytes: Buffer) => {
  const { payload, headers } = multipartFile(name, bytes);
  return officer.request('POST', '/api/attachments', payload, headers);
};

describe('uploads', () => {
  it('stores the same bytes uploaded many times at once, every one answered', async () => {
    const same = Buffer.concat([png, Buffer.from(`concurrent-${Date.now()}`)]);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => upload(`现场${i}.png`, same)));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const keys = new Set(answers.map((r) => r.json().sha256));
    expect(keys.size).toBe(1);
    // One stored file, no temporary files left behind.
    const dir = path.join(t.config.dataDir, 'files');
    const files = fs.readdirSync(dir, { recursive: true }).map(String);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const download = await officer.get(answers[5]!.json().url);
    expect(download.rawPayload.equals(same)).toBe(true);
  });

  it('says the configured limit when a file is too large', async () => {
    const r = await upload('大文件.pdf', Buffer.alloc(t.config.uploadMaxBytes + 1, 1));
    expect(r.statusCode).toBe(413);
    expect(r.json().message).toContain(`文件大小不能超过 ${t.config.uploadMaxBytes / 1024 / 1024} MB`);
  });

  it('names a file sent with an empty name after what its bytes are', async () => {
    for (const name of ['', ' ', '.png']) {
      const r = await upload(name, png);
      expect(r.statusCode, JSON.stringify(name)).toBe(201);
      expect(r.json().name, JSON.stringify(name)).toBe('附件.png');
    }
  });

  it('takes a file part sent without a file name as a file, not a 500', async () => {
    // No filename parameter, sent as bytes: the multipart parser hands over a file whose name is missing.
    const b = '----govportal-noname';
    const payload = Buffer.concat([
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="file"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      png,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    const headers = { 'content-type': `multipart/form-data; boundary=${b}` };
    const stored = await officer.request('POST', '/api/attachments', payload, headers);
    expect(stored.statusCode, stored.body).toBe(201);
    expect(stored.json().name).toBe('附件.png');
    const converted = await officer.request('POST', '/api/articles/convert-docx', payload, headers);
    expect(converted.statusCode, converted.body).toBe(415);
    expect(converted.json().message).toContain('只能转换 .docx 格式的 Word 文档');
  });
});
