import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { AppError } from '../errors.js';

/**
 * The one uploaded file of a multipart request (field `file`), read whole. A part sent without a
 * filename parameter is a plain form field to the multipart parser, not a file (it used to end in a
 * 500); it is refused in words. An empty file name is fine: the caller names the file.
 */
export async function uploadedFile(req: FastifyRequest, what = '文件'): Promise<{ filename: string; bytes: Buffer }> {
  if (!req.isMultipart())
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `请以 multipart/form-data 上传${what}（字段名 file）`);
  const part = (await req.file()) as { type?: string; filename?: string; toBuffer?: () => Promise<Buffer> } | undefined;
  if (!part)
    throw new AppError('VALIDATION_FAILED', '没有收到文件', { issues: [{ field: 'file', message: `请选择${what}` }] });
  if (part.type !== 'file' || !part.toBuffer)
    throw new AppError('VALIDATION_FAILED', '没有收到文件：上传内容不是文件（缺少文件名），请重新选择文件后上传', {
      issues: [{ field: 'file', message: `请选择${what}` }],
    });
  const bytes = await part.toBuffer();
  if (bytes.length === 0)
    throw new AppError('VALIDATION_FAILED', '上传的文件是空的', {
      issues: [{ field: 'file', message: '上传的文件是空的' }],
    });
  return { filename: (part.filename ?? '').replace(/[\u0000-\u001f]/g, '').trim(), bytes };
}
