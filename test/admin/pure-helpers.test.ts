import { describe, expect, it } from 'vitest';
import { imagesInBody, toFormValues, toPayload } from '../../admin/src/features/articles/article-form.js';
import { dutyPayload, partyRef, partyRows } from '../../admin/src/features/guarantee/duty-form.js';
import {
  acceptsArticles,
  dropTarget,
  flatten,
  inCatalogue,
  namePath,
  stepTarget,
  type TreeColumn,
} from '../../admin/src/lib/tree.js';
import { formatDate, formatDateTime, shanghaiToday } from '../../admin/src/lib/time.js';
import { lastWeeks } from '../../admin/src/lib/weeks.js';
import { ArticleInput, ArticlePatch } from '../../src/modules/content/content.schemas.js';
import { DutyInput } from '../../src/modules/guarantee/guarantee.schemas.js';
import { ColumnMove } from '../../src/modules/sites/sites.schemas.js';

// The admin app's pure logic: the column tree (where a drop puts a column), the weeks of the
// dashboard chart, Beijing dates, and the request bodies the editors send.

const col = (
  id: number,
  name: string,
  parentId: number | null,
  children: TreeColumn[] = [],
  kind = 'list',
): TreeColumn => ({
  id,
  name,
  parentId,
  path: name,
  kind,
  sourceColumnId: null,
  children,
});
const tree = [
  col(1, '新闻中心', null, [col(2, '涟水新闻', 1), col(3, '部门动态', 1), col(4, '乡镇动态', 1)]),
  col(5, '政务公开', null, [col(6, '财政信息', 5, [col(7, '预算', 6)])], 'catalogue'),
  col(8, '中国政府网', null, [], 'link'),
];

