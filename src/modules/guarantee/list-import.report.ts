import type { ImportSummary } from './list-import.apply.js';

// The import summary as a person reads it, in the order they act on it: what changed, then what the
// list leaves open (names nobody could match, columns without a unit or a link address).

const list = (names: readonly string[], max = 12) =>
  names.length <= max ? names.join('、') : `${names.slice(0, max).join('、')} 等 ${names.length} 个`;
const quoted = (names: readonly string[]) => names.map((n) => `“${n}”`).join('');

export function formatReport(s: ImportSummary, applied: boolean): string[] {
  const lines: string[] = [];
  lines.push(
    `${applied ? '已导入' : '试运行（未写入数据库）'}：${s.site.name}（${s.site.code}）${s.site.created ? '，站点为本次新建' : ''}`,
  );
  lines.push(`读取保障清单 ${s.rows} 行（${s.format.toUpperCase()}）`);
  lines.push(
    `生效日期：${s.effective.day}（本次新建的保障责任自该日起考核${s.effective.explicit ? '' : '；已有保障责任的生效日期不变'}）`,
  );
  lines.push(`栏目：新建 ${s.columns.created}，更新 ${s.columns.updated}，未变 ${s.columns.unchanged}`);
  lines.push(`保障责任：新建 ${s.duties.created}，更新 ${s.duties.updated}，未变 ${s.duties.unchanged}`);
  lines.push(`单位：新建 ${s.units.created.length}，已有 ${s.units.matched.length}`);
  if (s.units.created.length) lines.push(`  新建：${list(s.units.created, 60)}`);
  lines.push(
    `单位分组：新建 ${s.groups.created.length}${s.groups.created.length ? `（${quoted(s.groups.created)}）` : ''}，已有 ${s.groups.matched.length}${s.groups.matched.length ? `（${quoted(s.groups.matched)}）` : ''}`,
  );
  lines.push(
    `学到的别名：${s.aliasesLearned.length ? s.aliasesLearned.map((a) => `${a.alias} → ${a.unit}`).join('；') : '无'}`,
  );
  lines.push(`镜像栏目：${s.mirrors.length}${s.mirrors.length ? '（信息在原栏目维护，保障责任只记一次）' : ''}`);
  for (const m of s.mirrors) lines.push(`  第 ${m.row} 行 ${m.path} → ${m.sourcePath}`);
  if (s.tree) {
    const t = s.tree;
    lines.push(
      `单位信息公开目录：${t.root}，单位分支新建 ${t.branchesCreated} 个（每个单位 ${t.subs.length} 个栏目、${t.subs.length} 项保障责任）${t.renamed ? `，随单位更名 ${t.renamed} 个` : ''}${t.dutiesUpdated ? `，保障责任更新 ${t.dutiesUpdated} 项` : ''}；共 ${t.units} 个单位`,
    );
    for (const e of t.entries) lines.push(`  第 ${e.row} 行 ${e.path} → 按单位分设于 ${t.root}/〈单位〉/${e.sub}`);
  }
  lines.push(`未能识别的单位名称：${s.unresolved.length || '无'}`);
  for (const u of s.unresolved) lines.push(`  “${u.name}”（第 ${u.rows.join('、')} 行）`);
  lines.push(`待补充：${s.gaps.length || '无'}`);
  for (const g of s.gaps) lines.push(`  第 ${g.row} 行 ${g.path}：${g.problem}`);
  lines.push(
    `未能归类的栏目：${s.unclassified.length || '无'}${s.unclassified.length ? '（暂只检查是否空白；请在管理后台“保障检查参数 › 栏目更新类别”中确定）' : ''}`,
  );
  for (const u of s.unclassified) lines.push(`  第 ${u.row} 行 ${u.path}`);
  if (s.warnings.length) {
    lines.push(`提示：${s.warnings.length}`);
    for (const w of s.warnings) lines.push(`  第 ${w.row} 行${w.path ? ` ${w.path}` : ''}：${w.problem}`);
  }
  if (!applied) lines.push('以上为预览，数据库未作任何改动；确认无误后再正式导入。');
  return lines;
}
