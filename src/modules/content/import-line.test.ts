import { describe, expect, it } from 'vitest';
import { legacyKeyHash } from '../../platform/db/migrations/0008_imports.js';
import { ImportLine, impossibleDate, impossibleTime, importKey, normalizeSourceUrl } from './import-line.js';

const base = {
  column: '新闻中心/涟水新闻',
  unit: '新闻中心',
  title: '标题',
  published_at: '2019-01-15T09:30:00+08:00',
};

describe('import line keys', () => {
  it('keys a line without id or address exactly as migration 0008 keyed the items imported before', () => {
    const line = ImportLine.parse(base);
    const k = importKey(3, line, 17, '2019-01-15T01:30:00.000Z');
    expect(k.kind).toBe('line');
    expect(k.hash).toBe(legacyKeyHash(3, 17, '标题', '2019-01-15T01:30:00.000Z'));
  });

  it('prefers the id, then the address; numbers and strings name the same id; sites keep their own keys', () => {
    const byId = importKey(1, ImportLine.parse({ ...base, id: 1002, source_url: 'http://a/x' }), 5, 't');
    expect(byId).toMatchObject({ kind: 'id', source: '1002' });
    expect(importKey(1, ImportLine.parse({ ...base, id: '1002' }), 9, 'u').hash).toBe(byId.hash);
    expect(importKey(2, ImportLine.parse({ ...base, id: '1002' }), 5, 't').hash).not.toBe(byId.hash);
    expect(importKey(1, ImportLine.parse({ ...base, source_url: 'http://a/x' }), 5, 't').kind).toBe('url');
  });

  it('compares addresses as the web does', () => {
    expect(normalizeSourceUrl(' HTTP://Old.Gov.CN:80/art/1.html#top ')).toBe('http://old.gov.cn/art/1.html');
    expect(normalizeSourceUrl('/art/2019/1/16/art_1002.html')).toBe('/art/2019/1/16/art_1002.html');
  });
});

describe('dates that do not exist', () => {
  it('knows the length of every month, leap years included', () => {
    expect(impossibleDate('2024-02-29')).toBeNull();
    expect(impossibleDate('2000-02-29')).toBeNull();
    expect(impossibleDate('1900-02-29')).toBe('日期“1900-02-29”不存在（1900 年 2 月只有 28 天）');
    expect(impossibleDate('2025-02-30')).toBe('日期“2025-02-30”不存在（2025 年 2 月只有 28 天）');
    expect(impossibleDate('2025-06-31')).toContain('6 月只有 30 天');
    expect(impossibleDate('2025-12-31')).toBeNull();
    expect(impossibleDate('2025-00-10')).toBe('月份须为 01–12（“2025-00-10”）');
    expect(impossibleDate('2025-01-00')).toContain('不存在');
  });

  it('checks the clock and the zone of a time', () => {
    expect(impossibleTime('2025-03-01T23:59:59+08:00')).toBeNull();
    expect(impossibleTime('2025-03-01T23:59:60+08:00')).toContain('不存在');
    expect(impossibleTime('2025-03-01T12:00:00-12:00')).toBeNull();
    expect(impossibleTime('2025-03-01T12:00:00+14:00')).toBeNull();
    expect(impossibleTime('2025-03-01T12:00:00-13:00')).toContain('时区');
    expect(impossibleTime('2025-03-01T12:00:00+08:60')).toContain('时区');
  });
});
