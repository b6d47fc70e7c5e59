import '@fastify/multipart';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import type { AttachmentsService, AttachmentView } from './attachments.service.js';
import type { DocxConverter } from './docx.js';

export function docxRoutes(app: Api, s: { attachments: AttachmentsService; docx: DocxConverter }): void {
  app.post(
    '/articles/convert-docx',
    {
      schema: {
        tags: ['信息'],
        summary: '把 Word 文档（.docx，multipart 字段 file）转换为正文 HTML；文中图片存为附件',
        consumes: ['multipart/form-data'],
      },
      config: { permission: 'article.write' },
    },
    async (req) => {
      if (!req.isMultipart())
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件（字段名 file）');
      const file = await req.file();
      if (!file)
        throw new AppError('VALIDATION_FAILED', '没有收到文件', {
          issues: [{ field: 'file', message: '请选择 Word 文档' }],
        });
      const bytes = await file.toBuffer();
      if (bytes.length === 0)
        throw new AppError('VALIDATION_FAILED', '上传的文件是空的', {
          issues: [{ field: 'file', message: '上传的文件是空的' }],
        });
      const actor = actorOf(req);
      const base = file.filename.replace(/\.[^.]*$/, '') || '文档';
      const images: AttachmentView[] = [];
      const result = await s.docx.convert(bytes, async (data, contentType, index) => {
        const ext = contentType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'bin';
        try {
          const view = await s.attachments.upload(actor, `${base}-图${index}.${ext}`, data);
          images.push(view);
          return view.url;
        } catch (error) {
          // EMF/WMF drawings and similar cannot be shown in a browser: skip them and say so.
          if (error instanceof AppError && error.code === 'FILE_TYPE_NOT_ALLOWED') return null;
          throw error;
        }
      });
      return { ...result, images };
    },
  );
}
