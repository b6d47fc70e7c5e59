import type { BodyImage, BodyLink } from './body-text.js';
import type { DetectorHit } from './types.js';

/*
 * Links and images of the body. Links to this site that do not resolve are the 链接可用性 deduction of
 * the inspections; the caller knows how to resolve a site address (a published article, a column, a
 * stored file) and passes that as `resolve`. Links to other sites are not fetched here: that is the
 * guarantee module's crawler, with timeouts and retries, not a pre-publish check.
 *
 * Each hit comes with the text it is located in: the body text when the link has visible text (the
 * hit covers that text), otherwise the address itself (an image, or a link around an image).
 */

export type LinkResolver = (url: string) => Promise<boolean> | boolean;

export interface LinkHit {
  hit: DetectorHit;
  /** The link's or image's address as written. */
  address: string;
  /** Whether the offsets refer to the body text (a link with visible text) or to the address. */
  inBody: boolean;
}

const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|bmp|svg|tiff?)$/i;
// Names that cameras, phones and Word give to pictures: IMG_0012, DSC01234, image001, 微信图片_20260315.
const GENERATED_NAME = /^(?:img|dsc|dscn|image|pic|photo|screenshot|微信图片|截图)[_\-\s]?[\d_\-\s]+$/i;

function baseName(src: string): string {
  const last = (src.split(/[?#]/)[0] ?? '').split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last; // A malformed %-escape is still a file name worth comparing.
  }
}

/** Is an alt text a file name rather than a description of the picture? */
export function altIsFileName(alt: string, src: string): boolean {
  const a = alt.trim();
  if (!a) return false;
  const file = baseName(src);
  const stem = file.replace(/\.[^.]+$/, '');
  return IMAGE_FILE.test(a) || a === file || (stem !== '' && a === stem) || GENERATED_NAME.test(a);
}

/** The absolute address of an internal link, or null for an external one, a fragment or mail. */
export function internalAddress(href: string, siteHosts: readonly string[]): string | null {
  const h = href.trim();
  if (!h || h.startsWith('#') || /^(?:mailto|tel|sms|data):/i.test(h)) return null;
  const hosts = siteHosts.map((s) => s.toLowerCase());
  const base = `https://${hosts[0] ?? 'localhost'}/`;
  let url: URL;
  try {
    url = new URL(h, base);
  } catch {
    return h; // Not even a URL: it cannot resolve, report it as a link of this site.
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const relative = !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(h);
  if (!relative && !hosts.includes(url.hostname.toLowerCase())) return null;
  url.hash = '';
  return url.toString();
}

export async function detectLinks(
  links: readonly BodyLink[],
  images: readonly BodyImage[],
  opts: { siteHosts: readonly string[]; resolve?: LinkResolver },
): Promise<LinkHit[]> {
  const out: LinkHit[] = [];
  const cache = new Map<string, Promise<boolean>>();
  // One lookup per address, however often the body repeats it. Resolver failures are not content
  // problems: they propagate to the caller instead of being reported as dead links.
  const resolves = (url: string) => {
    let p = cache.get(url);
    if (!p) {
      p = Promise.resolve(opts.resolve ? opts.resolve(url) : true);
      cache.set(url, p);
    }
    return p;
  };
  const place = (l: { start: number; end: number; text: string }, address: string) =>
    l.text.trim()
      ? { address, inBody: true, at: { start: l.start, end: l.end, excerpt: l.text } }
      : { address, inBody: false, at: { start: 0, end: address.length, excerpt: address } };

  for (const link of links) {
    const href = link.href.trim();
    if (/^javascript:/i.test(href)) {
      const { at, ...where } = place(link, href);
      out.push({
        ...where,
        hit: {
          check: 'dead-link',
          rule: 'javascript',
          ...at,
          message: '链接地址是 javascript: 脚本，读者无法打开',
          suggestion: '请改为实际的网页或文件地址，或删除该链接',
        },
      });
      continue;
    }
    if (!href) {
      const { at, ...where } = place(link, '（空地址）');
      out.push({
        ...where,
        hit: {
          check: 'dead-link',
          rule: 'empty',
          ...at,
          message: '链接地址为空',
          suggestion: '请填写链接地址或删除该链接',
        },
      });
      continue;
    }
    const internal = internalAddress(href, opts.siteHosts);
    if (internal && !(await resolves(internal))) {
      const { at, ...where } = place(link, href);
      out.push({
        ...where,
        hit: {
          check: 'dead-link',
          rule: 'internal',
          ...at,
          message: `站内链接“${href}”无法打开`,
          suggestion: '请核对链接地址，或先发布被链接的信息',
        },
      });
    }
  }

  for (const img of images) {
    const src = img.src.trim();
    const at = { start: 0, end: src.length, excerpt: src };
    const where = { address: src, inBody: false };
    if (img.alt === null || !img.alt.trim()) {
      out.push({
        ...where,
        hit: {
          check: 'image-alt',
          rule: 'missing',
          ...at,
          message: '图片缺少替代文字（alt），读屏软件无法读出图片内容',
          suggestion: '请为图片填写简要说明图片内容的文字',
        },
      });
    } else if (altIsFileName(img.alt, src)) {
      out.push({
        ...where,
        hit: {
          check: 'image-alt',
          rule: 'file-name',
          ...at,
          message: `图片的替代文字“${img.alt.trim()}”是文件名，不能说明图片内容`,
          suggestion: '请改为简要说明图片内容的文字',
        },
      });
    }
    if (src.startsWith('data:')) continue;
    const internal = src ? internalAddress(src, opts.siteHosts) : null;
    if (!src || (internal && !(await resolves(internal)))) {
      out.push({
        ...where,
        hit: {
          check: 'dead-link',
          rule: 'image',
          ...at,
          message: src ? `站内图片“${src}”无法打开` : '图片地址为空',
          suggestion: '请重新上传图片或核对图片地址',
        },
      });
    }
  }
  return out;
}
