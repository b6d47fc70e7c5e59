import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.service.js';
import { STORY } from './demo-story.js';

// Issue 16 item 3: the board on the demo's first day tells a story. Started on a fixed instant, a
// Monday at 08:30 in Beijing — the hardest morning: the week just opened and today's items can only
// be minutes old — every duty is met but the three planted problems and the one link not yet probed,
// and no 单项否决 indicator is reached.

const START = new Date('2026-11-16T00:30:00Z'); // Monday 2026-11-16 08:30 Asia/Shanghai

let t: TestApp;
let board: {
  summary: { duties: number; met: number; dueSoon: number; breached: number; notInForce: number };
  duties: Array<{
    columnPath: string;
    status: string;
    units: Array<{ unitName: string; status: string }>;
    explanation: string;
  }>;
  sites: Array<{ level: string; indicators: Array<{ key: string; level: string; value: number | null }> }>;
};

beforeAll(async () => {
  t = await createTestApp({ demo: true, guaranteeClock: () => START });
  const admin = await ApiClient.login(t.server, 'admin', DEMO_PASSWORD);
  const r = await admin.get('/api/guarantee/status');
  expect(r.statusCode, r.body).toBe(200);
  board = r.json();
}, 600_000);
afterAll(() => t?.close());

describe('the demo board on its first day', () => {
  it('judges the day the demo started, with every duty in force', () => {
    expect(board.summary.notInForce).toBe(0);
    expect(board.summary.duties).toBe(98 + 52 * 5 + 1); // the list, the 信息公开 tree, the planted link
  });

  it('has every duty met but the three planted problems and one link not yet probed', () => {
    const notMet = board.duties.filter((d) => d.status !== 'met');
    expect(notMet.map((d) => `${d.status} ${d.columnPath}`).sort()).toEqual(
      [
        `breached ${STORY.behind.columnPath}`,
        `breached ${STORY.stale}`,
        `breached ${STORY.deadLink.parentPath}/${STORY.deadLink.name}`,
        // The worker probes real links after the start; until then the board says 尚未检测.
        'due_soon 政务公开/中华人民共和国政府信息公开条例',
      ].sort(),
    );
    expect(board.summary).toMatchObject({ breached: 3, dueSoon: 1, met: board.summary.duties - 4 });
  });

  it('shows one unit behind on its weekly 部门动态, every other unit met', () => {
    const weekly = board.duties.find((d) => d.columnPath === STORY.behind.columnPath)!;
    const behind = weekly.units.filter((u) => u.status !== 'met');
    expect(behind.map((u) => `${u.unitName} ${u.status}`)).toEqual([`${STORY.behind.unitName} breached`]);
    expect(weekly.units.length).toBeGreaterThan(30);
  });

  it('shows the stale column seven months old and the dead link failing twice', () => {
    const stale = board.duties.find((d) => d.columnPath === STORY.stale)!;
    expect(stale.explanation).toContain('6 个月内至少更新 1 条');
    const link = board.duties.find((d) => d.columnPath.endsWith(STORY.deadLink.name))!;
    expect(link.explanation).toContain('.invalid');
  });

  it('reaches no 单项否决 indicator: nothing blank, one stale column, the home page fresh', () => {
    const indicators = board.sites[0]!.indicators;
    expect(indicators.filter((i) => i.level === 'veto')).toEqual([]);
    const value = (key: string) => indicators.find((i) => i.key === key)!.value;
    expect(value('blank_columns')).toBe(0);
    expect(value('stale_columns')).toBe(1);
    expect(value('home_page')).toBe(0);
    // Only the stale column: 部门动态 as a whole was updated (the unit behind counts against itself), and
    // a dead link is judged as a link, not as a column left without items.
    expect(value('overdue_columns')).toBe(1);
  });

  it('links the demo policies and their 解读 both ways on the public pages', async () => {
    const get = (url: string) => t.server.inject({ url, headers: { host: 'localhost' } });
    const list = await get('/c/zwgk/zcjd/');
    const reading = /href="(\/a\/\d+\.html)"[^>]*>[^<]*冬季安全生产检查工作方案》政策解读/.exec(list.body);
    expect(reading, list.body.slice(0, 200)).not.toBeNull();
    const page = await get(reading![1]!);
    expect(page.body).toContain('政策原文');
    const policy = /<h2 id="policies-title">政策原文<\/h2>\s*<ul><li><a href="([^"]+)"/.exec(page.body)![1]!;
    const policyPage = await get(policy);
    expect(policyPage.body).toContain('相关解读');
    expect(policyPage.body).toContain(reading![1]!);
  });

  it('gives every demo unit with an officer a leader to send items to', () => {
    const writers = DEMO_ACCOUNTS.filter((a) => a.roles.some((r) => r === 'unit_officer' || r === 'hotline_operator'));
    for (const w of writers)
      expect(
        DEMO_ACCOUNTS.some((a) => a.unit === w.unit && a.roles.includes('unit_leader')),
        `${w.unit} 没有分管领导账号`,
      ).toBe(true);
  });
});
