import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Liquid } from 'liquidjs';

// Themes live in themes/<name>/: templates/ (Liquid) and assets/ (CSS, JS, images served under
// /static/<name>/). A site names its theme; a theme that does not exist falls back to the default
// one, so a typo in the site settings degrades the look instead of taking the site down.

export const DEFAULT_THEME = 'default';
const THEME_NAME = /^[a-z0-9-]{1,64}$/;

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
  /** Short content hash, appended to asset URLs so they can be cached for a year. */
  version: string;
}

/** A theme's assets, read once into memory: themes are small, and a lookup beats a disk read per request. */
function loadAssets(dir: string): Map<string, Asset> {
  const out = new Map<string, Asset>();
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const type = TYPES[path.extname(entry.name).toLowerCase()];
    if (!type) continue; // only known kinds are served, so nothing is sent with a guessed type
    const body = fs.readFileSync(full);
    const hash = crypto.createHash('sha256').update(body).digest('base64url');
    out.set(path.relative(dir, full).split(path.sep).join('/'), {
      body,
      type,
      etag: `"${hash.slice(0, 27)}"`,
      version: hash.slice(0, 10),
    });
  }
  return out;
}

interface Theme {
  name: string;
  engine: Liquid;
  assets: Map<string, Asset>;
}

export class ThemeRenderer {
  private readonly themes = new Map<string, Theme>();
  /** Site theme names already looked up on disk, and the theme each one resolved to. */
  private readonly resolved = new Map<string, string>();

  constructor(
    private readonly themesDir: string,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  /** The theme a site asks for, if it exists; else the default theme (said once in the log). */
  resolve(name: string): string {
    const known = this.resolved.get(name);
    if (known) return known;
    const exists = THEME_NAME.test(name) && fs.existsSync(path.join(this.themesDir, name, 'templates'));
    if (!exists) this.warn(`站点主题“${name}”不存在，改用默认主题`);
    const theme = exists ? name : DEFAULT_THEME;
    // Site settings validate theme names, so this map holds a handful of entries.
    this.resolved.set(name, theme);
    return theme;
  }

  async render(themeName: string, template: string, scope: Record<string, unknown>): Promise<string> {
    const theme = this.theme(this.resolve(themeName));
    return theme.engine.renderFile(template, { ...scope, theme: theme.name });
  }

  asset(themeName: string, file: string): Asset | undefined {
    const loaded = this.themes.get(themeName);
    if (loaded) return loaded.assets.get(file);
    // The name comes from the URL: only an existing theme folder is ever loaded.
    if (!THEME_NAME.test(themeName) || !fs.existsSync(path.join(this.themesDir, themeName, 'assets'))) return undefined;
    return this.theme(themeName).assets.get(file);
  }

  /** Every asset file of a theme (static publishing writes them all). */
  assetFiles(themeName: string): string[] {
    return [...this.theme(this.resolve(themeName)).assets.keys()].sort();
  }

  private theme(name: string): Theme {
    const known = this.themes.get(name);
    if (known) return known;
    const dir = path.join(this.themesDir, name);
    const assets = loadAssets(path.join(dir, 'assets'));
    const engine = new Liquid({
      root: [path.join(dir, 'templates')],
      extname: '.liquid',
      cache: true,
      // Everything a template prints is HTML-escaped unless the template says `| raw`. Only
      // server-sanitised bodies and pre-escaped highlight markup are printed raw.
      outputEscape: 'escape',
      strictFilters: true,
      jsTruthy: true,
      ownPropertyOnly: true,
    });
    engine.registerFilter('asset', (file: string) => {
      const asset = assets.get(file);
      if (!asset) throw new Error(`主题 ${name} 中没有静态文件 ${file}`);
      return `/static/${name}/${file}?v=${asset.version}`;
    });
    const theme = { name, engine, assets };
    this.themes.set(name, theme);
    return theme;
  }
}
