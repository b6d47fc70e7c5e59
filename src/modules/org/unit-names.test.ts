import { describe, expect, it } from 'vitest';
import { UnitNameIndex, normalizeUnitName, splitParenthetical } from './unit-names.js';

describe('unit names', () => {
  it('normalise prefixes, brackets, quotes and spaces', () => {
    expect(normalizeUnitName('涟水县 财政局')).toBe('财政局');
    expect(normalizeUnitName('县政府办')).toBe('政府办');
    expect(normalizeUnitName('“三进三帮”活动领导小组办公室')).toBe('三进三帮活动领导小组办公室');
    expect(splitParenthetical('民政局（双拥办）')).toEqual({ main: '民政局', inner: '双拥办' });
  });

  it('resolve aliases and refuse ambiguous names', () => {
    const idx = new UnitNameIndex([
      { unitId: 1, name: '涟水县市场监督管理局' },
      { unitId: 1, name: '市场监管局' },
      { unitId: 1, name: '市场局' },
      { unitId: 2, name: '民政局' },
      { unitId: 3, name: '办公室' },
      { unitId: 4, name: '办公室' },
    ]);
    expect(idx.resolve('市场监督管理局')).toBe(1);
    expect(idx.resolve('县市场局')).toBe(1);
    expect(idx.resolve('民政局（双拥办）')).toBe(2);
    expect(idx.resolve('办公室')).toBeNull();
    expect(idx.resolve('不存在')).toBeNull();
  });
});
