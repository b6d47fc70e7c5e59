import { parentPort } from 'node:worker_threads';

/** The worker side of IsolatedWorker: answer each job with the handler's result or its error. */
export function serveIsolated<I, O>(handler: (input: I) => Promise<O>): void {
  if (!parentPort) throw new Error('serveIsolated runs only inside a worker thread');
  const port = parentPort;
  port.on('message', async (m: { id: number; input: I }) => {
    try {
      port.postMessage({ id: m.id, ok: true, value: await handler(m.input) });
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      port.postMessage({ id: m.id, ok: false, error: { name: err.name, message: err.message } });
    }
  });
}
