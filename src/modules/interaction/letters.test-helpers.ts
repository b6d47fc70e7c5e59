import type { Insertable } from 'kysely';
import type { LettersTable } from '../../platform/db/tables.js';
import type { Services } from '../../services.js';

// A letter written straight into the database in the state a test needs (the loop itself is tested
// through HTTP in interaction.db.test.ts).

let seq = 0;

export async function insertLetter(
  s: Services,
  title: string,
  status: string,
  extra: Partial<Insertable<LettersTable>> = {},
  slug = 'xianzhang',
): Promise<number> {
  const box = await s.interaction.repo.mailboxBySlug(slug);
  if (!box) throw new Error(`测试缺少信箱 ${slug}`);
  const at = '2025-09-01T02:00:00.000Z';
  seq += 1;
  return s.interaction.repo.insertLetter(
    {
      mailbox_id: box.id,
      query_code: `TEST-${String(seq).padStart(4, '0')}-${Math.random().toString(36).slice(2, 6)}`,
      category: 'consult',
      status,
      writer_name: '李四',
      writer_phone: '13900001111',
      writer_ip: '10.0.0.1',
      title,
      body: '内容',
      public_allowed: 1,
      received_at: at,
      accept_due: at,
      accepted_at: status === 'received' || status === 'rejected' ? null : at,
      updated_at: at,
      ...extra,
    },
    s.database.db,
  );
}
