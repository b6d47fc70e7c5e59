import { describe, expect, it } from 'vitest';
import type { AuditAction } from '../../contract/audit.js';
import { systemActor } from '../../platform/auth/actor.js';
import { etagOf, PageCache, type CachedPage } from './page-cache.js';

const page = (text: string): CachedPage => {
  const body = Buffer.from(text);
  return { status: 200, type: 'text/html; charset=utf-8', body, etag: etagOf(body) };
};
const event = (type: AuditAction, siteId?: number) => ({
  type,
  actor: systemActor(),
  entityType: 'x',
  entityId: 1,
  summary: '',
  ...(siteId !== undefined && { siteId }),
});

describe('PageCache', () => {
  it('is off with a TTL of 0', async () => {
    const cache = new PageCache({ ttlSeconds: 0 });
    cache.set(1, 'a', page('x'), cache.stamp());
    expect(cache.get(1, 'a')).toBeUndefined();
    let renders = 0;
    const render = async () => {
      renders += 1;
      return { page: page('x'), cacheable: true };
    };
    await cache.page(1, 'a', render);
    await cache.page(1, 'a', render);
    expect(renders).toBe(2);
  });

  it('expires entries after the TTL', () => {
    let now = 0;
    const cache = new PageCache({ ttlSeconds: 10, now: () => now });
    cache.set(1, 'a', page('x'), cache.stamp());
    now = 9_999;
    expect(cache.get(1, 'a')?.body.toString()).toBe('x');
    now = 10_000;
    expect(cache.get(1, 'a')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond its entry and byte limits', () => {
    const cache = new PageCache({ ttlSeconds: 60, maxEntries: 2, maxBytes: 1000 });
    cache.set(1, 'a', page('a'), cache.stamp());
    cache.set(1, 'b', page('b'), cache.stamp());
    cache.get(1, 'a'); // a is now more recent than b
    cache.set(1, 'c', page('c'), cache.stamp());
    expect(cache.get(1, 'b')).toBeUndefined();
    expect(cache.get(1, 'a')).toBeDefined();
    const bytes = new PageCache({ ttlSeconds: 60, maxBytes: 800 });
    bytes.set(1, 'a', page('x'.repeat(90)), bytes.stamp());
    for (let i = 0; i < 20; i++) bytes.set(1, `k${i}`, page('y'.repeat(90)), bytes.stamp());
    expect(bytes.size.bytes).toBeLessThanOrEqual(800);
    expect(bytes.get(1, 'a')).toBeUndefined();
    // A page larger than an eighth of the budget is never stored.
    bytes.set(1, 'huge', page('z'.repeat(200)), bytes.stamp());
    expect(bytes.get(1, 'huge')).toBeUndefined();
  });

  it('clears one site on its article and column events, everything on site, unit and import events', () => {
    const cache = new PageCache({ ttlSeconds: 60 });
    const fill = () => {
      cache.set(1, 'a', page('1'), cache.stamp());
      cache.set(2, 'a', page('2'), cache.stamp());
    };
    fill();
    cache.onEvent(event('article.published', 1));
    expect(cache.get(1, 'a')).toBeUndefined();
    expect(cache.get(2, 'a')).toBeDefined();
    fill();
    cache.onEvent(event('column.moved', 2));
    expect([cache.get(1, 'a'), cache.get(2, 'a')].map(Boolean)).toEqual([true, false]);
    for (const type of ['site.updated', 'unit.updated', 'import.articles'] as const) {
      fill();
      cache.onEvent(event(type, type === 'site.updated' ? 1 : undefined));
      expect([cache.get(1, 'a'), cache.get(2, 'a')].map(Boolean), type).toEqual([false, false]);
    }
    fill();
    cache.onEvent(event('auth.login'));
    cache.onEvent(event('attachment.uploaded'));
    expect([cache.get(1, 'a'), cache.get(2, 'a')].map(Boolean)).toEqual([true, true]);
  });

  it('refuses a render that started before an invalidation of its site', () => {
    const cache = new PageCache({ ttlSeconds: 60 });
    const stamp = cache.stamp();
    cache.invalidateSite(1);
    cache.set(1, 'a', page('stale'), stamp);
    cache.set(2, 'a', page('other site'), stamp);
    expect(cache.get(1, 'a')).toBeUndefined();
    expect(cache.get(2, 'a')).toBeDefined();
  });

  it('runs one render for concurrent misses of the same page', async () => {
    const cache = new PageCache({ ttlSeconds: 60 });
    let renders = 0;
    const render = async () => {
      renders += 1;
      await new Promise((r) => setTimeout(r, 5));
      return { page: page('x'), cacheable: true };
    };
    await Promise.all([cache.page(1, 'a', render), cache.page(1, 'a', render), cache.page(1, 'a', render)]);
    await cache.page(1, 'a', render);
    expect(renders).toBe(1);
    await cache.page(1, 'nf', async () => ({ page: page('404'), cacheable: false }));
    expect(cache.get(1, 'nf')).toBeUndefined();
  });

  it('remembers derived values under the same rules', async () => {
    const cache = new PageCache({ ttlSeconds: 60 });
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.remember(1, 'ctx:1', load)).toBe(1);
    expect(await cache.remember(1, 'ctx:1', load)).toBe(1);
    cache.onEvent(event('column.created', 2));
    expect(await cache.remember(1, 'ctx:1', load)).toBe(1);
    cache.onEvent(event('column.created', 1));
    expect(await cache.remember(1, 'ctx:1', load)).toBe(2);
    expect(await cache.remember(null, 'host:x', load)).toBe(3);
    cache.onEvent(event('site.updated', 1));
    expect(await cache.remember(null, 'host:x', load)).toBe(4);
  });

  it('a flood of made-up hosts does not push out the site contexts', async () => {
    const cache = new PageCache({ ttlSeconds: 60 });
    let loads = 0;
    await cache.remember(1, 'site:1', async () => ++loads);
    for (let i = 0; i < 1500; i++) await cache.remember(null, `host:h${i}.example`, async () => 1);
    expect(await cache.remember(1, 'site:1', async () => ++loads)).toBe(1);
  });
});
