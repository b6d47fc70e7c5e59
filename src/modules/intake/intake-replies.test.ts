import { describe, expect, it } from 'vitest';
import { receiptOf } from './intake-replies.js';

// The receipt tells the sender when the mail came in the way they read a clock: Beijing time.
describe('receiptOf', () => {
  it('gives the time of receipt in Asia/Shanghai, not UTC', () => {
    const r = receiptOf({ subject: '通知', state: 'drafted', reason: null, received_at: '2026-11-26T16:05:09.000Z' });
    expect(r.text).toContain('2026-11-27 00:05');
    expect(r.text).not.toContain('UTC');
  });
});
