// Cleaning HTML pasted from Word (and WPS, which writes the same dialect). Word's clipboard carries a
// whole document: a <head> of styles, conditional comments, <o:p> paragraph marks, mso-* styles,
// classes, <font> and meaningless <span>s, and lists drawn as paragraphs with a typed-in marker.
// What survives is structure: headings, paragraphs, real lists, tables (with merged cells), links,
// images with usable addresses, and bold/italic/underline/sub/sup. Pure string in, string out, no
// DOM, so the same code runs in the editor and in the server's test suite.

interface El {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
  /** Set on Word's list paragraphs once recognised. */
  list?: { level: number; ordered: boolean };
}
type Node = El | string;

const VOID = new Set(['br', 'hr', 'img', 'meta', 'link', 'input', 'col', 'area', 'base', 'wbr', 'source']);
const DROP = new Set([
  'head',
  'style',
  'script',
  'xml',
  'title',
  'meta',
  'link',
  'template',
  'object',
  'iframe',
  'noscript',
  'button',
  'input',
  'select',
  'textarea',
  'colgroup',
  'col',
]);
const BLOCKS = new Set([
  'p',
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
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'hr',
  'br',
]);
const RENAME: Record<string, string> = {
  b: 'strong',
  strong: 'strong',
  i: 'em',
  em: 'em',
  u: 'u',
  s: 's',
  strike: 's',
  del: 's',
  sub: 'sub',
  sup: 'sup',
};
// Opening one of these while a <p> is open ends the paragraph, as in HTML.
const CLOSES_P = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'table',
  'div',
  'blockquote',
  'pre',
  'hr',
]);

const TOKEN =
  /<!--[\s\S]*?-->|<!\[if([^\]]*)\]>|<!\[endif\]>|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\/([a-zA-Z][\w:.-]*)\s*>|<([a-zA-Z][\w:.-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>|[^<]+|</g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

function parseAttrs(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(ATTR)) out[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  return out;
}

/** A forgiving tree builder: unknown closers are ignored, unclosed elements end with their parent. */
function parse(html: string): El {
  const root: El = { tag: '#root', attrs: {}, children: [] };
  const stack: El[] = [root];
  const top = () => stack[stack.length - 1]!;
  const open = (el: El) => {
    top().children.push(el);
    stack.push(el);
  };
  const close = (tag: string) => {
    const at = stack.map((e) => e.tag).lastIndexOf(tag);
    if (at > 0) stack.length = at;
  };
  for (const m of html.matchAll(TOKEN)) {
    const [token, condition, closing, opening, attrs, selfClose] = m;
    if (condition !== undefined) open({ tag: '#if', attrs: { condition: condition.trim() }, children: [] });
    else if (token === '<![endif]>') close('#if');
    else if (closing) close(closing.toLowerCase());
    else if (opening) {
      const tag = opening.toLowerCase();
      if (CLOSES_P.has(tag) && stack.some((e) => e.tag === 'p')) close('p');
      if (tag === 'li' && top().tag === 'li') close('li');
      if ((tag === 'td' || tag === 'th') && (top().tag === 'td' || top().tag === 'th')) stack.pop();
      const el: El = { tag, attrs: parseAttrs(attrs ?? ''), children: [] };
      if (VOID.has(tag) || selfClose) top().children.push(el);
      else open(el);
    } else if (token.startsWith('<!'))
      continue; // comments, doctype, conditional comments
    else top().children.push(token);
  }
  return root;
}

function styles(el: El): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (el.attrs.style ?? '').split(';')) {
    const i = part.indexOf(':');
    if (i > 0)
      out[part.slice(0, i).trim().toLowerCase()] = part
        .slice(i + 1)
        .trim()
        .toLowerCase();
  }
  return out;
}

const textOf = (nodes: Node[]): string => nodes.map((n) => (typeof n === 'string' ? n : textOf(n.children))).join('');
const NBSP = /&nbsp;|&#160;|&#xa0;|\u00a0/gi;
const isBlank = (s: string) => s.replace(NBSP, '').trim() === '';

