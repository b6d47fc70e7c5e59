import { describe, expect, it } from 'vitest';
import { unreachableIndicator } from './indicators.js';
import { DEFAULT_SETTINGS } from './params.js';

const facts = { probeUrl: 'https://www.lianshui.gov.cn/', month: '2026-11', probes: 100, failures: 0, shortDays: [] };

describe('站点无法访问', () => {
  it('is vetoed at the 5% line itself and warned above 3%', () => {
    const at = (failures: number) => unreachableIndicator(DEFAULT_SETTINGS, { ...facts, failures }).level;
    expect([at(0), at(3), at(4), at(5), at(60)]).toEqual(['ok', 'ok', 'warning', 'veto', 'veto']);
  });

  it('warns when a site with an address has not been probed this month, instead of calling it fine', () => {
    const i = unreachableIndicator(DEFAULT_SETTINGS, { ...facts, probes: 0 });
    expect(i).toMatchObject({ level: 'warning', value: null, applicable: true });
    expect(i.explanation).toContain('2026 年 11 月还没有监测记录');
  });

  it('names the first short days and counts the rest', () => {
    const shortDays = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05'].map((day) => ({ day, probes: 12 }));
    const i = unreachableIndicator(DEFAULT_SETTINGS, { ...facts, shortDays });
    expect(i.explanation).toContain(
      '11-02 只监测了 12 次、11-03 只监测了 12 次、11-04 只监测了 12 次 等 4 天（每天至少 20 次）',
    );
  });
});
