import { AppError } from '../errors.js';
import { normalisePhone } from './query-code.js';
import { type AnyKysely, formsDb } from './tables.js';

// Addresses and phones the office has blocked (abuse, floods). A blocked writer is told plainly that
// the form will not take their submission and whom to call instead; the reason stays internal.

export type BlockKind = 'address' | 'phone';

export interface BlacklistEntry {
  id: number;
  kind: BlockKind;
  value: string;
  reason: string;
  createdBy: number | null;
  createdAt: string;
  expiresAt: string | null;
}

const normalise = (kind: BlockKind, value: string) =>
  (kind === 'phone' ? normalisePhone(value) : value.trim()).slice(0, 128);

export async function isBlocked(
  db: AnyKysely,
  input: { address: string; phone?: string | null },
  now: Date = new Date(),
): Promise<BlockKind | null> {
  const pairs: Array<[BlockKind, string]> = [['address', normalise('address', input.address)]];
  if (input.phone) pairs.push(['phone', normalise('phone', input.phone)]);
  for (const [kind, value] of pairs) {
    const row = await formsDb(db)
      .selectFrom('public_form_blacklist')
      .select('expires_at')
      .where('kind', '=', kind)
      .where('value', '=', value)
      .executeTakeFirst();
    if (row && (row.expires_at === null || row.expires_at > now.toISOString())) return kind;
  }
  return null;
}

/** Refuses a blocked address or phone with FORBIDDEN and a message that says what to do instead. */
export async function refuseBlocked(
  db: AnyKysely,
  input: { address: string; phone?: string | null },
  now: Date = new Date(),
): Promise<void> {
  const kind = await isBlocked(db, input, now);
  if (kind)
    throw new AppError(
      'FORBIDDEN',
      `${kind === 'phone' ? '该手机号码' : '您所在的网络地址'}已被暂停在线提交，如有诉求请拨打 12345 政务服务便民热线。`,
      { blocked: kind },
    );
}

export async function addToBlacklist(
  db: AnyKysely,
  entry: { kind: BlockKind; value: string; reason: string; createdBy?: number | null; expiresAt?: string | null },
  now: Date = new Date(),
): Promise<void> {
  const value = normalise(entry.kind, entry.value);
  const t = formsDb(db);
  await t.deleteFrom('public_form_blacklist').where('kind', '=', entry.kind).where('value', '=', value).execute();
  await t
    .insertInto('public_form_blacklist')
    .values({
      kind: entry.kind,
      value,
      reason: entry.reason.slice(0, 500),
      created_by: entry.createdBy ?? null,
      created_at: now.toISOString(),
      expires_at: entry.expiresAt ?? null,
    })
    .execute();
}

export async function removeFromBlacklist(db: AnyKysely, kind: BlockKind, value: string): Promise<boolean> {
  const r = await formsDb(db)
    .deleteFrom('public_form_blacklist')
    .where('kind', '=', kind)
    .where('value', '=', normalise(kind, value))
    .executeTakeFirst();
  return Number(r.numDeletedRows ?? 0) > 0;
}

export async function listBlacklist(db: AnyKysely): Promise<BlacklistEntry[]> {
  const rows = await formsDb(db)
    .selectFrom('public_form_blacklist')
    .selectAll()
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind as BlockKind,
    value: r.value,
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  }));
}

/** Removes one entry by its id; returns what was removed (for the audit record), or null. */
export async function removeBlacklistEntry(db: AnyKysely, id: number): Promise<BlacklistEntry | null> {
  const t = formsDb(db);
  const r = await t.selectFrom('public_form_blacklist').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  await t.deleteFrom('public_form_blacklist').where('id', '=', id).execute();
  return {
    id: Number(r.id),
    kind: r.kind as BlockKind,
    value: r.value,
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  };
}
