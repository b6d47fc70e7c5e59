import { describe, expect, it } from 'vitest';
import { consultationState, paragraphLabel, paragraphsOf } from './consult-rules.js';

const period = { starts_at: '2026-12-01T00:00:00.000Z', ends_at: '2026-12-31T00:00:00.000Z' };
const at = (iso: string) => new Date(iso);

describe('a consultation’s state', () => {
  it('follows its text article until the text is online', () => {
    const c = (article_status: string) =>
      consultationState({ ...period, article_status, feedback_status: null }, at('2026-12-05T00:00:00Z'));
    expect(c('draft')).toBe('draft');
    expect(c('returned')).toBe('draft');
    expect(c('in_review')).toBe('in_review');
    expect(c('approved')).toBe('in_review');
    expect(c('scheduled')).toBe('in_review');
    expect(c('offline')).toBe('withdrawn');
    expect(c('withdrawn')).toBe('withdrawn');
  });

  it('follows the period once online, the end instant excluded', () => {
    const c = (now: string) =>
      consultationState({ ...period, article_status: 'published', feedback_status: null }, at(now));
    expect(c('2026-11-30T23:59:59.999Z')).toBe('upcoming');
    expect(c('2026-12-01T00:00:00.000Z')).toBe('open');
    expect(c('2026-12-30T23:59:59.999Z')).toBe('open');
    expect(c('2026-12-31T00:00:00.000Z')).toBe('closed');
  });

  it('is 已反馈 only when both the text and the feedback are online', () => {
    const now = at('2027-01-05T00:00:00Z');
    expect(consultationState({ ...period, article_status: 'published', feedback_status: 'published' }, now)).toBe(
      'feedback',
    );
    expect(consultationState({ ...period, article_status: 'published', feedback_status: 'in_review' }, now)).toBe(
      'closed',
    );
    expect(consultationState({ ...period, article_status: 'offline', feedback_status: 'published' }, now)).toBe(
      'withdrawn',
    );
  });
});

describe('paragraphs', () => {
  it('are the non-empty blocks of the body, labelled by their opening words', () => {
    const ps = paragraphsOf('<h2>总则</h2><p>第一条&nbsp;为了规范管理。</p><p> </p><ul><li>甲</li><li>乙</li></ul>');
    expect(ps).toEqual(['总则', '第一条 为了规范管理。', '甲', '乙']);
    expect(paragraphLabel(2, '一二三四五六七八九十一二三四五六七八九十一二三四五六')).toBe(
      '第2段：一二三四五六七八九十一二三四五六七八九十一二三四…',
    );
    expect(paragraphLabel(1, '短句')).toBe('第1段：短句');
  });
});
