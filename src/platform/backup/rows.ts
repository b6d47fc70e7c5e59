// One row of a table part is one line: a JSON array of the values in the manifest's column order. The
// columns hold numbers, text and NULL (timestamps are ISO text, see schema-builder.ts), which JSON keeps
// exactly; a driver's Date, bigint or binary value is written in a form that reads back the same.

export function encodeValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Buffer.isBuffer(value)) return { $base64: value.toString('base64') };
  return value;
}

export function decodeValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && '$base64' in value)
    return Buffer.from(String((value as { $base64: unknown }).$base64), 'base64');
  return value;
}

/** Tables whose rows are not kept: sign-in sessions (a restored server asks everyone to sign in again). */
export const NOT_BACKED_UP = new Set(['sessions']);

/** Tables the migrations themselves fill (the audit chain's head): they do not make a database "not empty". */
export const FILLED_BY_MIGRATIONS = new Set(['audit_chain']);
