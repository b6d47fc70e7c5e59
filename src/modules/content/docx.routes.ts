import '@fastify/multipart';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { uploadedFile } from '../../platform/http/upload.js';
import { type AttachmentView, DocxConversion } from '../../contract/articles.js';
import type { AttachmentsService } from './attachments.service.js';
import type { DocxConverter } from './docx.js';

export function docxRoutes(app: Api, s: { attachments: AttachmentsService; docx: DocxConverter }): void {
  app.post(
    '/articles/convert-docx',
    {
      schema: {
        tags: ['信息'],
        summary: '把 Word 文档（.docx，multipart 字段 file）转换为正文 HTML；文中图片存为附件',
        consumes: ['multipart/form-data'],
        response: { 200: DocxConversion },
      },
      config: { permission: 'article.write' },
    },
    async (req) => {
      const { filename, bytes } = await uploadedFile(req, 'Word 文档');
      const actor = actorOf(req);
      const base = filename.replace(/\.[^.]*$/, '') || '文档';
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
