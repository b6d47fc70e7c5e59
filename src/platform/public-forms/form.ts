import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import { fileTypeFromBuffer } from 'file-type';
import type { z } from 'zod';
import { AppError, type FieldIssue } from '../errors.js';

// Reading a public form as a browser without JavaScript sends it: application/x-www-form-urlencoded,
// or multipart/form-data when it carries files. Fields come back as trimmed text; the caller
// validates them with a zod schema and, on failure, renders the form again with the messages.

export interface UploadedPart {
  field: string;
  filename: string;
  bytes: Buffer;
}

export interface PublicForm {
  fields: Record<string, string>;
  files: UploadedPart[];
}

export interface FormLimits {
  /** Files per submission (default 2). */
  maxFiles: number;
  /** Bytes per file (default 10 MB). */
  fileMaxBytes: number;
  /** Characters of any one text field (default 200 000: the caller sets the real limit per field). */
  fieldMaxChars: number;
}

export const DEFAULT_FORM_LIMITS: FormLimits = { maxFiles: 2, fileMaxBytes: 10 * 1024 * 1024, fieldMaxChars: 200_000 };

/**
 * Teaches a (public, encapsulated) Fastify scope to read urlencoded and multipart bodies. Register
 * it inside the plugin that holds the public form routes.
 */
export async function registerPublicFormParsing(app: FastifyInstance, limits: FormLimits = DEFAULT_FORM_LIMITS) {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: limits.fieldMaxChars * 12 },
    (_req, body, done) => {
      const out: Record<string, string> = {};
      for (const [k, v] of new URLSearchParams(body as string)) if (!(k in out)) out[k] = v;
      done(null, out);
    },
  );
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: limits.fileMaxBytes,
      files: limits.maxFiles + 2, // browsers send an empty part for each file input left empty
      fields: 40,
      parts: 50,
      fieldSize: limits.fieldMaxChars * 4,
    },
  });
}

/** Removes control characters (keeping line breaks and tabs), unifies line breaks, NFC-normalises. */
export function cleanText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .trim();
}

function tooLarge(limits: FormLimits): AppError {
  const mb = Math.round(limits.fileMaxBytes / 1024 / 1024);
  const message = `附件过大或过多：最多 ${limits.maxFiles} 个附件，每个不超过 ${mb} MB`;
  return new AppError('PAYLOAD_TOO_LARGE', message, { issues: [{ field: 'attachments', message }] });
}

/** The submitted fields and files, whichever way the browser sent them. */
export async function readPublicForm(
  req: FastifyRequest,
  limits: FormLimits = DEFAULT_FORM_LIMITS,
): Promise<PublicForm> {
  const fields: Record<string, string> = {};
  const files: UploadedPart[] = [];
  if (!req.isMultipart()) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') fields[k] = cleanText(v);
    return { fields, files };
  }
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string' && !(part.fieldname in fields))
          fields[part.fieldname] = cleanText(part.value);
        continue;
      }
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw tooLarge(limits);
      // A file input left empty still sends a part with an empty name and no bytes.
      if (bytes.length === 0 && (part.filename ?? '') === '') continue;
      if (files.length >= limits.maxFiles) throw tooLarge(limits);
      files.push({ field: part.fieldname, filename: cleanText(part.filename ?? '').replace(/[\\/]/g, '_'), bytes });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (/FST_(REQ_FILE_TOO_LARGE|FILES_LIMIT|PARTS_LIMIT|FIELDS_LIMIT)/.test(code)) throw tooLarge(limits);
    throw new AppError('BAD_REQUEST', '表单内容不完整，请重新提交');
  }
  return { fields, files };
}

export type FormResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/** Validates fields with a zod schema; the issues name fields as the form does, for re-rendering. */
export function validateForm<S extends z.ZodType>(schema: S, fields: Record<string, string>): FormResult<z.infer<S>> {
  const r = schema.safeParse(fields);
  if (r.success) return { ok: true, value: r.data };
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  for (const i of r.error.issues) {
    const field = String(i.path[0] ?? '');
    if (seen.has(field)) continue;
    seen.add(field);
    issues.push({ field, message: i.message });
  }
  return { ok: false, issues };
}

// What a citizen may attach: documents and pictures, decided by the bytes, and the name must agree.
const ALLOWED: Record<string, { exts: string[]; mime: string }> = {
  pdf: { exts: ['pdf'], mime: 'application/pdf' },
  jpg: { exts: ['jpg', 'jpeg'], mime: 'image/jpeg' },
  png: { exts: ['png'], mime: 'image/png' },
  gif: { exts: ['gif'], mime: 'image/gif' },
  webp: { exts: ['webp'], mime: 'image/webp' },
  docx: { exts: ['docx'], mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { exts: ['xlsx'], mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  cfb: { exts: ['doc', 'xls', 'wps'], mime: 'application/octet-stream' },
};

export const ALLOWED_ATTACHMENT_WORDS = 'PDF、Word、Excel 文档或 JPG、PNG、GIF、WEBP 图片';

/**
 * The attachment's real type, or a refusal when the bytes are not an allowed kind or the file name
 * claims another kind than the bytes are (an .exe renamed .jpg, a PDF named .png).
 */
export async function sniffPublicAttachment(file: UploadedPart): Promise<{ ext: string; mime: string }> {
  const declared = path.extname(file.filename).slice(1).toLowerCase();
  const sniffed = await fileTypeFromBuffer(file.bytes);
  const kind = sniffed ? ALLOWED[sniffed.ext] : undefined;
  const refuse = (message: string) =>
    new AppError('FILE_TYPE_NOT_ALLOWED', message, { issues: [{ field: 'attachments', message }] });
  if (!kind) throw refuse(`附件“${file.filename}”不是允许的类型，仅接受 ${ALLOWED_ATTACHMENT_WORDS}`);
  if (!kind.exts.includes(declared))
    throw refuse(
      `附件“${file.filename}”的扩展名与文件内容不符（内容是 ${sniffed!.ext.toUpperCase()}），请检查后重新选择`,
    );
  return { ext: declared, mime: sniffed!.ext === 'cfb' ? kind.mime : sniffed!.mime };
}
