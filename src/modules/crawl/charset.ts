import iconv from 'iconv-lite';

// County sites still serve GBK (or GB2312) pages, often saying so only in a <meta> tag. The charset is
// taken, in this order, from a byte-order mark, the Content-Type header, the XML declaration or the
// page's <meta>; GB2312 and GBK are read as GB18030, their superset, so a rare character in a name
// does not turn into a question mark. Without any declaration, bytes that are not valid UTF-8 are GBK.

const ALIASES: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  gb18030: 'gb18030',
  'utf-8': 'utf8',
  utf8: 'utf8',
  big5: 'big5',
};

function normalise(label: string | undefined | null): string | null {
  if (!label) return null;
  const l = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  const name = ALIASES[l] ?? l;
  return iconv.encodingExists(name) ? name : null;
}

export function declaredCharset(contentType: string | undefined, head: Buffer): string | null {
  const fromHeader = /charset\s*=\s*["']?([\w-]+)/i.exec(contentType ?? '')?.[1];
  if (normalise(fromHeader)) return normalise(fromHeader);
  // Declarations are ASCII: reading the first bytes as latin1 finds them whatever the encoding.
  const text = head.subarray(0, 4096).toString('latin1');
  const xml = /<\?xml[^>]*encoding\s*=\s*["']([\w-]+)["']/i.exec(text)?.[1];
  if (normalise(xml)) return normalise(xml);
  const meta =
    /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(text)?.[1] ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset=([\w-]+)/i.exec(text)?.[1];
  return normalise(meta);
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The page as text, and the charset it was read in. */
export function decodePage(bytes: Buffer, contentType?: string): { text: string; charset: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: bytes.subarray(3).toString('utf8'), charset: 'utf8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: iconv.decode(bytes.subarray(2), 'utf16le'), charset: 'utf16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: iconv.decode(bytes.subarray(2), 'utf16be'), charset: 'utf16be' };
  const charset = declaredCharset(contentType, bytes) ?? (isUtf8(bytes) ? 'utf8' : 'gb18030');
  return { text: iconv.decode(bytes, charset), charset };
}
