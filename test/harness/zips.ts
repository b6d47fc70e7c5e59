import zlib from 'node:zlib';

// ZIP archives written byte by byte, for the archive-limit tests: a "zip bomb" (a small file whose
// entry inflates to hundreds of megabytes) is deflated in chunks so that the test never holds the
// inflated text, and archives with thousands of entries are cheap to make.

export interface ZipEntry {
  name: string;
  /** The entry's bytes, or a piece repeated until `size` bytes (the bomb). */
  data: string | Buffer | { repeat: string; size: number; head?: string; tail?: string };
}

interface Packed {
  name: Buffer;
  crc: number;
  compressed: Buffer;
  size: number;
}

async function pack(e: ZipEntry): Promise<Packed> {
  const name = Buffer.from(e.name, 'utf8');
  if (typeof e.data === 'string' || Buffer.isBuffer(e.data)) {
    const raw = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, 'utf8');
    return { name, crc: zlib.crc32(raw), compressed: zlib.deflateRawSync(raw), size: raw.length };
  }
  const { repeat, size, head = '', tail = '' } = e.data;
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let written = 0;
  const write = async (b: Buffer) => {
    crc = zlib.crc32(b, crc);
    written += b.length;
    if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r));
  };
  await write(Buffer.from(head, 'utf8'));
  const unit = Buffer.from(repeat, 'utf8');
  const block = Buffer.concat(Array.from({ length: Math.max(1, Math.floor((1 << 20) / unit.length)) }, () => unit));
  // Whole repetitions only (every block is a multiple of the unit), so no character is cut in two.
  let left = Math.floor((size - Buffer.byteLength(head) - Buffer.byteLength(tail)) / unit.length) * unit.length;
  while (left > 0) {
    const n = Math.min(block.length, left);
    await write(block.subarray(0, n));
    left -= n;
  }
  await write(Buffer.from(tail, 'utf8'));
  deflate.end();
  await done;
  return { name, crc, compressed: Buffer.concat(out), size: written };
}

export async function zipOf(entries: readonly ZipEntry[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const p = await pack(e);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.compressed.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(p.name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc >>> 0, 16);
    central.writeUInt32LE(p.compressed.length, 20);
    central.writeUInt32LE(p.size, 24);
    central.writeUInt16LE(p.name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, p.name, p.compressed);
    centrals.push(central, p.name);
    offset += 30 + p.name.length + p.compressed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** The parts every .docx needs, around a document.xml given as a zip entry's data. */
export function docxOf(document: ZipEntry['data']): Promise<Buffer> {
  return zipOf([
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    },
    { name: 'word/document.xml', data: document },
  ]);
}

/** A .docx whose document.xml inflates to `size` bytes of one paragraph repeated. */
export function docxBomb(size: number): Promise<Buffer> {
  return docxOf({
    head: `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>`,
    repeat: '<w:p><w:r><w:t>涟水县政府信息公开保障</w:t></w:r></w:p>',
    tail: '</w:body></w:document>',
    size,
  });
}

/** A plain .docx with the given paragraphs. */
export function docxWith(paragraphs: readonly string[]): Promise<Buffer> {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('');
  return docxOf(
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`,
  );
}
