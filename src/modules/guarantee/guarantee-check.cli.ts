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

const MARK = { met: '达标', due_soon: '将到期', breached: '未达标', not_in_force: '未生效' } as const;

export function printCheck(r: CheckResult, out: (line: string) => void = console.log): void {
  out(
    r.final
      ? `内容保障检查：截至 ${r.day} 日终（Asia/Shanghai）`
      : `内容保障检查：${r.day} 当日尚未结束，按当前情况判断（Asia/Shanghai）`,
  );
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
    for (const u of d.units)
      if (u.status === 'breached' || u.status === 'due_soon')
        out(`      [${MARK[u.status]}] ${u.unitName}：${u.found}${u.since ? `（自 ${u.since} 起）` : ''}`);
    for (const n of d.notes) out(`      注：${n}`);
  }
}

export function printReport(r: PeriodReport, out: (line: string) => void = console.log): void {
  out(`内容保障统计：${r.from} 至 ${r.to}（Asia/Shanghai）`);
  for (const n of r.calendarNotes) out(`注：${n}`);
  for (const d of r.duties) {
    const head = `${d.columnPath}：${d.rule}`;
    if (d.notInForce) {
      out(`  ${head}——未生效（自 ${d.effectiveFrom} 起生效）`);
      continue;
    }
    if (d.kind === 'window') {
      out(
        `  ${head}——最近更新 ${d.lastUpdateDay ?? '从未更新'}，期末${d.breachedAtEnd ? '已超期' : '未超期'}${d.blank ? '（空白栏目）' : ''}`,
      );
      // A row a unit group shares: each unit on its own items.
      for (const p of d.parties)
        out(
          p.notInForce
            ? `    ${p.unitName}：未纳入考核（自 ${p.startDay} 起）`
            : `    ${p.unitName}：最近更新 ${p.lastUpdateDay ?? '从未发布'}，期末${p.breachedAtEnd ? '已超期' : '未超期'}，迟报 ${p.workdaysLate} 个工作日`,
        );
      continue;
    }
    for (const p of d.parties) {
      const name = p.unitName ? `${p.unitName}：` : '';
      if (p.notInForce) {
        out(`  ${head}——${name}未纳入考核（自 ${p.startDay} 起）`);
        continue;
      }
      out(
        `  ${head}——${name}应考核 ${p.expected.length} 个${d.period === 'workday' ? '工作日' : '周'}，达标 ${p.met.length}，未达标 ${p.missed.length}${p.missed.length ? `（${p.missed.join('、')}）` : ''}`,
      );
    }
  }
}

export function registerGuaranteeCheckCommands(group: Command, withServices: WithServices): void {
  group
    .command('check')
    .description('检查每项保障责任和站点单项否决指标在某日日终的状态（当日尚未结束时按当前情况）')
    .requiredOption('--at <date>', '日期 YYYY-MM-DD（已过去的日期按当日 24:00 计，今天按当前，Asia/Shanghai）')
    .option('--site <id>', '只检查某个站点（编号）')
    .option('--json', '输出 JSON（字段见 README）')
    .action(async (opts: { at: string; site?: string; json?: boolean }) => {
      const at = day(opts.at, '--at');
      await withServices(async (s) => {
        // A day that has not ended cannot be judged as if it had (final follows the module's clock).
        const r = await s.guarantee.status.check(systemActor('cli'), {
          at,
          siteId: opts.site ? Number(opts.site) : undefined,
          withItems: true,
        });
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
        const r = await s.guarantee.report.period(systemActor('cli'), {
          from,
          to,
          siteId: opts.site ? Number(opts.site) : undefined,
        });
        if (opts.json) console.log(JSON.stringify(r, null, 2));
        else printReport(r);
      });
    });
  group
    .command('bulletin')
    .description('生成并存档某月的内容保障通报（XLSX、HTML，有 chromium 时另存 PDF）')
    .requiredOption('--month <month>', '月份 YYYY-MM')
    .option('--site <id>', '站点编号（默认：默认站点）')
    .option('--out <dir>', '同时把文件写到该目录')
    .action(async (opts: { month: string; site?: string; out?: string }) => {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.month)) throw new Error(`--month 须为 YYYY-MM：${opts.month}`);
      await withServices(async (s) => {
        const actor = systemActor('cli');
        // The PDF printer keeps chromium for a minute in case more come; a command has no more to print.
        const b = await s.guarantee.bulletins
          .generate(actor, { month: opts.month, siteId: opts.site ? Number(opts.site) : undefined })
          .finally(() => s.pdf.close());
        console.log(
          `已生成并存档：${b.title}（${b.docNo}），编号 ${b.id}；报送 ${b.summary.submitted} 条，采用 ${b.summary.adopted} 条，${b.summary.unitsBreached} 个单位有未达标责任`,
        );
        if (!b.formats.includes('pdf')) console.log('注：服务器未安装 chromium，未生成 PDF');
        if (opts.out) {
          const fs = await import('node:fs');
          const path = await import('node:path');
          fs.mkdirSync(opts.out, { recursive: true });
          for (const format of b.formats) {
            const f = await s.guarantee.bulletins.download(actor, b.id, format);
            const file = path.join(opts.out, f.filename);
            fs.writeFileSync(file, f.bytes);
            console.log(`  ${file}`);
          }
        }
      });
    });
  group
    .command('daily')
    .description('立即执行一次每日任务：外链检测、提醒与督办、记录站点指标、月初生成上月通报（同一提醒不会重复发送）')
    .option('--at <date>', '按某日执行（默认今天）')
    .action(async (opts: { at?: string }) => {
      await withServices(async (s) => {
        const r = await s.guarantee.daily
          .run(opts.at ? day(opts.at, '--at') : s.guarantee.status.today())
          .finally(() => s.pdf.close());
        console.log(
          `${r.day}：检测外链 ${r.probes} 个；新发提醒 ${r.notices.created} 条（已发过的 ${r.notices.skipped} 条未重复发送）；记录指标 ${r.indicators} 项${r.bulletins.length ? `；生成通报 ${r.bulletins.join('、')}` : ''}`,
        );
      });
    });
}
