import path from 'node:path';

// The output folder's layout (agreed with the nginx configuration in deploy/; do not change one
// without the other). One folder per site code:
//
//   index.html                   home                   /
//   a/<id>.html                  article                /a/<id>.html
//   c/<path>/index.html          column, newest page    /c/<path>/
//   c/<path>/index_<N>.html      column, archive page N /c/<path>/?page=N (N ≥ 1, from the oldest)
//   c/<path>/rss.xml             the column's feed      /c/<path>/rss.xml
//   sitemap.xml, sitemap.html, robots.txt
//   files/<id>/<name>            a published item's attachment
//   static/<theme>/<file>        theme assets

/** One public URL that static publishing keeps as a file. */
export type Target =
  | { kind: 'home' }
  | { kind: 'article'; id: number }
  /** page: 0 the newest list page (index.html), N ≥ 1 archive page N (portal/list-pages.ts). */
  | { kind: 'column'; path: string; page: number }
  | { kind: 'rss'; path: string }
  | { kind: 'sitemap.xml' }
  | { kind: 'sitemap.html' }
  | { kind: 'robots' }
  | { kind: 'file'; id: number; name: string }
  | { kind: 'asset'; theme: string; file: string };

const COLUMN_PATH = /^[a-z0-9][a-z0-9-]*(?:\/[a-z0-9][a-z0-9-]*)*$/;
const ASSET_FILE = /^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/;
/** Our own temporary files (atomic writes): `.<name>.<random>.gptmp` beside the file they become. */
export const TEMP_FILE = /(^|\/)\.[^/]*\.[0-9a-f]{12}\.gptmp$/;

/**
 * An attachment's name as a file name: nginx decodes the URL, so the file carries the name itself.
 * Names that cannot be one file name (a slash, a leading dot, more than 255 bytes) stay served by Node.
 */
export function fileNameIsSafe(name: string): boolean {
  return (
    name.length > 0 &&
    !name.startsWith('.') &&
    !/[/\\\u0000-\u001f\u007f]/.test(name) &&
    Buffer.byteLength(name) <= 255 &&
    !name.endsWith('.gptmp')
  );
}

/** Where a target's file lives, relative to the output folder (`/` separators). */
export function relPathOf(siteCode: string, t: Target): string {
  const rel = (() => {
    switch (t.kind) {
      case 'home':
        return 'index.html';
      case 'article':
        return `a/${t.id}.html`;
      case 'column':
        return t.page === 0 ? `c/${t.path}/index.html` : `c/${t.path}/index_${t.page}.html`;
      case 'rss':
        return `c/${t.path}/rss.xml`;
      case 'sitemap.xml':
        return 'sitemap.xml';
      case 'sitemap.html':
        return 'sitemap.html';
      case 'robots':
        return 'robots.txt';
      case 'file':
        return `files/${t.id}/${t.name}`;
      case 'asset':
        return `static/${t.theme}/${t.file}`;
    }
  })();
  return `${siteCode}/${rel}`;
}

/** The target a recorded path stands for (the guard restores files by it), or null for no target. */
export function targetOf(rel: string): { siteCode: string; target: Target } | null {
  const slash = rel.indexOf('/');
  if (slash < 1) return null;
  const siteCode = rel.slice(0, slash);
  const rest = rel.slice(slash + 1);
  const found = ((): Target | null => {
    if (rest === 'index.html') return { kind: 'home' };
    if (rest === 'sitemap.xml') return { kind: 'sitemap.xml' };
    if (rest === 'sitemap.html') return { kind: 'sitemap.html' };
    if (rest === 'robots.txt') return { kind: 'robots' };
    let m = /^a\/([1-9]\d{0,9})\.html$/.exec(rest);
    if (m) return { kind: 'article', id: Number(m[1]) };
    m = /^c\/(.+)\/(index\.html|index_([1-9]\d{0,5})\.html|rss\.xml)$/.exec(rest);
    if (m && COLUMN_PATH.test(m[1]!)) {
      if (m[2] === 'rss.xml') return { kind: 'rss', path: m[1]! };
      return { kind: 'column', path: m[1]!, page: m[3] ? Number(m[3]) : 0 };
    }
    m = /^files\/([1-9]\d{0,9})\/([^/]+)$/.exec(rest);
    if (m && fileNameIsSafe(m[2]!)) return { kind: 'file', id: Number(m[1]), name: m[2]! };
    m = /^static\/([a-z0-9-]{1,64})\/(.+)$/.exec(rest);
    if (m && ASSET_FILE.test(m[2]!) && !m[2]!.split('/').some((p) => p === '.' || p === '..'))
      return { kind: 'asset', theme: m[1]!, file: m[2]! };
    return null;
  })();
  return found && { siteCode, target: found };
}

/** A relative path joined to the folder, refusing anything that would leave it. */
export function inside(root: string, rel: string): string {
  const full = path.resolve(root, ...rel.split('/'));
  if (!full.startsWith(path.resolve(root) + path.sep)) throw new Error(`路径越出静态目录：${rel}`);
  return full;
}

export const relOf = (root: string, full: string) => path.relative(root, full).split(path.sep).join('/');
