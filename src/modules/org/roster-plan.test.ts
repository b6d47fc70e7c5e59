import { describe, expect, it } from 'vitest';
import type { PersonView } from './personnel.repository.js';
import type { RosterBlock, RosterPerson } from './roster-file.js';
import { planRoster, type UnitRef } from './roster-plan.js';

const units = new Map<number, UnitRef>([
  [1, { id: 1, name: '涟水县财政局', shortName: '财政局', active: true }],
  [2, { id: 2, name: '涟水县教育局', shortName: '教育局', active: true }],
]);
const resolve = (n: string) => (n.includes('财政') ? 1 : n.includes('教育') ? 2 : null);
const person = (
  row: number,
  role: 'leader' | 'officer',
  name: string,
  over: Partial<RosterPerson> = {},
): RosterPerson => ({
  row,
  role,
  name,
  post: null,
  phone: null,
  mobile: null,
  email: null,
  ...over,
});
const registered = (id: number, unitId: number, role: 'leader' | 'officer', name: string): PersonView => ({
  id,
  unitId,
  role,
  name,
  post: '科员',
  phone: '0517-80000000',
  mobile: null,
  email: null,
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('planning a roster import', () => {
  it('merges a unit written twice, keeps a blank cell from erasing, and warns on differing details', () => {
    const blocks: RosterBlock[] = [
      { unitName: '县财政局', rows: [4], people: [person(4, 'leader', '王建国', { mobile: '13905170001' })] },
      {
        unitName: '财政局',
        rows: [9],
        people: [person(9, 'leader', '王 建国', { mobile: '13905170009' }), person(9, 'officer', '李娟')],
      },
    ];
    const p = planRoster(blocks, resolve, units, [registered(7, 1, 'officer', '李娟')], new Map());
    expect(p.units).toEqual([{ unitId: 1, unitName: '财政局', written: ['县财政局', '财政局'], rows: [4, 9] }]);
    expect(p.warnings.map((w) => w.message)).toEqual([
      '“财政局”与第 4 行的“县财政局”是同一单位，两处人员合并导入',
      '分管领导“王 建国”的手机与第 4 行不同（“13905170009”/“13905170001”），采用第 4 行',
    ]);
    expect(p.counts).toEqual({ created: 1, updated: 0, unchanged: 1, removed: 0 });
    // 李娟's registered post and phone stay: the file left them blank.
    expect(p.changes).toHaveLength(1);
    expect(p.missing).toEqual([{ unitId: 2, unitName: '教育局', missing: '分管领导、信息员' }]);
  });

  it('leaves a unit listed without anybody as it was', () => {
    const p = planRoster(
      [{ unitName: '教育局', rows: [5], people: [] }],
      resolve,
      units,
      [registered(3, 2, 'officer', '周晓燕')],
      new Map([[2, { leaders: 0, minOfficers: 1, note: '兼管' }]]),
    );
    expect(p.changes).toEqual([]);
    expect(p.warnings[0]!.message).toBe('名单中该单位没有填写任何人员，保留系统中原有的登记');
    expect(p.missing.map((m) => m.unitName)).toEqual(['财政局']);
  });
});
