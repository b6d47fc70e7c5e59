import type { Services } from '../../src/services.js';
import { ApiClient, type TestApp } from './app.js';
import { PASSWORD, makeAccount, makeColumn, makeDuty, makeSite, makeUnit } from './factories.js';

/**
 * A county with the people of the 附件2 review: 财政局's officer, 审查人 (unit leader) and 主要领导
 * (unit head); the county office's 政务公开科 (two reviewers), its leader and the website centre; and
 * 新闻中心, whose 涟水新闻 uses the short chain.
 */
export async function reviewCounty(t: TestApp) {
  const s: Services = t.services;
  const site = await makeSite(s, { hosts: ['www.lianshui.test'] });
  const gk = await makeColumn(s, site.id, '政务公开', null, { kind: 'catalogue' });
  const finance = await makeColumn(s, site.id, '财政信息', gk.id);
  const news = await makeColumn(s, site.id, '新闻中心');
  const lsxw = await makeColumn(s, site.id, '涟水新闻', news.id);
  const notices = await makeColumn(s, site.id, '公告公示', news.id);
  const office = await makeUnit(s, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
  const czj = await makeUnit(s, '财政局');
  const xwzx = await makeUnit(s, '新闻中心', 'direct');
  await makeDuty(s, finance.id, { unitId: czj.id });
  await makeDuty(s, notices.id, { unitId: czj.id });
  await makeDuty(s, lsxw.id, { unitId: xwzx.id });
  const people: Record<string, [number, Parameters<typeof makeAccount>[3]]> = {
    czj: [czj.id, ['unit_officer']],
    czj_sc: [czj.id, ['unit_leader']],
    czj_zy: [czj.id, ['unit_head']],
    gkk: [office.id, ['disclosure_reviewer']],
    gkk2: [office.id, ['disclosure_reviewer']],
    ld: [office.id, ['office_leader']],
    wz: [office.id, ['site_editor']],
    xw: [xwzx.id, ['unit_officer']],
    xw_ld: [xwzx.id, ['unit_leader']],
    admin: [office.id, ['sysadmin']],
  };
  const ids: Record<string, number> = {};
  for (const [name, [unitId, roles]] of Object.entries(people)) ids[name] = await makeAccount(s, name, unitId, roles);
  await s.database.db.updateTable('accounts').set({ phone: '0517-82380090' }).where('username', '=', 'czj').execute();
  const c: Record<string, ApiClient> = {};
  for (const name of Object.keys(people)) c[name] = await ApiClient.login(t.server, name, PASSWORD);
  await s.chains.bindIn(s.database.db, '单位自管栏目简易流程', lsxw.id, null);
  return { site, columns: { gk, finance, news, lsxw, notices }, units: { office, czj, xwzx }, ids, c };
}

export const disclosure = {
  docNo: '涟财发〔2026〕12号',
  writtenOn: '2026-11-20',
  issuer: '涟水县财政局',
  topicCategory: '财政、金融、审计\\财政',
  validity: '有效',
};

/** The county's full chain for a 财政局 item, in order: 审查人, 主要领导, 政务公开科 twice, 政府办领导. */
export const COUNTY_APPROVERS = ['czj_sc', 'czj_zy', 'gkk', 'gkk2', 'ld'] as const;

/**
 * A 财政局 document written by its officer and approved by everyone on the county chain: it waits for a
 * publisher (status approved). Each step is checked, so a refusal fails the test at the step that refused.
 */
export async function approvedItem(
  w: Awaited<ReturnType<typeof reviewCounty>>,
  title: string,
  bodyHtml = `<p>${title}。</p>`,
): Promise<number> {
  const created = await w.c.czj!.post('/api/articles', {
    columnId: w.columns.finance.id,
    type: 'document',
    title,
    bodyHtml,
    disclosure,
  });
  if (created.statusCode !== 201) throw new Error(`写信息被拒绝：${created.body}`);
  const id = created.json().id as number;
  const submitted = await w.c.czj!.post(`/api/articles/${id}/submit`, {});
  if (submitted.statusCode !== 200) throw new Error(`报送被拒绝：${submitted.body}`);
  for (const who of COUNTY_APPROVERS) {
    const r = await w.c[who]!.post(`/api/articles/${id}/approve`, { opinion: `${who}同意` });
    if (r.statusCode !== 200) throw new Error(`${who} 审核被拒绝：${r.body}`);
  }
  return id;
}

/** The same item approved and then published by the website centre (wz); returns its id. */
export async function publishedItem(
  w: Awaited<ReturnType<typeof reviewCounty>>,
  title: string,
  bodyHtml?: string,
): Promise<number> {
  const id = await approvedItem(w, title, bodyHtml);
  const published = await w.c.wz!.post(`/api/articles/${id}/publish`);
  if (published.statusCode !== 200) throw new Error(`发布被拒绝：${published.body}`);
  return id;
}
