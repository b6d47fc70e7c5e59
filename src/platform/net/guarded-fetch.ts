import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupAddress } from 'node:dns';
import net from 'node:net';
import { addressProblem, AllowList } from './address-policy.js';

// The one way the server fetches an address somebody else chose (link columns, the pre-publish and
// guarantee link checks, a crawler). Every hop of a redirect is checked again, and the address is
// checked where the connection is made (the DNS answer the socket uses, not an earlier lookup), so a
// name that resolves to 127.0.0.1, a redirect to http://2130706433/ or a DNS answer that changes
// between two lookups cannot reach the server itself, the intranet or a metadata service. Only http
// and https; a deadline over all hops; bodies read up to a size limit.

export interface FetchPolicy {
  /** Exceptions the operator allows (FETCH_ALLOW). */
  allow: AllowList;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = {
  allow: AllowList.none(),
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'govportal/1.0 (+link check)',
};

export interface FetchOptions {
  method?: 'GET' | 'HEAD';
  /** Read the body (GET only), up to maxBytes; otherwise it is discarded unread. */
  readBody?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
}

export interface FetchResult {
  status: number;
  ok: boolean;
  /** The address that answered, after redirects. */
  finalUrl: string;
  redirects: string[];
  headers: http.IncomingHttpHeaders;
  body: Buffer | null;
  /** The body was longer than the limit and was cut there. */
  truncated: boolean;
}

export type FetchFailure =
  | 'bad-url'
  | 'forbidden-address'
  | 'timeout'
  | 'dns'
  | 'refused'
  | 'reset'
  | 'tls'
  | 'too-many-redirects'
  | 'network';

/** A fetch that did not get an answer; the message is Chinese, for people. */
export class FetchError extends Error {
  constructor(
    readonly reason: FetchFailure,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

const stripBrackets = (host: string) => host.replace(/^\[|\]$/g, '');

function failureOf(error: unknown, timeoutMs: number): FetchError {
  if (error instanceof FetchError) return error;
  const e = error as { name?: string; code?: string; message?: string };
  if (e?.name === 'AbortError' || e?.code === 'ABORT_ERR')
    return new FetchError('timeout', `超时（${Math.round(timeoutMs / 1000)} 秒内未响应）`);
  const code = e?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA')
    return new FetchError('dns', '域名无法解析', code);
  if (code === 'ECONNREFUSED') return new FetchError('refused', '连接被拒绝', code);
  if (code === 'ECONNRESET' || code === 'EPIPE') return new FetchError('reset', '连接被重置', code);
  if (code && /CERT|SSL|TLS/.test(code)) return new FetchError('tls', `证书错误（${code}）`, code);
  return new FetchError('network', `无法访问（${(code ?? e?.message ?? String(error)).slice(0, 200)}）`, code);
}

export class GuardedFetcher {
  private readonly policy: FetchPolicy;

  constructor(policy: Partial<FetchPolicy> = {}) {
    this.policy = { ...DEFAULT_FETCH_POLICY, ...policy };
  }

  /** Why this address may not be fetched (Chinese), or null; checks the address as written only. */
  refusal(address: string): string | null {
    try {
      this.target(new URL(address));
      return null;
    } catch (e) {
      return e instanceof FetchError ? e.message : '地址无效';
    }
  }

  async fetch(address: string, options: FetchOptions = {}): Promise<FetchResult> {
    const timeoutMs = options.timeoutMs ?? this.policy.timeoutMs;
    const method = options.method ?? 'GET';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const redirects: string[] = [];
    try {
      let url: URL;
      try {
        url = new URL(address);
      } catch {
        throw new FetchError('bad-url', '地址无效');
      }
      for (;;) {
        const res = await this.once(url, method, controller.signal);
        const location = res.headers.location;
        if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && location) {
          res.destroy();
          if (redirects.length >= this.policy.maxRedirects)
            throw new FetchError('too-many-redirects', '重定向次数过多');
          try {
            url = new URL(location, url);
          } catch {
            throw new FetchError('bad-url', `重定向到无效地址（${location.slice(0, 200)}）`);
          }
          redirects.push(url.toString());
          continue;
        }
        const status = res.statusCode ?? 0;
        let body: Buffer | null = null;
        let truncated = false;
        if (options.readBody && method === 'GET') {
          ({ body, truncated } = await readLimited(res, options.maxBytes ?? this.policy.maxBytes));
        } else res.destroy();
        return {
          status,
          ok: status >= 200 && status < 300,
          finalUrl: url.toString(),
          redirects,
          headers: res.headers,
          body,
          truncated,
        };
      }
    } catch (error) {
      throw failureOf(
        controller.signal.aborted ? Object.assign(new Error('aborted'), { name: 'AbortError' }) : error,
        timeoutMs,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /** Host, port and whether the address needs its DNS answer checked; throws for what is refused outright. */
  private target(url: URL): { host: string; port: number; checkDns: boolean } {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new FetchError(
        'bad-url',
        `不支持的地址协议 ${url.protocol.replace(/:$/, '')}（只访问 http 和 https 地址）`,
      );
    // WHATWG URL parsing already turned 2130706433, 0x7f.1 and 017700000001 into 127.0.0.1.
    const host = stripBrackets(url.hostname);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    if (this.policy.allow.allowsHost(host, port)) return { host, port, checkDns: false };
    if (net.isIP(host)) {
      const why = this.policy.allow.allowsAddress(host, port) ? null : addressProblem(host);
      if (why) throw new FetchError('forbidden-address', `地址 ${host} 是${why}，不予访问`);
      return { host, port, checkDns: false };
    }
    return { host, port, checkDns: true };
  }

  private once(url: URL, method: 'GET' | 'HEAD', signal: AbortSignal): Promise<http.IncomingMessage> {
    const { host, port, checkDns } = this.target(url);
    const allow = this.policy.allow;
    // Checked at connect time on the addresses the socket will use.
    const lookup: net.LookupFunction = (hostname, opts, callback) => {
      dns.lookup(hostname, { ...opts, all: true }, (err, addresses: LookupAddress[]) => {
        if (err) return callback(err, '', 0);
        const bad = checkDns
          ? addresses.find((a) => !allow.allowsAddress(a.address, port) && addressProblem(a.address))
          : undefined;
        if (bad) {
          const why = addressProblem(bad.address);
          return callback(
            new FetchError('forbidden-address', `地址 ${hostname} 解析为 ${bad.address}，是${why}，不予访问`) as never,
            '',
            0,
          );
        }
        if ((opts as { all?: boolean }).all)
          return (callback as never as (e: null, a: LookupAddress[]) => void)(null, addresses);
        const first = addresses[0]!;
        callback(null, first.address, first.family);
      });
    };
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = client.request(
        {
          protocol: url.protocol,
          hostname: host,
          port,
          path: `${url.pathname}${url.search}`,
          method,
          agent: false,
          lookup,
          signal,
          headers: { 'user-agent': this.policy.userAgent, accept: '*/*' },
        },
        resolve,
      );
      req.on('error', reject);
      req.end();
    });
  }
}

function readLimited(res: http.IncomingMessage, maxBytes: number): Promise<{ body: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      const room = maxBytes - size;
      if (chunk.length > room) {
        chunks.push(chunk.subarray(0, room));
        res.destroy();
        resolve({ body: Buffer.concat(chunks), truncated: true });
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    res.on('end', () => resolve({ body: Buffer.concat(chunks), truncated: false }));
    res.on('error', reject);
  });
}