describe('column tree', () => {
  it('names a column by its path and knows the disclosure catalogue', () => {
    expect(flatten(tree).map((c) => c.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(namePath(tree, 7)).toBe('政务公开 / 财政信息 / 预算');
    expect(inCatalogue(tree, 7)).toBe(true);
    expect(inCatalogue(tree, 3)).toBe(false);
    expect(acceptsArticles(tree[2]!)).toBe(false);
    expect(acceptsArticles({ kind: 'list', sourceColumnId: 3 })).toBe(false);
  });

  it('turns a drop into the move the server expects', () => {
    // Before 涟水新闻: first among its siblings.
    expect(dropTarget(tree, 4, 2, false, false)).toEqual({ parentId: 1, sortOrder: 0 });
    // After 部门动态, the dragged column left out of the count.
    expect(dropTarget(tree, 2, 3, false, true)).toEqual({ parentId: 1, sortOrder: 1 });
    // Onto a column: its first child.
    expect(dropTarget(tree, 4, 6, true, false)).toEqual({ parentId: 6, sortOrder: 0 });
    // To the top level, after 政务公开.
    expect(dropTarget(tree, 7, 5, false, true)).toEqual({ parentId: null, sortOrder: 2 });
    // Never into itself or below itself.
    expect(dropTarget(tree, 5, 7, true, false)).toBeNull();
    expect(dropTarget(tree, 5, 5, false, true)).toBeNull();
    for (const t of [dropTarget(tree, 4, 2, false, false), dropTarget(tree, 7, 5, false, true)])
      expect(ColumnMove.safeParse(t).success).toBe(true);
  });

  it('moves one place up or down with the buttons', () => {
    expect(stepTarget(tree, 3, -1)).toEqual({ parentId: 1, sortOrder: 0 });
    expect(stepTarget(tree, 3, 1)).toEqual({ parentId: 1, sortOrder: 2 });
    expect(stepTarget(tree, 2, -1)).toBeNull();
    expect(stepTarget(tree, 4, 1)).toBeNull();
  });
});

describe('weeks and Beijing dates', () => {
  it('gives Monday-to-Sunday weeks ending with the current one', () => {
    const weeks = lastWeeks('2026-11-26', 3); // a Thursday
    expect(weeks).toEqual([
      { from: '2026-11-09', to: '2026-11-15', label: '11/9–11/15' },
      { from: '2026-11-16', to: '2026-11-22', label: '11/16–11/22' },
      { from: '2026-11-23', to: '2026-11-29', label: '11/23–11/29' },
    ]);
    expect(lastWeeks('2026-11-29', 1)[0]!.from).toBe('2026-11-23'); // Sunday belongs to the week before
    expect(lastWeeks('2027-01-01', 1)[0]).toMatchObject({ from: '2026-12-28', to: '2027-01-03' });
  });

  it('shows instants in Beijing time whatever the machine’s zone', () => {
    expect(formatDateTime('2026-11-26T16:30:00Z')).toBe('2026-11-27 00:30');
    expect(formatDate('2026-11-26T16:30:00Z')).toBe('2026-11-27');
    expect(formatDate(null)).toBe('—');
    expect(shanghaiToday(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });
});

describe('article editor body', () => {
  const stored = {
    columnId: 3,
    extraColumnIds: [2],
    unitId: 9,
    type: 'news',
    title: '标题',
    subtitle: null,
    summary: null,
    bodyHtml: '<p>正文</p><img src="/api/attachments/4/download" alt="图">',
    source: null,
    author: null,
    linkUrl: null,
    isTop: false,
    disclosure: {
      docNo: '涟财发〔2026〕1号',
      writtenOn: '2026-11-20',
      issuer: null,
      topicCategory: null,
      genre: null,
      keywords: null,
      validity: '有效',
    },
    policies: [{ id: 11 }],
  };

  it('round-trips a stored article into a body the server accepts', () => {
    const body = toPayload(toFormValues(stored), [4, 5, 4], { sendUnit: false });
    expect(body).toMatchObject({ columnId: 3, extraColumnIds: [2], attachmentIds: [4, 5], interpretsPolicyIds: [11] });
    expect(body).not.toHaveProperty('unitId');
    expect(ArticleInput.safeParse(body).success).toBe(true);
    expect(ArticlePatch.safeParse({ ...body, expectedRevision: 3 }).success).toBe(true);
  });

  it('sends blanks as null, drops the home column from the extra ones, sends the unit when chosen', () => {
    const body = toPayload(
      {
        type: 'notice',
        title: '  通知 ',
        columnId: 3,
        extraColumnIds: [3, 2],
        unitId: 9,
        subtitle: '  ',
        disclosure: { docNo: ' ', validity: '' },
      },
      [],
      { sendUnit: true },
    );
    expect(body).toMatchObject({
      title: '通知',
      subtitle: null,
      extraColumnIds: [2],
      unitId: 9,
      disclosure: { docNo: null, validity: null },
    });
    expect(ArticleInput.safeParse(body).success).toBe(true);
  });

  it('finds the attachments used as pictures in the body', () => {
    expect([...imagesInBody(stored.bodyHtml)]).toEqual(['/api/attachments/4/download']);
  });
});

describe('duty editor body', () => {
  it('sends units, groups and hand-set rules as DutyInput expects', () => {
    const body = dutyPayload({
      requirementText: ' 工作日报送至邮箱，每周至少两篇 ',
      note: '  ',
      parties: [
        { ref: 'u:3', role: 'lead' },
        { ref: 'g:2', role: 'cooperate' },
        { role: 'cooperate', label: '相关单位' },
        { role: 'cooperate' },
      ],
      override: true,
      cadence: 'weekly_min',
      minPerWeek: 2,
      channel: 'email',
    });
    expect(body).toEqual({
      requirementText: '工作日报送至邮箱，每周至少两篇',
      note: null,
      parties: [
        { role: 'lead', unitId: 3 },
        { role: 'cooperate', groupId: 2 },
        { role: 'cooperate', label: '相关单位' },
      ],
      cadence: 'weekly_min',
      channel: 'email',
      minPerWeek: 2,
    });
    expect(DutyInput.safeParse({ columnId: 1, ...body }).success).toBe(true);
  });

  it('keeps the list’s phrase for a unit unless the row was switched to another unit', () => {
    const body = dutyPayload({
      requirementText: '动态维护',
      parties: [
        { ref: 'u:3', role: 'lead', label: '民政局（双拥办）', labelRef: 'u:3' },
        { ref: 'u:5', role: 'cooperate', label: '国土局', labelRef: 'u:4' },
        { ref: 'g:2', role: 'cooperate', label: ' 各镇 ', labelRef: 'g:2' },
      ],
      override: false,
    });
    expect(body.parties).toEqual([
      { role: 'lead', unitId: 3, label: '民政局（双拥办）' },
      { role: 'cooperate', unitId: 5 },
      { role: 'cooperate', groupId: 2, label: '各镇' },
    ]);
    expect(DutyInput.safeParse({ columnId: 1, ...body }).success).toBe(true);
  });

  it('fills the rows from a parsed phrase: units with their wording, 相关单位 as written, unknown names left out', () => {
    const rows = partyRows([
      { kind: 'unit', role: 'lead', label: '政府办', unitId: 4, groupId: null },
      { kind: 'unresolved', role: 'cooperate', label: '档案馆', unitId: null, groupId: null },
      { kind: 'group', role: 'cooperate', label: '各镇', unitId: null, groupId: 2 },
      { kind: 'vague', role: 'cooperate', label: '相关单位', unitId: null, groupId: null },
    ]);
    expect(rows).toEqual([
      { ref: 'u:4', role: 'lead', label: '政府办', labelRef: 'u:4' },
      { ref: 'g:2', role: 'cooperate', label: '各镇', labelRef: 'g:2' },
      { role: 'cooperate', label: '相关单位' },
    ]);
    expect(dutyPayload({ requirementText: '动态维护', parties: rows, override: false }).parties).toEqual([
      { role: 'lead', unitId: 4, label: '政府办' },
      { role: 'cooperate', groupId: 2, label: '各镇' },
      { role: 'cooperate', label: '相关单位' },
    ]);
  });

  it('sends the date in force when one is chosen, and leaves it to the server (today) otherwise', () => {
    const dated = dutyPayload({ requirementText: '动态维护', parties: [], effectiveFrom: '2024-01-01' });
    expect(dated.effectiveFrom).toBe('2024-01-01');
    expect(DutyInput.safeParse({ columnId: 1, ...dated }).success).toBe(true);
    expect(dutyPayload({ requirementText: '动态维护', parties: [], effectiveFrom: null })).not.toHaveProperty(
      'effectiveFrom',
    );
  });

  it('leaves the rule to the server unless set by hand', () => {
    const body = dutyPayload({
      requirementText: '动态维护',
      parties: [],
      override: false,
      cadence: 'dynamic',
      channel: 'paper',
    });
    expect(body).not.toHaveProperty('cadence');
    expect(body).not.toHaveProperty('channel');
    expect(partyRef({ unitId: null, groupId: 7 })).toBe('g:7');
    expect(partyRef({ unitId: null, groupId: null })).toBeUndefined();
  });
});
