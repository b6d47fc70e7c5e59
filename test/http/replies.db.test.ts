import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';

// Every route of the admin API declares the schema of its replies (src/contract/), so the OpenAPI
// document describes them, the server checks them, and the admin app imports the types instead of
// copying them. A new route without a reply schema fails here.

type Operation = { responses?: Record<string, { description?: string; content?: unknown }> };

let t: TestApp;
let operations: Array<{ key: string; op: Operation }>;

beforeAll(async () => {
  t = await createTestApp();
  const doc = (await t.server.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, Operation>>;
  };
  operations = Object.entries(doc.paths).flatMap(([p, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${p}`, op })),
  );
});
afterAll(() => t.close());

/** fastify-swagger writes "Default Response" for a route that declares no reply. */
const declared = (op: Operation) =>
  Object.entries(op.responses ?? {}).some(
    ([status, r]) => r.content !== undefined || (status === '204' && r.description !== 'Default Response'),
  );

describe('reply schemas', () => {
  it('lists the API', () => {
    expect(operations.length).toBeGreaterThan(100);
  });

  it('every route declares its replies', () => {
    const missing = operations.filter((o) => !declared(o.op)).map((o) => o.key);
    expect(missing, '这些接口没有声明返回结构（src/contract/）').toEqual([]);
  });
});
