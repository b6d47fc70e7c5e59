import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractAttachment } from '../../src/modules/review/checks/extract.js';
import { PdfRenderer, chromiumArgs } from '../../src/platform/pdf/pdf.js';

// Issue 9 item 7: the PDF renderer ran chromium without its sandbox and with JavaScript and network
// on. The printed HTML carries text other people wrote; printing needs neither scripts nor requests.

let server: http.Server;
let base: string;
const hits: string[] = [];
const pdf = new PdfRenderer();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await pdf.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('PdfRenderer', () => {
  it('prints without running scripts or making requests', async () => {
    const html = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="${base}/style.css"></head><body>
<h1>信息发布审核表</h1><p id="out">静态文字</p>
<img src="${base}/tracker.png" alt="">
<iframe src="${base}/frame"></iframe>
<script>document.getElementById('out').textContent = '脚本已运行'; fetch('${base}/fetch');</script>
</body></html>`;
    const bytes = await pdf.render(html);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await extractAttachment({ id: 1, name: '审核表.pdf', bytes })).pieces.map((p) => p.text).join('\n');
    expect(text).toContain('静态文字');
    expect(text).not.toContain('脚本已运行');
    expect(hits).toEqual([]);
  });

  it('keeps chromium’s sandbox unless the service runs as root', () => {
    expect(chromiumArgs(false)).not.toContain('--no-sandbox');
    expect(chromiumArgs(true)).toContain('--no-sandbox');
  });
});
