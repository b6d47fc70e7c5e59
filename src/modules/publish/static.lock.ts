// One writer of a site's static files at a time. In one process this chain of promises is enough;
// with several processes (issue 15 item 4) the lock is to be backed by a database lease: replace
// `inProcessStaticLock()` where the publisher is built (static.module.ts), nothing else changes.

/** Runs `fn` while holding the site's write lock; calls for one site run one after another. */
export type StaticWriteLock = <T>(siteId: number, fn: () => Promise<T>) => Promise<T>;

export function inProcessStaticLock(): StaticWriteLock {
  const tails = new Map<number, Promise<unknown>>();
  return async <T>(siteId: number, fn: () => Promise<T>): Promise<T> => {
    const before = tails.get(siteId) ?? Promise.resolve();
    const run = before.then(fn, fn);
    // The next caller waits for this one however it ends; the map forgets a site once it is idle.
    const tail = run.catch(() => undefined);
    tails.set(siteId, tail);
    try {
      return await run;
    } finally {
      if (tails.get(siteId) === tail) tails.delete(siteId);
    }
  };
}