const safeHref = (v: string) => /^(https?:\/\/|mailto:|\/(?!\/)|#)/i.test(v.trim());
const safeSrc = (v: string) => /^(https?:\/\/|\/(?!\/)|data:image\/(png|jpe?g|gif|webp);)/i.test(v.trim());
const escapeAttr = (v: string) =>
  v
    .replace(/&(?!(#\d+|#x[0-9a-f]+|[a-z]+);)/gi, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;');

// Word's list markers: "1." "2)" "（三）" "一、" "a." count; "·" "§" "o" and symbol-font bullets do not.
const ORDERED_MARKER = /^[(（]?([0-9]+|[一二三四五六七八九十百]+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)）、．]/;

/** Clean one node; may unwrap it into its children or drop it. */
function clean(node: Node): Node[] {
  if (typeof node === 'string') return [node];
  const { tag } = node;
  if (DROP.has(tag) || tag.startsWith('v:') || tag.startsWith('w:')) return [];
  // <![if !supportLists]> holds Word's typed list marker; the paragraph reads it before this runs.
  if (tag === '#if')
    return /supportLists|supportLineBreakNewLine/i.test(node.attrs.condition ?? '') ? [] : cleanAll(node.children);
  const children = () => cleanAll(node.children);

  if (
    tag === 'p' &&
    /mso-list\s*:/i.test(node.attrs.style ?? '') &&
    !/mso-list\s*:\s*ignore/i.test(node.attrs.style ?? '')
  ) {
    const marker = node.children.find(
      (c): c is El => typeof c !== 'string' && c.tag === '#if' && /supportLists/i.test(c.attrs.condition ?? ''),
    );
    const level = Number(/level(\d+)/i.exec(node.attrs.style ?? '')?.[1] ?? 1);
    const markerText = marker ? textOf(marker.children).replace(NBSP, ' ').trim() : '';
    return [{ tag: 'li', attrs: {}, children: children(), list: { level, ordered: ORDERED_MARKER.test(markerText) } }];
  }
  if (
    [
      'p',
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'blockquote',
      'pre',
      'ul',
      'li',
      'table',
      'thead',
      'tbody',
      'tfoot',
      'tr',
      'caption',
    ].includes(tag)
  ) {
    return [{ tag, attrs: {}, children: children() }];
  }
  if (tag === 'ol') {
    const start = Number(node.attrs.start);
    return [{ tag, attrs: start > 1 ? { start: String(start) } : {}, children: children() }];
  }
  if (tag === 'td' || tag === 'th') {
    const attrs: Record<string, string> = {};
    for (const a of ['colspan', 'rowspan']) if (Number(node.attrs[a]) > 1) attrs[a] = String(Number(node.attrs[a]));
    return [{ tag, attrs, children: children() }];
  }
  if (tag === 'br' || tag === 'hr') return [{ tag, attrs: {}, children: [] }];
  if (tag === 'img') {
    const src = node.attrs.src ?? '';
    // Word's pasted pictures point at files on the author's disk (file:///C:/...); upload them instead.
    if (!safeSrc(src)) return [];
    const attrs: Record<string, string> = { src };
    if (node.attrs.alt) attrs.alt = node.attrs.alt;
    return [{ tag, attrs, children: [] }];
  }
  if (tag === 'a') {
    const href = node.attrs.href ?? '';
    return safeHref(href) && !href.startsWith('#') ? [{ tag: 'a', attrs: { href }, children: children() }] : children();
  }
  const rename = RENAME[tag];
  if (rename) {
    // Google Docs and WPS wrap whole pastes in <b style="font-weight:normal">.
    if (tag === 'b' && /normal|400/.test(styles(node)['font-weight'] ?? '')) return children();
    return [{ tag: rename, attrs: {}, children: children() }];
  }
  if (tag === 'span' || tag === 'font') {
    // A span means something only through its style; keep that meaning as markup.
    const st = styles(node);
    let out: Node[] = children();
    if (/^(bold|bolder|[6-9]00)$/.test(st['font-weight'] ?? '')) out = [{ tag: 'strong', attrs: {}, children: out }];
    if ((st['font-style'] ?? '') === 'italic') out = [{ tag: 'em', attrs: {}, children: out }];
    if ((st['vertical-align'] ?? '') === 'super') out = [{ tag: 'sup', attrs: {}, children: out }];
    if ((st['vertical-align'] ?? '') === 'sub') out = [{ tag: 'sub', attrs: {}, children: out }];
    return out;
  }
  // div, font, o:p, st1:*, section, body, html and anything unknown: keep the content only.
  return children();
}

function cleanAll(nodes: Node[]): Node[] {
  return groupLists(nodes.flatMap(clean)).filter((n) => !isEmptyElement(n));
}

/** Inline wrappers and paragraphs left with nothing in them (Word's <p><o:p>&nbsp;</o:p></p> spacers). */
function isEmptyElement(n: Node): boolean {
  if (typeof n === 'string') return false;
  if (
    [
      'p',
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'strong',
      'em',
      'u',
      's',
      'sub',
      'sup',
      'a',
      'blockquote',
      'li',
      'ul',
      'ol',
    ].includes(n.tag)
  ) {
    return isBlank(textOf(n.children)) && !hasTag(n.children, 'img');
  }
  return false;
}
const hasTag = (nodes: Node[], tag: string): boolean =>
  nodes.some((n) => typeof n !== 'string' && (n.tag === tag || hasTag(n.children, tag)));

/** Turn runs of Word list paragraphs into nested <ul>/<ol>. */
function groupLists(nodes: Node[]): Node[] {
  const out: Node[] = [];
  let stack: Array<{ level: number; ordered: boolean; list: El }> = [];
  for (const n of nodes) {
    if (typeof n === 'string' && isBlank(n) && stack.length) continue;
    if (typeof n === 'string' || !n.list) {
      stack = [];
      out.push(n);
      continue;
    }
    const { level, ordered } = n.list;
    const item: El = { tag: 'li', attrs: {}, children: n.children };
    while (stack.length && stack[stack.length - 1]!.level > level) stack.pop();
    const top = stack[stack.length - 1];
    if (top && top.level === level && top.ordered === ordered) {
      top.list.children.push(item);
      continue;
    }
    if (top && top.level === level) stack.pop();
    const list: El = { tag: ordered ? 'ol' : 'ul', attrs: {}, children: [item] };
    const parent = stack[stack.length - 1];
    const lastItem = parent?.list.children[parent.list.children.length - 1];
    if (parent && lastItem && typeof lastItem !== 'string') lastItem.children.push(list);
    else out.push(list);
    stack.push({ level, ordered, list });
  }
  return out;
}

const CJK = '\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f';
const JOIN_LINES = new RegExp(`([${CJK}])[ \\t]*\\r?\\n\\s*(?=[${CJK}])`, 'g');

const isBlock = (n: Node | undefined) => n !== undefined && typeof n !== 'string' && BLOCKS.has(n.tag);

function serialize(nodes: Node[]): string {
  return nodes
    .map((n, i) => {
      if (typeof n === 'string') {
        // Source indentation between rows, cells and paragraphs is not content.
        if (n.trim() === '' && (isBlock(nodes[i - 1]) || isBlock(nodes[i + 1]))) return '';
        // Word wraps its HTML source every ~80 characters; between Chinese characters that line
        // break would show as a stray space.
        return n.replace(JOIN_LINES, '$1').replace(/\s*\r?\n\s*/g, ' ');
      }
      const attrs = Object.entries(n.attrs)
        .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
        .join('');
      if (n.tag === 'br' || n.tag === 'hr' || n.tag === 'img') return `<${n.tag}${attrs}>`;
      const inner = serialize(n.children);
      return BLOCKS.has(n.tag)
        ? `<${n.tag}${attrs}>${inner.trim()}</${n.tag}>`
        : `<${n.tag}${attrs}>${inner}</${n.tag}>`;
    })
    .join('');
}

/** True when the HTML came from Word or WPS (other pastes need no special treatment). */
export function isOfficeHtml(html: string): boolean {
  return /urn:schemas-microsoft-com|class="?Mso|mso-[a-z-]+\s*:|<o:p>|content="?Microsoft|Kingsoft|wps-/i.test(html);
}

export function cleanWordHtml(html: string): string {
  // Outlook and some Word versions write the list-marker block as comments; read them as blocks.
  const revealed = html.replace(/<!--\[if ([^\]]*)\]-->/g, '<![if $1]>').replace(/<!--\[endif\]-->/g, '<![endif]>');
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(revealed)?.[1] ?? revealed;
  const fragment = /<!--StartFragment-->([\s\S]*)<!--EndFragment-->/.exec(body)?.[1] ?? body;
  return serialize(cleanAll(parse(fragment).children)).trim();
}
