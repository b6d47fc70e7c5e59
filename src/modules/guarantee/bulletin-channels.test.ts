import { describe, expect, it } from 'vitest';
import { bulletinHtml, channelTotals } from './bulletin.documents.js';
import type { UnitMonth } from './report.service.js';

// Issue 11 item 5: the monthly 通报 counts every channel (后台, 邮件, 纸质, 抓取, 共建) per unit and says
// how many of each were adopted.

const unit = (
  id: number,
  name: string,
  byChannel: Record<string, number>,
  adoptedByChannel: Record<string, number>,
): UnitMonth => {
  const submitted = Object.values(byChannel).reduce((a, b) => a + b, 0);
  const adopted = Object.values(adoptedByChannel).reduce((a, b) => a + b, 0);
  return {
    unitId: id,
    unitName: name,
    shortName: name,
    joinedOn: null,
    submitted,
    byChannel,
    adoptedByChannel,
    adopted,
    adoptionRate: submitted ? (adopted / submitted) * 100 : null,
    dutiesMet: 0,
    dutiesBreached: 0,
    dutiesMetRate: null,
    workdaysLate: 0,
    rank: id,
  };
};

const units = [
  unit(1, '财政局', { backoffice: 2, email: 3, paper: 1 }, { backoffice: 2, email: 1 }),
  unit(2, '新闻中心', { email: 1, crawl: 4, cobuilt: 2 }, { email: 1, crawl: 3, cobuilt: 2 }),
];

describe('the 通报 by channel', () => {
  it('totals each channel over the units with its adoption rate', () => {
    const t = Object.fromEntries(channelTotals(units).map((c) => [c.channel, c]));
    expect(t.email).toMatchObject({ label: '邮箱报送', submitted: 4, adopted: 2, adoptionRate: 50 });
    expect(t.paper).toMatchObject({ submitted: 1, adopted: 0, adoptionRate: 0 });
    expect(t.crawl).toMatchObject({ label: '网站抓取', submitted: 4, adopted: 3, adoptionRate: 75 });
    expect(t.cobuilt).toMatchObject({ label: '栏目共建', submitted: 2, adopted: 2, adoptionRate: 100 });
    expect(t.import).toMatchObject({ submitted: 0, adoptionRate: null });
  });

  it('prints the channel table and a column per channel for each unit', () => {
    const html = bulletinHtml({
      month: '2026-11',
      office: '涟水县人民政府办公室',
      siteName: '涟水县人民政府门户网站',
      docNo: '涟政办通〔2026〕11号',
      issuedOn: '2026-12-02',
      units,
      misses: [],
      calendarNotes: [],
    });
    expect(html).toContain('<tr><td class="l">邮箱报送</td><td>4</td><td>2</td><td>50.0%</td></tr>');
    expect(html).toContain('<th>纸质报送</th><th>网站抓取</th><th>栏目共建</th>');
    // The ranking's figures (duties met, breached, rate, days late) first, the submissions beside them.
    expect(html).toContain(
      '<td class="l">财政局</td><td>0</td><td>0</td><td>—</td><td>0</td><td>6</td><td>3</td><td>50.0%</td><td>2</td><td>3</td><td>1</td><td>0</td><td>0</td><td>0</td>',
    );
    expect(html).toContain('<th>达标率</th><th>迟报工作日</th><th>报送合计</th>');
  });
});
