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
  /** The 补正 asked, for the notice of an application withdrawn for want of it. */
  correctionDay?: string | null;
  correctionDueDay?: string | null;
}

/**
 * The article of the 条例 each ground rests on. Checked against copies of the 2019 text (docs/foi.md,
 * "Legal basis", says which copy and what could not be checked here). Every 不予公开 ground is also
 * 第三十六条第（三）项 (the answer type), added in `basis`.
 */
const GROUND_BASIS: Record<string, string> = {
  state_secret: '第十四条',
  law_prohibited: '第十四条',
  three_security: '第十四条',
  third_party: '第十五条',
  internal_affairs: '第十六条第一款',
  process_info: '第十六条第二款',
  enforcement_file: '第十六条第二款',
  // 工商、不动产登记资料等 obtained under their own laws: the answer type of 第三十六条第（七）项.
  query_matter: '第三十六条第（七）项',
  not_held: '第三十六条第（四）项',
  needs_creation: '第三十八条',
  unclear_after_correction: '第三十条',
  petition: '第三十九条第一款',
  repeated: '第三十六条第（六）项',
  publication: '第三十九条第二款',
  excessive: '第三十五条',
  // No article names this ground (the annual report's format does): what is asked is not information
  // held (第二条) but a new confirmation or copy, which 第三十八条 does not oblige. See docs/foi.md.
  confirm_existing: '第二条、第三十八条',
  correction_overdue: '第三十条',
  fee_overdue: '第四十二条',
};

const TYPE_BASIS: Record<string, string> = {
  disclose: '第三十六条第（二）项',
  partial: '第三十七条',
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
      if (f.ground === 'correction_overdue' && f.correctionDay && f.correctionDueDay)
        return `本机关已于${chineseDate(f.correctionDay)}告知您对申请作出补正，补正期限至${chineseDate(f.correctionDueDay)}。您无正当理由逾期未补正，<strong>视为放弃申请</strong>，本机关不再处理该政府信息公开申请。`;
      return `您的申请本机关不再处理${ground}。`;
  }
}

function basis(f: NoticeFacts): string {
  const ground = f.ground ? GROUND_BASIS[f.ground] : undefined;
  let article: string;
  if (f.type === 'partial') article = ground ? `第三十七条、${ground}` : '第三十七条';
  else if (f.type === 'refuse' && f.ground !== 'query_matter')
    article = `${ground ? `${ground}、` : ''}第三十六条第（三）项`;
  else article = ground ?? TYPE_BASIS[f.type] ?? '第三十六条';
  return `${ACT}${article}`;
}

export function noticeTitle(type: string): string {
  return `政府信息公开申请答复告知书（${AnswerType.labels[type as keyof typeof AnswerType.labels] ?? type}）`;
}

const STYLE = `<style>
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun",serif;font-size:16pt;line-height:1.8;color:#000}
h1{font-size:22pt;text-align:center;margin:0 0 .2em}
.no{text-align:center;margin:0 0 1.5em}
p{text-indent:2em;margin:.3em 0}
p.to{text-indent:0}
.sign{text-align:right;margin-top:2.5em}
</style>`;

/** A whole 告知书 page: the unit, the title, the number, the applicant, the paragraphs, the signature. */
function page(
  f: { unitName: string; number: string; applicantName: string },
  title: string,
  paragraphs: string[],
  day: string,
): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${e(title)}</title>
${STYLE}</head><body>
<h1>${e(f.unitName)}</h1>
<h1>${e(title)}</h1>
<p class="no">申请编号：${e(f.number)}</p>
<p class="to">${e(f.applicantName)}：</p>
${paragraphs.filter(Boolean).join('\n')}
<p class="sign">${e(f.unitName)}<br>${chineseDate(day)}</p>
</body></html>`;
}

function received(f: { receivedDay: string; description: string; docNumber: string | null }): string {
  const doc = f.docNumber ? `（文件名称或文号：${e(f.docNumber)}）` : '';
  return `<p>本机关于${chineseDate(f.receivedDay)}收到您提出的政府信息公开申请，申请获取“${e(f.description)}”${doc}。</p>`;
}

/** The 告知书 as a whole HTML page (printed to PDF by the renderer, JavaScript and network off). */
export function noticeHtml(f: NoticeFacts): string {
  return page(
    f,
    noticeTitle(f.type),
    [
      received(f),
      `<p>${decision(f)}</p>`,
      f.note ? `<p>${e(f.note).replace(/\n/g, '<br>')}</p>` : '',
      `<p>依据：${basis(f)}。</p>`,
      `<p>如对本答复不服，可以自收到本告知书之日起60日内向${e(f.reviewOrgan)}申请行政复议，或者自收到本告知书之日起6个月内依法向人民法院提起行政诉讼。</p>`,
    ],
    f.answerDay,
  );
}

export interface ExtensionFacts {
  number: string;
  unitName: string;
  applicantName: string;
  receivedDay: string;
  description: string;
  docNumber: string | null;
  /** The day the extension was decided (the notice's date). */
  day: string;
  days: number;
  reason: string;
  /** The due day before and after the extension. */
  dueDay: string;
  newDueDay: string;
}

export const EXTENSION_NOTICE_TITLE = '政府信息公开申请延期答复告知书';

/**
 * The notice to the applicant that the answer is put off (条例第三十三条: extended once, by at most 20
 * working days, with the consent of the head of the unit's 政府信息公开工作机构, and the applicant told).
 */
export function extensionNoticeHtml(f: ExtensionFacts): string {
  return page(
    f,
    EXTENSION_NOTICE_TITLE,
    [
      received(f),
      `<p>因${e(f.reason)}，本机关不能在${chineseDate(f.dueDay)}前作出答复。经本机关政府信息公开工作机构负责人同意，答复期限<strong>延长${f.days}个工作日</strong>，本机关将于<strong>${chineseDate(f.newDueDay)}</strong>前向您作出答复。</p>`,
      `<p>依据：${ACT}第三十三条。</p>`,
      '<p>特此告知。</p>',
    ],
    f.day,
  );
}

export interface CorrectionFacts {
  number: string;
  unitName: string;
  applicantName: string;
  receivedDay: string;
  description: string;
  docNumber: string | null;
  /** The day the 补正 was asked (the notice's date), what to complete, and by when. */
  day: string;
  note: string;
  dueDay: string;
}

export const CORRECTION_NOTICE_TITLE = '政府信息公开申请补正告知书';

/** The one-time request to complete an unclear application (条例第三十条), with what lapse means. */
export function correctionNoticeHtml(f: CorrectionFacts): string {
  return page(
    f,
    CORRECTION_NOTICE_TITLE,
    [
      received(f),
      '<p>经审查，您的申请内容不明确。请按下列事项对申请作出补正：</p>',
      `<p>${e(f.note).replace(/\n/g, '<br>')}</p>`,
      `<p>请于<strong>${chineseDate(f.dueDay)}</strong>前将补正后的申请提交本机关。答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。</p>`,
      `<p>依据：${ACT}第三十条。</p>`,
      '<p>特此告知。</p>',
    ],
    f.day,
  );
}
