import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { AppError } from '../errors.js';

// PDFs are printed from the same HTML people see, by Debian's chromium (headless), so the PDF and the
// printable page never disagree. The browser is started on first use and closed when idle.
//
// The HTML carries text other people wrote (titles, opinions, unit names). Printing needs neither
// scripts nor the network: JavaScript is off and every request the page would make is refused, so
// nothing in it can run or reach the server's neighbourhood. Chromium keeps its sandbox, except when
// the server runs as root, where chromium refuses to start with it: run the service as an ordinary
// user to keep it (docs/security.md).

const IDLE_MS = 60_000;

const COMMON_ARGS = [
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Chromium's arguments: without its sandbox only as root, where it cannot start with one. */
export function chromiumArgs(asRoot: boolean): string[] {
  return asRoot ? ['--no-sandbox', ...COMMON_ARGS] : COMMON_ARGS;
}

export class PdfRenderer {
  private browser: Promise<Browser> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

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
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true, serviceWorkers: 'block' });
    // The document is handed over whole; anything it asks for (pictures, styles, frames) is refused.
    await context.route('**/*', (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        landscape: options.landscape ?? false,
        margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
      });
    } finally {
      await context.close();
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
    const asRoot = process.getuid?.() === 0;
    if (asRoot && !this.browser)
      this.warn('服务以 root 身份运行，chromium 只能关闭沙箱生成 PDF；请以普通用户运行服务以启用沙箱');
    this.browser ??= import('playwright-core').then(({ chromium }) =>
      chromium.launch({ executablePath: this.executablePath, headless: true, args: chromiumArgs(asRoot) }),
    );
    // A failed start is not kept: the next PDF tries again.
    this.browser.catch(() => {
      this.browser = null;
    });
    return this.browser;
  }

  private armIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.close(), IDLE_MS);
    this.idleTimer.unref();
  }
}
