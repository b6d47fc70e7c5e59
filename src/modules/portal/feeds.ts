// RSS 2.0 and sitemap.xml, written by hand: two small fixed shapes, where a template engine's HTML
// escaping would be the wrong escaping (XML also forbids most control characters outright).

const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function xmlText(value: string): string {
  return value.replace(INVALID_XML, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * An RSS <description> is HTML by convention: feed readers decode the XML once and render the result
 * as markup. A summary is plain text, so it is escaped as HTML first (then as XML), and a summary
 * that reads "<img src=x onerror=…>" shows as those characters instead of becoming an element.
 */
export function feedDescription(plain: string): string {
  return xmlText(plain.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!));
}

export interface FeedInput {
  title: string;
  link: string;
  description: string;
  items: Array<{ title: string; link: string; description: string | null; publishedAt: string }>;
}

/** RFC 822 dates as RSS 2.0 requires ("Thu, 26 Nov 2026 08:00:00 GMT"). */
const rfc822 = (iso: string) => new Date(iso).toUTCString();

export function rss(feed: FeedInput): string {
  const newest = feed.items[0]?.publishedAt;
  const items = feed.items.map(
    (i) =>
      `<item><title>${xmlText(i.title)}</title><link>${xmlText(i.link)}</link><guid isPermaLink="true">${xmlText(i.link)}</guid>` +
      `<pubDate>${rfc822(i.publishedAt)}</pubDate>${i.description ? `<description>${feedDescription(i.description)}</description>` : ''}</item>`,
  );
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>` +
    `<title>${xmlText(feed.title)}</title><link>${xmlText(feed.link)}</link><description>${feedDescription(feed.description)}</description>` +
    `<language>zh-cn</language>${newest ? `<lastBuildDate>${rfc822(newest)}</lastBuildDate>` : ''}` +
    `${items.join('')}</channel></rss>\n`
  );
}

export function sitemap(urls: Array<{ loc: string; lastModified?: string }>): string {
  const body = urls
    .map(
      (u) =>
        `<url><loc>${xmlText(u.loc)}</loc>${u.lastModified ? `<lastmod>${xmlText(u.lastModified)}</lastmod>` : ''}</url>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`;
}
