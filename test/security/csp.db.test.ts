import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { disclosure, reviewCounty } from '../harness/review.js';

// Issue 9 item 7: the admin app and the 审核表 HTML on the API origin had no Content-Security-Policy.

let t: TestApp;
let w: Awaited<ReturnType<typeof reviewCounty>>;

beforeAll(async () => {
  t = await createTestApp();
  w = await reviewCounty(t);
});
afterAll(() => t?.close());

const directives = (csp: string | undefined) =>
  new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
      .map(([k, ...v]) => [k, v]),
  );

describe('Content-Security-Policy', () => {
  it('runs the admin app’s scripts from this origin only', async () => {
    for (const url of ['/admin/', '/admin/articles/12', '/admin/login']) {
      const r = await t.server.inject({ method: 'GET', url });
      const csp = directives(r.headers['content-security-policy'] as string | undefined);
      expect(csp.get('default-src'), url).toEqual(["'none'"]);
      expect(csp.get('script-src'), url).toEqual(["'self'"]);
      expect(csp.get('object-src'), url).toEqual(["'none'"]);
      expect(csp.get('base-uri'), url).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors'), url).toEqual(["'self'"]);
      // The built page itself must fit the policy: no inline script to allow.
      if (r.statusCode === 200) expect(r.body.match(/<script(?![^>]*\ssrc=)[^>]*>/g) ?? [], url).toEqual([]);
    }
  });

  it('lets the 审核表 on the API origin show itself and nothing else', async () => {
    const id = (
      await w.c.czj!.post('/api/articles', {
        columnId: w.columns.finance.id,
        type: 'document',
        title: '关于<script>alert(1)</script>的通知',
        bodyHtml: '<p>正文</p>',
        disclosure,
      })
    ).json().id as number;
    const r = await w.c.czj!.get(`/api/articles/${id}/review-form`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
    const csp = directives(r.headers['content-security-policy'] as string | undefined);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.has('script-src')).toBe(false);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    // The preview keeps the public site's own policy.
    const preview = await w.c.czj!.get(`/api/articles/${id}/preview`);
    expect(directives(preview.headers['content-security-policy'] as string).get('default-src')).toEqual(["'self'"]);
  });
});
