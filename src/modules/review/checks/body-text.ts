import { load } from 'cheerio';

// The body HTML of an item as text for the checks, with its links and images: what a reader sees, one
// paragraph or cell a line, so that a rule's finding can point at the words it found.

export interface BodyLink {
  href: string;
  /** The visible text of the link, and where it sits in the body text. */
  text: string;
  start: number;
  end: number;
}

export interface BodyImage {
  src: string;
  /** null when the attribute is absent, '' when present but empty. */
  alt: string | null;
}

export interface ExtractedBody {
  text: string;
  links: BodyLink[];
  images: BodyImage[];
}

// The shape of the DOM nodes cheerio (domhandler) hands back; only what the walk reads.
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'nav',
  'main',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'caption',
  'figure',
  'figcaption',
  'hr',
  'address',
]);
const CELL = new Set(['td', 'th']);
const SKIP = new Set(['script', 'style', 'template', 'noscript', 'head', 'title']);

/**
 * Body text with block boundaries as line breaks and table cells separated by tabs, so that numbers
 * in neighbouring cells never run together and a line-level rule sees one paragraph or cell at a time.
 */
export function extractBody(html: string): ExtractedBody {
  const $ = load(html ?? '', null, false);
  let text = '';
  const links: BodyLink[] = [];
  const images: BodyImage[] = [];
  const breakWith = (sep: '\n' | '\t') => {
    if (!text) return;
    const last = text[text.length - 1];
    if (last === '\n') return;
    if (last === '\t' && sep === '\t') return;
    text = last === ' ' ? text.slice(0, -1) + sep : text + sep;
  };
  const walk = (node: DomNode, pre: boolean) => {
    if (node.type === 'text') {
      const data = node.data ?? '';
      const piece = pre ? data : data.replace(/[ \t\r\n\f\u00a0]+/g, ' ');
      // Collapse a space against a boundary or another space, as a browser would.
      text += piece.startsWith(' ') && (text === '' || /[\s]$/.test(text)) ? piece.slice(1) : piece;
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    const name = node.name?.toLowerCase() ?? '';
    if (SKIP.has(name)) return;
    if (name === 'br') {
      breakWith('\n');
      return;
    }
    if (name === 'img') {
      images.push({ src: node.attribs?.src ?? '', alt: node.attribs?.alt ?? null });
      return;
    }
    if (BLOCK.has(name)) breakWith('\n');
    if (CELL.has(name)) breakWith('\t');
    const start = text.length;
    for (const child of node.children ?? []) walk(child, pre || name === 'pre');
    if (name === 'a' && node.attribs && 'href' in node.attribs) {
      // The range covers the visible text only: surrounding spaces may still turn into line breaks.
      let s = start;
      let e = text.length;
      while (s < e && /\s/.test(text[s]!)) s++;
      while (e > s && /\s/.test(text[e - 1]!)) e--;
      links.push({ href: node.attribs.href ?? '', text: text.slice(s, e), start: s, end: e });
    }
    if (BLOCK.has(name)) breakWith('\n');
  };
  walk($.root()[0] as unknown as DomNode, false);
  return { text: text.replace(/[\n\t ]+$/, ''), links, images };
}
