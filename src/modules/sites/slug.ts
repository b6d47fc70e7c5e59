import { pinyin } from 'pinyin-pro';

/**
 * A URL slug from a Chinese name: the pinyin initials, as Chinese government sites use them
 * (新闻中心 → xwzx, 12345办公室 → 12345bgs).
 */
export function slugify(name: string): string {
  const parts = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' });
  const slug = parts
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 40);
  return slug || 'lm';
}
