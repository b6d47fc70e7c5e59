// The one way the admin app talks to the server. It carries the session's CSRF token on every
// change, turns the server's error JSON into an ApiError (and a visible message in the server's own
// Chinese words), and sends the person back to the login page when the session is gone.

export interface FieldIssue {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const SESSION_EXPIRED_TEXT = '登录已超时，请重新登录';
const NETWORK_TEXT = '无法连接服务器，请检查网络后重试';

type Notify = (text: string) => void;
type SignedOut = (reason: 'expired' | 'signed-out') => void;

let csrfToken: string | null = null;
let notifyError: Notify = (text) => console.error(text);
let onSignedOut: SignedOut = () => undefined;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Wired once by the app shell: where messages appear, and what to do when the session is gone. */
export function configureClient(handlers: { notifyError: Notify; onSignedOut: SignedOut }): void {
  notifyError = handlers.notifyError;
  onSignedOut = handlers.onSignedOut;
}

export interface RequestOptions {
  /** Do not show the server's refusal as a message (the caller shows it next to a field or inline). */
  quiet?: boolean;
  signal?: AbortSignal;
}

async function errorFrom(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): fall through to a message chosen by status.
    body = {};
  }
  const code = typeof body.code === 'string' ? body.code : `HTTP_${res.status}`;
  const message =
    typeof body.message === 'string'
      ? body.message
      : res.status >= 500
        ? '服务器暂时无法处理请求，请稍后再试'
        : `请求失败（${res.status}）`;
  const issues = Array.isArray(body.issues) ? (body.issues as FieldIssue[]) : [];
  return new ApiError(res.status, code, message, issues, body);
}

async function send<T>(
  method: string,
  url: string,
  body: BodyInit | undefined,
  headers: Record<string, string>,
  opts: RequestOptions,
): Promise<T> {
  const h: Record<string, string> = { accept: 'application/json', ...headers };
  if (method !== 'GET' && csrfToken) h['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, { method, body, headers: h, credentials: 'same-origin', signal: opts.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    if (!opts.quiet) notifyError(NETWORK_TEXT);
    throw new ApiError(0, 'NETWORK', NETWORK_TEXT);
  }
  if (res.ok) {
    if (res.status === 204) return undefined as T;
    const type = res.headers.get('content-type') ?? '';
    return (type.includes('json') ? await res.json() : await res.text()) as T;
  }
  const error = await errorFrom(res);
  // Signing in (the password and the two-factor step) answers 401 for a wrong entry, not a lost session.
  const isLogin = url.endsWith('/api/auth/login') || url.includes('/api/auth/login/');
  if (res.status === 401 && !isLogin) {
    // Anything else that fails now would fail for the same reason; say it once and go to login.
    const expired = error.code === 'SESSION_EXPIRED';
    if (expired) notifyError(SESSION_EXPIRED_TEXT);
    onSignedOut(expired ? 'expired' : 'signed-out');
    throw error;
  }
  if (!opts.quiet) notifyError(error.message);
  throw error;
}

function json(method: string, url: string, body: unknown, opts: RequestOptions) {
  return body === undefined
    ? send(method, url, undefined, {}, opts)
    : send(method, url, JSON.stringify(body), { 'content-type': 'application/json' }, opts);
}

export const api = {
  get: <T>(url: string, opts: RequestOptions = {}) => send<T>('GET', url, undefined, {}, opts),
  post: <T>(url: string, body?: unknown, opts: RequestOptions = {}) =>
    json('POST', url, body ?? {}, opts) as Promise<T>,
  put: <T>(url: string, body: unknown, opts: RequestOptions = {}) => json('PUT', url, body, opts) as Promise<T>,
  patch: <T>(url: string, body: unknown, opts: RequestOptions = {}) => json('PATCH', url, body, opts) as Promise<T>,
  delete: <T = void>(url: string, opts: RequestOptions = {}) => send<T>('DELETE', url, undefined, {}, opts),
  /** Upload one file as multipart field `file` (the browser sets the boundary). */
  upload: <T>(url: string, file: Blob, filename: string, opts: RequestOptions = {}) => {
    const form = new FormData();
    form.append('file', file, filename);
    return send<T>('POST', url, form, {}, opts);
  },
};

/** A query string from a filter object, leaving out empty values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
