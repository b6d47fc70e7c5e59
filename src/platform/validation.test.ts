import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { patchOf } from './validation.js';

describe('patchOf', () => {
  const Input = z.object({
    title: z.string(),
    body: z.string().default(''),
    tags: z.array(z.string()).default([]),
    top: z.boolean().default(false),
  });
  it('leaves absent fields absent (zod 4 .partial() would fill the defaults)', () => {
    expect(Input.partial().parse({ title: 'x' })).toEqual({ title: 'x', body: '', tags: [], top: false });
    expect(patchOf(Input).parse({ title: 'x' })).toEqual({ title: 'x' });
  });
  it('still validates the fields that are present', () => {
    expect(patchOf(Input).safeParse({ top: 'yes' }).success).toBe(false);
    expect(patchOf(Input).parse({ body: 'b' })).toEqual({ body: 'b' });
  });
});
