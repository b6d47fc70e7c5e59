// One catalogue of error codes. Every refusal the system makes carries a code (stable, for programs)
// and a Chinese message that tells the person what to do about it.

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: '提交的内容不符合要求，请按提示修改后重试' },
  BAD_REQUEST: { status: 400, message: '请求格式不正确' },
  INVALID_JSON: { status: 400, message: '请求内容不是有效的 JSON' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  SESSION_EXPIRED: { status: 401, message: '登录已超时，请重新登录' },
  BAD_CREDENTIALS: { status: 401, message: '用户名或密码错误' },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    message: '该账号使用的是公开的演示密码：服务器对外提供服务时，须先修改密码才能登录',
  },
  ACCOUNT_LOCKED: { status: 423, message: '账号因多次密码错误已被锁定，请稍后再试或联系管理员解锁' },
  TWO_FACTOR_INVALID: {
    status: 401,
    message: '验证码不正确或已使用过，请输入验证器应用上的最新 6 位验证码或一个未用过的恢复码',
  },
  TWO_FACTOR_EXPIRED: { status: 401, message: '两步验证已超时或失败次数过多，请重新输入用户名和密码' },
  TWO_FACTOR_REQUIRED: { status: 409, message: '您的角色必须使用两步验证，不能关闭；如更换手机，请联系系统管理员重置' },
  TWO_FACTOR_NOT_ENROLLED: { status: 409, message: '尚未开启两步验证' },
  ACCOUNT_DISABLED: { status: 403, message: '账号已停用，请联系管理员' },
  CSRF_INVALID: { status: 403, message: '页面已过期或请求来源不可信，请刷新页面后重试' },
  FORBIDDEN: { status: 403, message: '您没有执行此操作的权限' },
  COLUMN_NOT_ALLOWED: { status: 403, message: '本单位不负责该栏目，不能在此栏目发布信息' },
  NOT_FOUND: { status: 404, message: '请求的内容不存在' },
  CONFLICT: { status: 409, message: '数据已被修改或与现有数据冲突' },
  DUPLICATE: { status: 409, message: '已存在同名的记录' },
  IN_USE: { status: 409, message: '该记录仍被其他数据引用，不能删除' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '上传的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的内容类型' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, message: '不支持的附件类型，仅接受 doc、docx、pdf、xls、xlsx、wps 和图片' },
  IMPORT_INVALID: { status: 422, message: '导入文件有错误，未导入任何内容' },
  CHECKS_BLOCKED: { status: 422, message: '内容检查发现必须修改的问题（如涉密标志、个人信息），请修改后再提交' },
  CHECKS_NEED_REASON: { status: 422, message: '内容检查有需要确认的提醒，请逐条说明理由后再提交' },
  CONSULTATION_NOT_OPEN: { status: 409, message: '该意见征集不在征集期内，不能再提交意见' },
  INTERVIEW_NOT_OPEN: { status: 409, message: '该访谈已结束，不再接受提问' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  INTERNAL: { status: 500, message: '服务器内部错误，请稍后再试；如持续出现请联系管理员' },
  UNAVAILABLE: { status: 503, message: '服务正在启动或维护，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: { issues?: FieldIssue[]; [key: string]: unknown },
  ) {
    super(message ?? ERRORS[code].message);
    this.name = 'AppError';
    this.status = ERRORS[code].status;
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在或您无权查看`);
export const forbidden = (message?: string) => new AppError('FORBIDDEN', message);
export const invalid = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, { issues: [{ field, message }] });
