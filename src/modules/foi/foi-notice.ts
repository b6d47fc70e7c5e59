import { AnswerType } from '../../contract/foi.js';
import { escapeHtml as e } from '../../platform/search/highlight.js';

// The 告知书 of each answer type: the decision, its legal basis in the 政府信息公开条例 (国务院令第711号)
// and the remedies (行政复议 within 60 days, 行政诉讼 within 6 months, 条例第五十一条). One template
// per type, filled from the application; every value is escaped, so a field holding markup prints as text.

const ACT = '《中华人民共和国政府信息公开条例》';

export interface NoticeFacts {
  number: string;
  unitName: string;
  applicantName: string;
  receivedDay: string;
  description: string;
  docNumber: string | null;
  type: string;
  ground: string | null;
  groundLabel: string | null;
  answerDay: string;
  link: string | null;
  organ: string | null;
  note: string | null;
  provisionForm: string;
  /** Where an administrative review is applied for (the county government for its departments). */
  reviewOrgan: string;
}

/** The article of the 条例 each ground rests on. */
const GROUND_BASIS: Record<string, string> = {
  state_secret: '第十四条',
  law_prohibited: '第十四条',
  three_security: '第十四条',
  third_party: '第十五条',
  internal_affairs: '第十六条第一款',
  process_info: '第十六条第二款',
  enforcement_file: '第十六条第二款',
  query_matter: '第三十六条第（七）项',
  not_held: '第三十六条第（四）项',
  needs_creation: '第三十八条',
  unclear_after_correction: '第三十条',
  petition: '第三十九条第一款',
  repeated: '第三十六条第（六）项',
  publication: '第三十九条第二款',
  excessive: '第三十五条',
  confirm_existing: '第三十六条',
  correction_overdue: '第三十条',
  fee_overdue: '第四十二条',
};

const TYPE_BASIS: Record<string, string> = {
  disclose: '第三十六条第（二）项',
  partial: '第三十七条、第三十六条第（三）项',
  published: '第三十六条第（一）项',
  not_ours: '第三十六条第（五）项',
};

export function chineseDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function decision(f: NoticeFacts): string {
  const ground = f.groundLabel ? `，理由：${e(f.groundLabel)}` : '';
  switch (f.type) {
    case 'disclose':
      return `经审查，您申请获取的政府信息属于可以公开的政府信息，本机关决定<strong>予以公开</strong>，现按您选择的“${e(f.provisionForm)}”形式向您提供。`;
    case 'partial':
      return `经审查，您申请获取的政府信息中部分内容属于不予公开的范围${ground}。本机关对可以公开的部分作区分处理后<strong>部分公开</strong>，现向您提供可以公开的部分。`;
    case 'refuse':
      return `经审查，您申请获取的政府信息<strong>不予公开</strong>${ground}。`;
    case 'unable':
      return `经审查，本机关<strong>无法提供</strong>您申请获取的政府信息${ground}。`;
    case 'not_handled':
      return `经审查，您的申请本机关<strong>不予处理</strong>${ground}。`;
    case 'published':
      return `经审查，您申请获取的政府信息本机关<strong>已主动公开</strong>，您可以通过以下途径获取：<a href="${e(f.link ?? '')}">${e(f.link ?? '')}</a>。`;
    case 'not_ours':
      return `经审查，您申请获取的政府信息<strong>不属于本机关负责公开</strong>。${
        f.organ ? `该政府信息由${e(f.organ)}负责公开，请向其提出申请。` : '本机关无法确定负责公开该政府信息的行政机关。'
      }`;
    default:
      return `您的申请本机关不再处理${ground}。`;
  }
}

function basis(f: NoticeFacts): string {
  const article = (f.ground && GROUND_BASIS[f.ground]) || TYPE_BASIS[f.type] || '第三十六条';
  return `${ACT}${article}`;
}

export function noticeTitle(type: string): string {
  return `政府信息公开申请答复告知书（${AnswerType.labels[type as keyof typeof AnswerType.labels] ?? type}）`;
}

/** The 告知书 as a whole HTML page (printed to PDF by the renderer, JavaScript and network off). */
export function noticeHtml(f: NoticeFacts): string {
  const doc = f.docNumber ? `（文件名称或文号：${e(f.docNumber)}）` : '';
  const note = f.note ? `<p>${e(f.note).replace(/\n/g, '<br>')}</p>` : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${e(noticeTitle(f.type))}</title>
<style>
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun",serif;font-size:16pt;line-height:1.8;color:#000}
h1{font-size:22pt;text-align:center;margin:0 0 .2em}
.no{text-align:center;margin:0 0 1.5em}
p{text-indent:2em;margin:.3em 0}
p.to{text-indent:0}
.sign{text-align:right;margin-top:2.5em}
</style></head><body>
<h1>${e(f.unitName)}</h1>
<h1>${e(noticeTitle(f.type))}</h1>
<p class="no">申请编号：${e(f.number)}</p>
<p class="to">${e(f.applicantName)}：</p>
<p>本机关于${chineseDate(f.receivedDay)}收到您提出的政府信息公开申请，申请获取“${e(f.description)}”${doc}。</p>
<p>${decision(f)}</p>
${note}
<p>依据：${basis(f)}。</p>
<p>如对本答复不服，可以自收到本告知书之日起60日内向${e(f.reviewOrgan)}申请行政复议，或者自收到本告知书之日起6个月内依法向人民法院提起行政诉讼。</p>
<p class="sign">${e(f.unitName)}<br>${chineseDate(f.answerDay)}</p>
</body></html>`;
}
