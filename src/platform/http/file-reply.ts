import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/** RFC 6266/5987 Content-Disposition for Chinese file names, with an ASCII fallback for old clients. */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface FileOut {
  mime: string;
  /** The name the browser saves the file under (Chinese as it is). */
  name: string;
  /** Stored files know their size, so a download shows its progress; generated ones are sent whole. */
  size?: number | undefined;
}

/** How a file is offered: shown in the tab (a report to print, a PDF, an image) or saved. */
export type Disposition = 'attachment' | 'inline';

/** A report asked for as HTML opens in the tab, to be read and printed; its xlsx and pdf are saved. */
export const shownWhenHtml = (format: string): Disposition => (format === 'html' ? 'inline' : 'attachment');

/** Every file the server hands out goes through here: its type, its name, and how it is offered. */
export function sendFile(
  reply: FastifyReply,
  file: FileOut,
  body: Buffer | Uint8Array | Readable,
  kind: Disposition = 'attachment',
): FastifyReply {
  reply.type(file.mime).header('content-disposition', contentDisposition(kind, file.name));
  if (file.size != null) reply.header('content-length', file.size);
  return reply.send(body);
}
