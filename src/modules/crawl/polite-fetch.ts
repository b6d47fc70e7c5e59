import robotsParserModule from 'robots-parser';
import { FetchError, type GuardedFetcher } from '../../platform/net/guarded-fetch.js';
import { decodePage } from './charset.js';

// How the crawler reads another site: through the one guarded fetcher (public addresses only, on every
// hop, checked on the resolved address), at most one request per host per interval, robots.txt obeyed,
// a deadline and a size limit per page. A page over the limit is refused, not half-read: a list cut in
// the middle would look like a list that lost its older items.

export interface CrawlLimits {
  timeoutMs: number;
  maxBytes: number;
  /** Least time between two requests to one host. */
  hostIntervalMs: number;
  /** Most entries taken from one list page or feed per run. */
  maxEntries: number;
  userAgent: string;
}

export const DEFAULT_CRAWL_LIMITS: CrawlLimits = {
  timeoutMs: 20_000,
  maxBytes: 3 * 1024 * 1024,
  hostIntervalMs: 2_000,
  maxEntries: 200,
  userAgent: 'govportal-crawler',
};

/** A page the crawler did not take, with the reason for the source's log (Chinese). */
export class CrawlRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CrawlRefusal';
  }
}

// robots-parser is CommonJS: its default import is the function itself, which its types do not say.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

const ROBOTS_TTL_MS = 60 * 60_000;
const ROBOTS_RETRY_MS = 10 * 60_000;

export class PoliteFetcher {
  /** Per host: the turn of the last request handed out, and when that request really started. */
  private turns = new Map<string, Promise<void>>();
  private lastStart = new Map<string, number>();
  private robots = new Map<string, RobotsRule>();
  /** robots.txt being read now, so parallel requests to one origin ask for it once. */
  private robotsPending = new Map<string, Promise<RobotsRule>>();

  constructor(
    private readonly fetcher: GuardedFetcher,
    readonly limits: CrawlLimits = DEFAULT_CRAWL_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** A page as text; throws CrawlRefusal (robots, size, status) or FetchError (network, address). */
  async page(address: string): Promise<{ text: string; finalUrl: string; charset: string; contentType: string }> {
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      throw new CrawlRefusal('地址无效');
    }
    const refusal = this.fetcher.refusal(address);
    if (refusal) throw new CrawlRefusal(refusal);
    const robots = await this.robotsRule(url);
    if (robots.unreadable) throw new CrawlRefusal(`robots.txt 无法读取（${robots.unreadable}），按规则暂不抓取`);
    if (!robots.allows(url.toString())) throw new CrawlRefusal(`robots.txt 不允许抓取 ${url.pathname}`);
    const res = await this.get(url.toString());
    if (!res.ok) throw new CrawlRefusal(`服务器返回 HTTP ${res.status}`);
    if (res.truncated) throw new CrawlRefusal(`页面超过 ${Math.round(this.limits.maxBytes / 1024)} KB 的上限，未处理`);
    const contentType = String(res.headers['content-type'] ?? '');
    if (contentType && !/html|xml|rss|atom|text\/plain/i.test(contentType))
      throw new CrawlRefusal(`不是网页或订阅源（${contentType.slice(0, 100)}）`);
    const { text, charset } = decodePage(res.body ?? Buffer.alloc(0), contentType);
    return { text, finalUrl: res.finalUrl, charset, contentType };
  }

  private async get(address: string) {
    await this.wait(new URL(address).host);
    return this.fetcher.fetch(address, {
      readBody: true,
      timeoutMs: this.limits.timeoutMs,
      maxBytes: this.limits.maxBytes,
    });
  }

  /**
   * Wait for this host's turn. Turns are handed out in order, and each starts at least the interval
   * after the previous one really started (a busy event loop may fire timers late, never early enough
   * to crowd a site: the start is measured, not scheduled).
   */
  private wait(host: string): Promise<void> {
    const turn = (this.turns.get(host) ?? Promise.resolve()).then(async () => {
      const last = this.lastStart.get(host);
      if (last !== undefined)
        for (
          let d = last + this.limits.hostIntervalMs - this.now();
          d > 0;
          d = last + this.limits.hostIntervalMs - this.now()
        )
          await new Promise((r) => setTimeout(r, d));
      this.lastStart.set(host, this.now());
    });
    this.turns.set(host, turn);
    return turn;
  }

  /**
   * robots.txt of the origin, kept an hour. No file (4xx) allows everything; a file that cannot be read
   * (5xx, no answer) allows nothing for now (RFC 9309), and is asked again after ten minutes.
   */
  private async robotsRule(url: URL): Promise<RobotsRule> {
    const origin = url.origin;
    const cached = this.robots.get(origin);
    if (cached && this.now() - cached.at < (cached.unreadable ? ROBOTS_RETRY_MS : ROBOTS_TTL_MS)) return cached;
    const pending = this.robotsPending.get(origin) ?? this.readRobots(origin);
    this.robotsPending.set(origin, pending);
    try {
      return await pending;
    } finally {
      this.robotsPending.delete(origin);
    }
  }

  private async readRobots(origin: string): Promise<RobotsRule> {
    let rule: RobotsRule;
    try {
      const res = await this.get(`${origin}/robots.txt`);
      if (res.status >= 400 && res.status < 500) rule = { at: this.now(), allows: () => true };
      else if (!res.ok) rule = { at: this.now(), allows: () => false, unreadable: `HTTP ${res.status}` };
      else {
        const rules = robotsParser(`${origin}/robots.txt`, (res.body ?? Buffer.alloc(0)).toString('utf8'));
        rule = { at: this.now(), allows: (u) => rules.isAllowed(u, this.limits.userAgent) !== false };
      }
    } catch (e) {
      if (!(e instanceof FetchError) || e.reason === 'forbidden-address') throw e;
      rule = { at: this.now(), allows: () => false, unreadable: e.message };
    }
    this.robots.set(origin, rule);
    return rule;
  }
}

interface RobotsRule {
  at: number;
  allows: (url: string) => boolean;
  unreadable?: string;
}
