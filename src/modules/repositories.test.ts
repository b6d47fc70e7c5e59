import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Queries live in repositories: a reader finds every query of a table in one file, and a service that
// needs data asks for it by name. These modules hold to it; a module joins the list once its services
// are free of SQL.
const MODULES = ['content', 'review', 'notify', 'guarantee', 'publish'];

const QUERY = /\b(selectFrom|updateTable|insertInto|deleteFrom|replaceInto|insertReturningId)\(|\bsql`/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.ts$/.test(e.name) && !/\.test\.ts$|\.test-helpers\.ts$|\.repository\.ts$/.test(e.name) ? [p] : [];
  });
}

describe('queries live in repositories', () => {
  it('the scan recognises a query', () => {
    expect(QUERY.test("await trx.selectFrom('articles').selectAll()")).toBe(true);
    expect(QUERY.test('insertReturningId(db, "attachments", row)')).toBe(true);
    expect(QUERY.test('this.repo.select(trx, id)')).toBe(false);
  });

  for (const m of MODULES) {
    it(`${m}: no query outside its repositories`, () => {
      const dir = path.join(import.meta.dirname, m);
      const offenders = files(dir)
        .filter((f) => QUERY.test(fs.readFileSync(f, 'utf8')))
        .map((f) => path.relative(dir, f));
      expect(offenders).toEqual([]);
    });
  }
});
