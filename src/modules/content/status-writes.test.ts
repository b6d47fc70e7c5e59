import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every status change goes through the life-cycle table (article-status.ts). Three locks hold that:
// ArticlesRepository is the only code that writes the articles table (this scan); its ordinary update
// cannot carry a status, by type and at run time, and setStatus/insert take only what the table handed
// out (status-writes.db.test.ts shows both refusing on a real database).

const SRC = path.join(import.meta.dirname, '..', '..');
const WRITES =
  /updateTable\(\s*['"`]articles['"`]|insertInto\(\s*['"`]articles['"`]|\b(update|insert\s+into)\s+["`]?articles\b/i;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });
}

describe('who writes an article’s status', () => {
  it('the scan sees a write where there is one', () => {
    expect(WRITES.test("await trx.updateTable('articles').set({ status: 'published' })")).toBe(true);
    expect(WRITES.test('sql`UPDATE articles SET status = ?`')).toBe(true);
    expect(WRITES.test("db.insertInto('articles').values(row)")).toBe(true);
    expect(WRITES.test("db.selectFrom('articles')")).toBe(false);
  });

  it('nothing but ArticlesRepository writes the articles table', () => {
    const writers = sources(SRC)
      .filter((f) => WRITES.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f).split(path.sep).join('/'));
    expect(writers).toEqual(['modules/content/articles.repository.ts']);
  });
});
