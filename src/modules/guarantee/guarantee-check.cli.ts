import type { Command } from 'commander';
import { systemActor } from '../../platform/auth/actor.js';
import { isDay } from '../../platform/calendar/days.js';
import type { Services } from '../../services.js';
import { levelText } from './rules/indicators.js';
import type { CheckResult } from './status.service.js';
import type { PeriodReport } from './report.service.js';

type WithServices = <T>(work: (services: Services) => Promise<T>) => Promise<T>;

function day(value: string, name: string): string {
  if (!isDay(value)) throw new Error(`${name} 须为 YYYY-MM-DD 格式的日期：${value}`);
  return value;
}

const MARK = { met: '达标', due_soon: '将到期', breached: '未达标' } as const;

export function printCheck(r: CheckResult, out: (line: string) => void = console.log): void {
  out(`内容保障检查：截至 ${r.day} 日终（Asia/Shanghai）`);
  for (const n of r.calendarNotes) out(`注：${n}`);
  for (const site of r.sites) {
    out(`站点“${site.siteName}”单项否决指标：${levelText(site.level)}`);
    for (const i of site.indicators) out(`  [${levelText(i.level)}] ${i.label}：${i.explanation}`);
  }
  const s = r.summary;
  out(`保障责任 ${s.duties} 项：达标 ${s.met}，即将到期 ${s.dueSoon}，未达标 ${s.breached}`);
  for (const d of r.duties) {
    const who = d.partyLabels.join('、') || '未明确保障单位';
    out(`  [${MARK[d.status]}] ${d.columnPath}（${who}）${d.explanation}`);
    for (const u of d.units) if (u.status !== 'met') out(`      [${MARK[u.status]}] ${u.unitName}：${u.found}${u.since ? `（自 ${u.since} 起）` : ''}`);
    for (const n of d.notes) out(`      注：${n}`);
  }
}

export function printReport(r: PeriodReport, out: (line: string) => void = console.log): void {
  out(`内容保障统计：${r.from} 至 ${r.to}（Asia/Shanghai）`);
  for (const n of r.calendarNotes) out(`注：${n}`);
  for (const d of r.duties) {
    const head = `${d.columnPath}：${d.rule}`;
    if (d.kind === 'window') {
      out(`  ${head}——最近更新 ${d.lastUpdateDay ?? '从未更新'}，期末${d.breachedAtEnd ? '已超期' : '未超期'}${d.blank ? '（空白栏目）' : ''}`);
      continue;
    }
    for (const p of d.parties) {
      const name = p.unitName ? `${p.unitName}：` : '';
      out(`  ${head}——${name}应考核 ${p.expected.length} 个${d.period === 'workday' ? '工作日' : '周'}，达标 ${p.met.length}，未达标 ${p.missed.length}${p.missed.length ? `（${p.missed.join('、')}）` : ''}`);
    }
  }
}

export function registerGuaranteeCheckCommands(group: Command, withServices: WithServices): void {
  group
    .command('check')
    .description('检查每项保障责任和站点单项否决指标在某日日终的状态')
    .requiredOption('--at <date>', '日期 YYYY-MM-DD（按当日 24:00 计，Asia/Shanghai）')
    .option('--site <id>', '只检查某个站点（编号）')
    .option('--json', '输出 JSON（字段见 README）')
    .action(async (opts: { at: string; site?: string; json?: boolean }) => {
      const at = day(opts.at, '--at');
      await withServices(async (s) => {
        const r = await s.guarantee.status.check(systemActor('cli'), { at, final: true, siteId: opts.site ? Number(opts.site) : undefined, withItems: true });
        if (opts.json) console.log(JSON.stringify(r, null, 2));
        else printCheck(r);
      });
    });
  group
    .command('report')
    .description('统计一段时间内每项计数类保障责任应考核、达标和未达标的时段（按单位考核的分单位列出）')
    .requiredOption('--from <date>', '开始日期 YYYY-MM-DD')
    .requiredOption('--to <date>', '结束日期 YYYY-MM-DD')
    .option('--site <id>', '只统计某个站点（编号）')
    .option('--json', '输出 JSON（字段见 README）')
    .action(async (opts: { from: string; to: string; site?: string; json?: boolean }) => {
      const from = day(opts.from, '--from');
      const to = day(opts.to, '--to');
      if (to < from) throw new Error('--to 不能早于 --from');
      await withServices(async (s) => {
        const r = await s.guarantee.report.period(systemActor('cli'), { from, to, siteId: opts.site ? Number(opts.site) : undefined });
        if (opts.json) console.log(JSON.stringify(r, null, 2));
        else printReport(r);
      });
    });
}
