import pg from 'pg';
import { createClient } from 'redis';
import type { Logger } from 'pino';
import { PG_CHANNEL, type Waker } from './bus.js';

// The early wake-ups of the cluster bus (bus.ts). Both carry only the sender's id; the messages
// themselves are always read from the database, so a wake-up lost while a connection is down costs one
// polling interval and nothing else.

const RECONNECT_MS = 2000;
const REDIS_CHANNEL = 'govportal:bus';

/** PostgreSQL LISTEN on a connection of its own (a pooled one would be handed to other queries). */
export class PgNotifyWaker implements Waker {
  readonly name = 'postgres-notify';
  private client: pg.Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly origin: string,
    private readonly log: Pick<Logger, 'warn'>,
  ) {}

  async start(onWake: () => void): Promise<void> {
    this.stopped = false;
    const client = new pg.Client({ connectionString: this.url });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.log.warn({ err: error }, 'LISTEN connection lost; reconnecting (polling meanwhile)');
      this.retry = setTimeout(() => void this.start(onWake).catch(lost), RECONNECT_MS);
      this.retry.unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (n) => {
      if (n.channel === PG_CHANNEL && n.payload !== this.origin) onWake();
    });
    this.client = client;
    await client.connect();
    await client.query(`listen ${PG_CHANNEL}`);
    // Whatever was sent while not listening is read now.
    onWake();
  }

  async wakeOthers(): Promise<void> {
    // The publisher already sent NOTIFY through the pool, with the row (bus.ts): nothing more to do.
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const c = this.client;
    this.client = null;
    await c?.end();
  }
}

/** Redis pub/sub (REDIS_URL): one connection to publish, one subscribed (a subscribed one can do nothing else). */
export class RedisWaker implements Waker {
  readonly name = 'redis';
  private publisher: ReturnType<typeof createClient> | null = null;
  private subscriber: ReturnType<typeof createClient> | null = null;

  constructor(
    private readonly url: string,
    private readonly origin: string,
    private readonly log: Pick<Logger, 'warn'>,
  ) {}

  async start(onWake: () => void): Promise<void> {
    const publisher = createClient({ url: this.url });
    const subscriber = publisher.duplicate();
    // node-redis reconnects by itself; an unheard 'error' event would end the process.
    for (const c of [publisher, subscriber])
      c.on('error', (error: Error) => this.log.warn({ err: error }, 'redis error'));
    this.publisher = publisher;
    this.subscriber = subscriber;
    const ready = (async () => {
      await Promise.all([publisher.connect(), subscriber.connect()]);
      await subscriber.subscribe(REDIS_CHANNEL, (message) => {
        if (message !== this.origin) onWake();
      });
    })();
    ready.catch((error: unknown) => this.log.warn({ err: error }, 'redis did not connect; polling only'));
    // A Redis that is down must not keep the server from starting: it keeps connecting in the background.
    await Promise.race([ready, new Promise((r) => setTimeout(r, 5000).unref())]);
  }

  async wakeOthers(): Promise<void> {
    if (this.publisher?.isReady) await this.publisher.publish(REDIS_CHANNEL, this.origin);
  }

  async stop(): Promise<void> {
    for (const c of [this.subscriber, this.publisher]) if (c?.isOpen) await c.quit().catch(() => undefined);
    this.publisher = this.subscriber = null;
  }
}
