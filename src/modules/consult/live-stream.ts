import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Entry } from '../../contract/consult.js';
import type { LiveMessage } from './interview-live.js';

// One server-sent event stream of an interview's 文字直播. The stream listens to the live channel
// before it reads the database, holding what it hears until the replay is written, so an entry
// committed in between is neither lost nor sent twice (ids only go up). A browser reconnecting sends
// Last-Event-ID and gets the rest from the database; a comment line every 25 s keeps proxies from
// closing an idle connection.

const HEARTBEAT_MS = 25_000;

export function openLiveStream(
  req: FastifyRequest,
  reply: FastifyReply,
  o: {
    after: number;
    status: string;
    subscribe: (listener: (m: LiveMessage) => void) => () => void;
    replay: (after: number) => Promise<Entry[]>;
    present: (e: Entry) => unknown;
  },
): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
    connection: 'keep-alive',
  });
  res.write('retry: 3000\n\n');
  let last = o.after;
  let replaying = true;
  const held: LiveMessage[] = [];
  const write = (m: LiveMessage) => {
    if (res.writableEnded) return;
    if (m.type === 'status') {
      res.write(`event: status\ndata: ${JSON.stringify({ status: m.status })}\n\n`);
      return;
    }
    if (m.entry.id <= last) return;
    last = m.entry.id;
    res.write(`id: ${m.entry.id}\nevent: entry\ndata: ${JSON.stringify(o.present(m.entry))}\n\n`);
  };
  const unsubscribe = o.subscribe((m) => (replaying ? held.push(m) : write(m)));
  const heartbeat = setInterval(() => res.write(': 心跳\n\n'), HEARTBEAT_MS);
  const close = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.raw.on('close', close);
  o.replay(o.after).then(
    (entries) => {
      for (const entry of entries) write({ type: 'entry', entry });
      replaying = false;
      for (const m of held.splice(0)) write(m);
      if (o.status === 'archived') write({ type: 'status', status: 'archived' });
    },
    (error: unknown) => {
      req.log.error({ err: error }, 'live stream replay failed');
      close();
      res.end();
    },
  );
}
