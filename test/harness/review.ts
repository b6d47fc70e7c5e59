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
