import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INDEX_PATTERN,
  formatIndexNumber,
  sequenceKey,
  shanghaiYearMonth,
  validatePattern,
} from './index-number.js';

describe('索引号', () => {
  const parts = { unitCode: '0142768-8', year: 2026, month: 3 };

  it('follows the national form by default: organisation code without hyphen / year - 5 digits', () => {
    expect(formatIndexNumber(DEFAULT_INDEX_PATTERN, parts, 110)).toBe('01427688/2026-00110');
    expect(formatIndexNumber(DEFAULT_INDEX_PATTERN, { ...parts, unitCode: '11441700007280420Y' }, 50)).toBe(
      '11441700007280420Y/2026-00050',
    );
  });

  it('supports local variants such as year+month and other widths', () => {
    expect(formatIndexNumber('{unitCode}/{year}{month}-{seq5}', parts, 13)).toBe('01427688/202603-00013');
    expect(formatIndexNumber('LS-{year}-{seq}', parts, 7)).toBe('LS-2026-7');
  });

  it('counts within everything but the sequence, so each unit and period has its own counter', () => {
    expect(sequenceKey(DEFAULT_INDEX_PATTERN, parts)).toBe('01427688/2026-#');
    expect(sequenceKey(DEFAULT_INDEX_PATTERN, { ...parts, year: 2027 })).not.toBe(
      sequenceKey(DEFAULT_INDEX_PATTERN, parts),
    );
    expect(sequenceKey('{unitCode}/{year}{month}-{seq5}', parts)).toBe('01427688/202603-#');
  });

  it('refuses patterns that could not stay unique', () => {
    expect(validatePattern(DEFAULT_INDEX_PATTERN)).toBeNull();
    expect(validatePattern('{unitCode}/{year}')).toContain('{seq}');
    expect(validatePattern('{unitCode}-{seq}-{seq}-{year}')).toContain('只包含一个');
    expect(validatePattern('{unitCode}/{seq5}')).toContain('{year}');
    expect(validatePattern('{org}/{year}-{seq5}')).toContain('{org}');
  });

  it('takes the year in Asia/Shanghai: 31 December 17:00 UTC is already the next year in Shanghai', () => {
    expect(shanghaiYearMonth('2025-12-31T16:00:00.000Z')).toEqual({ year: 2026, month: 1 });
    expect(shanghaiYearMonth('2025-12-31T15:59:59.999Z')).toEqual({ year: 2025, month: 12 });
  });
});
