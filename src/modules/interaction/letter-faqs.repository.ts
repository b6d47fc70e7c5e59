import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { chunk, type Executor, insertReturningId } from '../../platform/db/helpers.js';
import type { DB } from '../../platform/db/tables.js';

// Kysely-only queries of 刊登共性问题: the questions and the letters each was made from.

export type LetterFaq = Selectable<DB['letter_faqs']>;

export class LetterFaqsRepository {
  constructor(readonly db: Kysely<DB>) {}

  insert(row: Insertable<DB['letter_faqs']>, db: Executor): Promise<number> {
    return insertReturningId(db, 'letter_faqs', row);
  }

  async update(id: number, patch: Updateable<DB['letter_faqs']>, db: Executor): Promise<void> {
    await db.updateTable('letter_faqs').set(patch).where('id', '=', id).execute();
  }

  faq(id: number, db: Executor = this.db): Promise<LetterFaq | undefined> {
    return db.selectFrom('letter_faqs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  all(db: Executor = this.db): Promise<LetterFaq[]> {
    return db.selectFrom('letter_faqs').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  }

  published(limit: number, offset: number, db: Executor = this.db): Promise<LetterFaq[]> {
    return db
      .selectFrom('letter_faqs')
      .selectAll()
      .where('published_at', 'is not', null)
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  async publishedCount(db: Executor = this.db): Promise<number> {
    const { n } = await db
      .selectFrom('letter_faqs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('published_at', 'is not', null)
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  async replaceLinks(faqId: number, letterIds: readonly number[], db: Executor): Promise<void> {
    await db.deleteFrom('letter_faq_links').where('faq_id', '=', faqId).execute();
    for (const ids of chunk([...letterIds]))
      await db
        .insertInto('letter_faq_links')
        .values(ids.map((letter_id) => ({ faq_id: faqId, letter_id })))
        .execute();
  }

  /** The letters behind each of the questions (title, code, state, whether published). */
  async linkedLetters(faqIds: readonly number[], db: Executor = this.db) {
    const out: Array<{
      faq_id: number;
      id: number;
      title: string;
      query_code: string;
      status: string;
      published_at: string | null;
      public_allowed: number;
    }> = [];
    for (const ids of chunk([...faqIds]))
      out.push(
        ...(await db
          .selectFrom('letter_faq_links as l')
          .innerJoin('letters', 'letters.id', 'l.letter_id')
          .select([
            'l.faq_id',
            'letters.id',
            'letters.title',
            'letters.query_code',
            'letters.status',
            'letters.published_at',
            'letters.public_allowed',
          ])
          .where('l.faq_id', 'in', ids)
          .orderBy('letters.received_at')
          .execute()),
      );
    return out;
  }

  async lettersByIds(ids: readonly number[], db: Executor = this.db) {
    const out: Array<{ id: number; status: string }> = [];
    for (const part of chunk([...ids]))
      out.push(...(await db.selectFrom('letters').select(['id', 'status']).where('id', 'in', part).execute()));
    return out;
  }

  async columnExists(id: number, db: Executor = this.db): Promise<boolean> {
    return (await db.selectFrom('columns').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }
}
