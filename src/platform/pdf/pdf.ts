import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { AppError } from '../errors.js';

// PDFs are printed from the same HTML people see, by Debian's chromium (headless), so the PDF and the
// printable page never disagree. The browser is started on first use and closed when idle.

const IDLE_MS = 60_000;

export class PdfRenderer {
  private browser: Promise<Browser> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') {}

  get available(): boolean {
    return fs.existsSync(this.executablePath);
  }

  async render(html: string, options: { landscape?: boolean } = {}): Promise<Buffer> {
    if (!this.available)
      throw new AppError(
        'UNAVAILABLE',
        '服务器未安装 chromium，暂时无法生成 PDF；可打开打印页面，用浏览器“打印 → 另存为 PDF”',
      );
    const browser = await this.start();
    const page = await browser.newPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        landscape: options.landscape ?? false,
        margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
      });
    } finally {
      await page.close();
      this.armIdle();
    }
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const b = this.browser;
    this.browser = null;
    if (b) await (await b).close();
  }

  private start(): Promise<Browser> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.browser ??= import('playwright-core').then(({ chromium }) =>
      chromium.launch({
        executablePath: this.executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-dev-shm-usage',
        ],
      }),
    );
    return this.browser;
  }

  private armIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.close(), IDLE_MS);
    this.idleTimer.unref();
  }
}
