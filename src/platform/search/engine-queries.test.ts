import { describe, expect, it } from 'vitest';
import { allQuery, render, restQuery, safe, split, titleQuery } from './mroonga-query.js';
import { tokensRegexp } from './engine-mysql.js';
import { phraseQuery, tsQuery, tsvectorLiteral } from './engine-postgres.js';
import { phraseOf, planQuery } from './tokenize.js';

// The query texts the server engines are given; the database tests (search.db.test.ts) check what they find.

describe('PostgreSQL lexemes', () => {
  it('adds each Han character alone and the triple and quadruple it starts at its pair’s position', () => {
    expect(tsvectorLiteral('涟水县', '')).toBe("'涟水':1A '涟':1A '涟水县':1A '水县':2A '水':2A '县':3A");
    expect(tsvectorLiteral('人力资源', '')).toBe(
      "'人力':1A '人':1A '人力资':1A '人力资源':1A '力资':2A '力':2A '力资源':2A '资源':3A '资':3A '源':4A",
    );
    // The next run's first pair never extends a run across runs (the run ends with its last character).
    expect(tsvectorLiteral('', '县委 书记')).toContain("'县委':2B '县':2B '委':3B '书记':4B '书':4B '记':5B");
  });

  it('asks one lexeme for chunks of one to four Han characters, quadruples side by side beyond', () => {
    expect(phraseQuery(phraseOf('县')!)).toBe("'县'");
    expect(phraseQuery(phraseOf('县委')!)).toBe("'县委'");
    expect(phraseQuery(phraseOf('涟水县')!)).toBe("'涟水县'");
    expect(phraseQuery(phraseOf('涟水县城')!)).toBe("'涟水县城'");
    expect(phraseQuery(phraseOf('涟水县城区')!)).toBe("('涟水县城' <-> '水县城区')");
    expect(phraseQuery(phraseOf('2026年')!)).toBe("('2026' <-> '年')");
    expect(phraseQuery(phraseOf('g2')!)).toBe("'g2':*");
    expect(tsQuery(planQuery('县 g2'))).toBe("('县') & ('g2':*)");
  });
});

describe('MariaDB title tier', () => {
  const holds = (q: string, tokens: string) => new RegExp(tokensRegexp(planQuery(q))).test(tokens);

  it('holds where MATCH in BOOLEAN MODE does: every term, phrases side by side, prefixes at a token’s start', () => {
    expect(holds('县', 'qq县委 qq委')).toBe(true);
    expect(holds('委', 'qq县委 qq委')).toBe(true);
    expect(holds('县委', 'qq县委 qq委')).toBe(true);
    expect(holds('县委', 'qq县委会 qq委')).toBe(false); // a whole token, not its start
    expect(holds('涟水县', 'qq涟水 qq水县 qq县')).toBe(true);
    expect(holds('涟水县', 'qq水县 qq涟水 qq水')).toBe(false); // not side by side
    expect(holds('涟水 公示', 'qq涟水 qq水 qq公示 qq示')).toBe(true);
    expect(holds('涟水 公示', 'qq涟水 qq水')).toBe(false);
    // A phrase ending in a prefix is its two requirements, as InnoDB takes it (no * inside quotes).
    expect(holds('2026年', 'qq2026 qq年度')).toBe(true);
    expect(holds('2026年', 'qq2026 qq月')).toBe(false);
  });
});

describe('MariaDB Mroonga query strings', () => {
  const boost = '>'.repeat(14);
  it('says title, anywhere and the rest in one string, the title weighed 20 times', () => {
    const plan = planQuery('县 涟水县');
    expect(render(titleQuery(plan))).toBe('+("tt涟水 tt水县") +(tt县*)');
    expect(render(allQuery(plan))).toBe(`+(("qq涟水 qq水县" ${boost}("tt涟水 tt水县"))) +((qq县* ${boost}(tt县*)))`);
    expect(render(restQuery(plan))).toBe(
      `+(("qq涟水 qq水县" ${boost}("tt涟水 tt水县"))) -(+("tt涟水 tt水县") +(tt县*)) +((qq县* ${boost}(tt县*)))`,
    );
    expect(split(restQuery(plan))).toBe(render(restQuery(plan)));
  });

  it('splits where Groonga would take a phrase after a prefix wrongly', () => {
    expect(safe('+(qq县*) +("qq涟水 qq水县")')).toBe(false);
    expect(safe('+("qq涟水 qq水县") +(qq县*)')).toBe(true);
    // One chunk ending in a Latin prefix: its title alternative follows the body's prefix.
    const one = split(allQuery(planQuery('涟水g2')));
    expect(one).toEqual({
      or: ['+((+"qq涟水 qq水" +qqg2*))', `+(${boost}((+"tt涟水 tt水" +ttg2*)))`],
    });
    // The title tier of two such chunks: one MATCH each.
    expect(split(titleQuery(planQuery('京沪高速G 高速G2')))).toEqual({
      and: ['+((+"tt京沪 tt沪高 tt高速 tt速" +ttg*))', '+((+"tt高速 tt速" +ttg2*))'],
    });
    // Every string of a split is safe.
    const strings = (s: ReturnType<typeof split>): string[] =>
      typeof s === 'string'
        ? [s]
        : 'not' in s
          ? strings(s.not)
          : 'and' in s
            ? s.and.flatMap(strings)
            : s.or.flatMap(strings);
    for (const q of ['京沪高速G 高速G2', '涟水g2 县', '2026年 g2 涟水县'])
      for (const s of strings(split(restQuery(planQuery(q))))) expect(safe(s), `${q}: ${s}`).toBe(true);
  });
});
