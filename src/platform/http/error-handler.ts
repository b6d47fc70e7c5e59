import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, ERRORS, type ErrorCode, type FieldIssue } from '../errors.js';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
  [key: string]: unknown;
}

// Fastify's own client errors, mapped to our catalogue so the person sees a Chinese message.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_FILES_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_PARTS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FIELDS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_PROTO_VIOLATION: 'BAD_REQUEST',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  FST_ERR_BAD_URL: 'BAD_REQUEST',
  FST_ERR_ASYNC_CONSTRAINT: 'BAD_REQUEST',
};

const SECTIONS: Record<string, string> = {
  body: '',
  querystring: '查询参数 ',
  params: '路径参数 ',
  headers: '请求头 ',
};

/** The limits the server was started with, so a refusal can say them (文件大小不能超过 50 MB). */
export interface SizeLimits {
  uploadMaxBytes?: number;
  bodyMaxBytes?: number;
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The words of a size refusal: the configured limit when known, the catalogue's message otherwise. */
function tooLargeMessage(fastifyCode: string | undefined, limits: SizeLimits): string {
  if (fastifyCode === 'FST_REQ_FILE_TOO_LARGE' && limits.uploadMaxBytes)
    return `文件大小不能超过 ${mb(limits.uploadMaxBytes)}，请压缩或拆分后再上传`;
  if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE' && limits.bodyMaxBytes)
    return `提交的内容不能超过 ${mb(limits.bodyMaxBytes)}，请减少正文中的图片或改为上传附件`;
  if (fastifyCode === 'FST_FILES_LIMIT') return '一次只能上传一个文件';
  return ERRORS.PAYLOAD_TOO_LARGE.message;
}

/** Turn any thrown error into (status, body). Unknown errors are 500 and logged with their stack. */
export function toErrorResponse(
  error: unknown,
  request: FastifyRequest,
  limits: SizeLimits = {},
): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return { status: error.status, body: { code: error.code, message: error.message, ...error.details } };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const section = SECTIONS[error.validationContext ?? 'body'] ?? '';
    const issues: FieldIssue[] = error.validation.map((v) => ({
      field: `${section}${v.instancePath.replace(/^\//, '').replace(/\//g, '.')}`.trim() || '(整体)',
      message: v.message ?? '值无效',
    }));
    const first = issues[0];
    return {
      status: 400,
      body: {
        code: 'VALIDATION_FAILED',
        message: first ? `${first.field}：${first.message}` : ERRORS.VALIDATION_FAILED.message,
        issues,
      },
    };
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error }, 'response did not match its schema');
    return { status: 500, body: { code: 'INTERNAL', message: ERRORS.INTERNAL.message } };
  }
  const fe = error as Partial<FastifyError> & { status?: number };
  const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (mapped === 'PAYLOAD_TOO_LARGE')
    return { status: ERRORS[mapped].status, body: { code: mapped, message: tooLargeMessage(fe.code, limits) } };
  if (mapped) return { status: ERRORS[mapped].status, body: { code: mapped, message: ERRORS[mapped].message } };
  if (error instanceof SyntaxError || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return { status: 400, body: { code: 'INVALID_JSON', message: ERRORS.INVALID_JSON.message } };
  }
  const status = fe.statusCode ?? fe.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // A 4xx raised by a plugin we did not map: keep the status, say it in Chinese.
    const code: ErrorCode =
      status === 404
        ? 'NOT_FOUND'
        : status === 413
          ? 'PAYLOAD_TOO_LARGE'
          : status === 415
            ? 'UNSUPPORTED_MEDIA_TYPE'
            : 'BAD_REQUEST';
    request.log.warn({ err: error }, 'client error');
    return { status, body: { code, message: ERRORS[code].message } };
  }
  request.log.error({ err: error }, 'unhandled error');
  return { status: 500, body: { code: 'INTERNAL', message: ERRORS.INTERNAL.message } };
}

export async function jsonErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const { status, body } = toErrorResponse(error, request);
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/** The API's error handler, saying the server's own size limits in its refusals. */
export function jsonErrorHandlerWith(limits: SizeLimits) {
  return async (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toErrorResponse(error, request, limits);
    return reply.code(status).type('application/json; charset=utf-8').send(body);
  };
}
