import { EventEmitter } from 'node:events';
import type { Entry, InterviewStatus } from '../../contract/consult.js';

// The 文字直播 channel of each interview: the service publishes an entry after its transaction
// committed, every open event stream of that interview hears it. A browser that lost the connection
// sends Last-Event-ID and the stream replays the rest from the database, so nothing is missed. With
// several processes behind one address, `relay` passes each message to the others (the cluster bus,
// wired in services.ts), whose streams hear it through `deliver` (docs/consult.md).

export type LiveMessage = { type: 'entry'; entry: Entry } | { type: 'status'; status: InterviewStatus };

export class LiveChannel {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open browser is a listener; the default warning at 10 is meant for leaks, not audiences.
    this.emitter.setMaxListeners(0);
  }

  /** Set once by the composition root: hands a message to the other processes (errors are theirs to log). */
  relay: ((interviewId: number, message: LiveMessage) => void) | null = null;

  publish(interviewId: number, message: LiveMessage): void {
    this.deliver(interviewId, message);
    this.relay?.(interviewId, message);
  }

  /** A message to this process's streams only (one published here, or by another process). */
  deliver(interviewId: number, message: LiveMessage): void {
    this.emitter.emit(String(interviewId), message);
  }

  subscribe(interviewId: number, listener: (message: LiveMessage) => void): () => void {
    const key = String(interviewId);
    this.emitter.on(key, listener);
    return () => this.emitter.off(key, listener);
  }

  listeners(interviewId: number): number {
    return this.emitter.listenerCount(String(interviewId));
  }
}
