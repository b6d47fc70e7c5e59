import * as cheerio from 'cheerio';

// A list page or a feed → entries (title, URL, date, body when the feed carries one). Pure: no network.
// Limits are applied here so a feed of 100,000 entries costs no more than its first `max`.

export interface Entry {
  title: string;
  url: string;
  publishedAt: string | null; // UTC ISO instant
  bodyHtml: string | null;
}

export interface Selectors {
  link: string;
  title?: string | null;
  date?: string | null;
}

export interface Parsed {
  entries: Entry[];
  /** How many entries the page had before the limit (the log says what was left out). */
  total: number;
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Dates as department sites write them: ISO, RFC 822 (RSS), 2026-11-20, 2026/11/20, 2026.11.20,
 * 2026年11月20日, optionally with a time; a day without a zone is a day in Asia/Shanghai.
 */
export function parseDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const t = text.trim();
  const cn = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(t);
  if (cn && !/[T]\d|[+-]\d{2}:?\d{2}$|Z$|GMT|UT/.test(t)) {
    const [, y, m, d, hh = '0', mm = '0', ss = '0'] = cn;
    const utc = Date.UTC(+y!, +m! - 1, +d!, +hh - 8, +mm, +ss);
    return Number.isNaN(utc) ? null : new Date(utc).toISOString();
  }
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function absolute(href: string | undefined, base: string): string | null {
  if (!href) return null;
  try {
    const u = new URL(href.trim(), base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return u.toString();
  } catch {
    return null;
  }
}

/** Is this text a feed (RSS or Atom) rather than an HTML page? */
export function looksLikeFeed(text: string): boolean {
  return /<(rss|feed|rdf:RDF)[\s>]/i.test(text.slice(0, 2000));
}

export function parseFeed(xml: string, base: string, max: number): Parsed {
  // Count the entries by their tags and parse only the first `max`: a feed of 100,000 entries then
  // costs a scan, not a document tree of 100,000 nodes (the parser closes what the cut leaves open).
  const total = (xml.match(/<(item|entry)[\s>]/g) ?? []).length;
  let end = -1;
  const closing = /<\/(item|entry)>/g;
  for (let i = 0; i < max; i++) {
    const m = closing.exec(xml);
    if (!m) break;
    end = m.index + m[0].length;
  }
  const $ = cheerio.load(total > max && end > 0 ? xml.slice(0, end) : xml, { xml: true });
  const nodes = $('item, entry');
  const entries: Entry[] = [];
  nodes.each((_, el) => {
    if (entries.length >= max) return false;
    const e = $(el);
    const atomLink =
      e.children('link[rel="alternate"]').attr('href') ??
      e
        .children('link')
        .filter((_, l) => !!$(l).attr('href'))
        .first()
        .attr('href');
    const url = absolute(atomLink ?? e.children('link').first().text() ?? e.children('guid').text(), base);
    const title = clean(e.children('title').first().text());
    if (!url || !title) return;
    const date =
      e.children('pubDate').text() ||
      e.children('published').text() ||
      e.children('updated').text() ||
      e.children('dc\\:date').text();
    const body =
      e.children('content\\:encoded').text() ||
      e.children('content').text() ||
      e.children('description').text() ||
      e.children('summary').text();
    entries.push({ title: title.slice(0, 500), url, publishedAt: parseDate(date), bodyHtml: body || null });
  });
  return { entries, total: Math.max(total, nodes.length) };
}

const DATE_IN_TEXT = /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?/;

export function parseList(html: string, base: string, sel: Selectors, max: number): Parsed {
  const $ = cheerio.load(html);
  const nodes = $(sel.link);
  const entries: Entry[] = [];
  const seen = new Set<string>();
  nodes.each((_, el) => {
    if (entries.length >= max) return false;
    const item = $(el);
    const a = item.is('a') ? item : item.find('a[href]').first();
    const url = absolute(a.attr('href'), base);
    if (!url || seen.has(url)) return;
    const titleNode = sel.title ? item.find(sel.title).first() : a;
    const title = clean(titleNode.attr('title') || titleNode.text());
    if (!title) return;
    // The date usually sits next to the link: inside the entry, or in the entry's row.
    const row = item.is('a') ? item.closest('li, tr, dd, dt, p') : item;
    const scope = row.length ? row : item.parent();
    const dateText = sel.date ? scope.find(sel.date).first().text() : (DATE_IN_TEXT.exec(scope.text())?.[0] ?? null);
    seen.add(url);
    entries.push({ title: title.slice(0, 500), url, publishedAt: parseDate(dateText), bodyHtml: null });
  });
  return { entries, total: nodes.length };
}

/** The item's own page: the body (by selector), in full mode. */
export function extractBody(html: string, selector: string): string | null {
  const $ = cheerio.load(html);
  const node = $(selector).first();
  if (!node.length) return null;
  node.find('script, style').remove();
  return node.html() as string | null;
}
