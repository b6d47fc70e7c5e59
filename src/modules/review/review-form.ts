import { labelOf } from '../../contract/common.js';
import { SubmissionChannel } from '../../contract/review.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { PdfRenderer } from '../../platform/pdf/pdf.js';
import { escapeHtml } from '../../platform/search/highlight.js';
import { shanghaiDateTime, shanghaiDay } from '../../platform/time.js';
import type { ArticlesService } from '../content/articles.service.js';
import { ARTICLE_TYPE_LABELS, type ArticleType } from '../content/content.schemas.js';
import type { ChainsService } from './chains.service.js';
import type { FlowAction, FlowsRepository } from './flows.repository.js';
import type { FormField } from './review.schemas.js';

export interface FormSignature {
  signer: string;
  opinion: string | null;
  at: string;
  stepName: string;
}

export interface ReviewFormData {
  unitName: string;
  requestedAt: string | null;
  title: string;
  type: ArticleType;
  drafter: string | null;
  drafterContact: string | null;
  signatures: Partial<Record<FormField, FormSignature>>;
  indexNo: string | null;
  revision: number;
  revisionHash: string;
  channel: string;
  printedAt: string;
}

/**
 * Which approvals still stand at the end of a flow: a return or an edit voids the approvals from the
 * step it went back to onwards, so the form shows only signatures given to the final revision.
 */
export function standingApprovals(actions: readonly FlowAction[]): Map<number, FlowAction> {
  const standing = new Map<number, FlowAction>();
  const voidFrom = (k: number) => {
    for (const p of [...standing.keys()]) if (p >= k) standing.delete(p);
  };
  for (const a of actions) {
    if (a.action === 'submit' || a.action === 'resubmit' || a.action === 'emergency_publish') voidFrom(1);
    else if ((a.action === 'return' || a.action === 'invalidated') && a.to_position !== null)
      voidFrom(Math.max(1, a.to_position));
    else if (a.action === 'approve') standing.set(a.position, a);
  }
  return standing;
}

/** The 信息发布审核表 of 附件2, filled from the item's review. */
export class ReviewFormService {
  constructor(
    private readonly articles: ArticlesService,
    private readonly flows: FlowsRepository,
    private readonly chains: ChainsService,
    private readonly pdf: PdfRenderer,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async data(actor: Actor, articleId: number): Promise<ReviewFormData> {
    const article = await this.articles.rowFor(actor, 'article.read', articleId);
    const flow = await this.flows.latest(articleId);
    const actions = flow ? await this.flows.actions([flow.id]) : [];
    const chain = flow ? await this.chains.chainById(flow.chain_id) : undefined;
    const signatures: ReviewFormData['signatures'] = {};
    for (const [position, a] of standingApprovals(actions)) {
      const field = chain?.steps[position - 1]?.formField;
      if (field) signatures[field] = { signer: a.actor_name, opinion: a.opinion, at: a.at, stepName: a.step_name };
    }
    const drafter = article.created_by ? await this.flows.drafter(article.created_by) : undefined;
    const unitName = await this.flows.unitName(article.unit_id);
    // A correction under review: the form names the proposed title (its revision and hash are the flow's).
    const proposal = flow?.correction_id ? await this.flows.correctionSnapshot(flow.correction_id) : undefined;
    const submitted = actions.find((a) => a.action === 'submit' || a.action === 'emergency_publish');
    return {
      unitName,
      requestedAt: submitted?.at ?? null,
      title: proposal ? (JSON.parse(proposal) as { title: string }).title : article.title,
      type: article.type as ArticleType,
      drafter: drafter?.display_name ?? null,
      drafterContact: drafter?.phone ?? drafter?.email ?? null,
      signatures,
      indexNo: article.index_no,
      revision: flow?.revision ?? article.revision,
      revisionHash: flow?.revision_hash ?? (await this.articles.currentHash(articleId)),
      channel: article.channel,
      printedAt: this.clock().toISOString(),
    };
  }

  async html(actor: Actor, articleId: number): Promise<string> {
    return renderForm(await this.data(actor, articleId));
  }

  async pdfBytes(actor: Actor, articleId: number): Promise<Buffer> {
    return this.pdf.render(await this.html(actor, articleId));
  }
}

const e = escapeHtml;

function opinionCell(sig: FormSignature | undefined, signLabel = '（签字）：'): string {
  if (!sig)
    return `<div class="blank"></div><div class="sign">${signLabel}<span class="line"></span>　　年　月　日</div>`;
  return `<div class="opinion">${e(sig.opinion ?? '')}</div><div class="sign">${signLabel}<strong>${e(sig.signer)}</strong>　${e(shanghaiDateTime(sig.at))}</div>`;
}

export function renderForm(d: ReviewFormData): string {
  const day = d.requestedAt ? shanghaiDay(d.requestedAt).split('-') : null;
  const types = (Object.entries(ARTICLE_TYPE_LABELS) as Array<[ArticleType, string]>)
    .map(([k, label]) => `<span class="box">${k === d.type ? '☑' : '□'}${label}</span>`)
    .join('');
  const s = d.signatures;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>信息发布审核表 - ${e(d.title)}</title>
<style>
  @page { size: A4; margin: 18mm 16mm; }
  body { font-family: "FangSong", "STFangsong", "仿宋", "WenQuanYi Micro Hei", "Noto Sans CJK SC", serif; color: #000; font-size: 15px; margin: 0; }
  h1 { font-family: "SimHei", "黑体", "WenQuanYi Micro Hei", sans-serif; text-align: center; font-size: 22px; margin: 0 0 14px; letter-spacing: 1px; }
  .meta { display: flex; justify-content: space-between; margin-bottom: 6px; }
  table { width: 100%; border-collapse: collapse; table-layout: fixed; }
  th, td { border: 1px solid #000; padding: 8px; vertical-align: top; }
  th { font-weight: normal; width: 22%; text-align: center; vertical-align: middle; }
  .section { text-align: center; font-weight: bold; background: #f2f2f2; }
  .box { margin-right: 12px; white-space: nowrap; }
  .opinion { min-height: 40px; white-space: pre-wrap; }
  .blank { min-height: 48px; }
  .sign { text-align: right; margin-top: 6px; }
  .line { display: inline-block; width: 7em; border-bottom: 1px solid #000; }
  .foot { margin-top: 10px; font-size: 11px; color: #333; word-break: break-all; }
  @media screen { body { max-width: 800px; margin: 24px auto; } .print { margin-bottom: 12px; } }
  @media print { .print { display: none; } }
</style></head>
<body>
<div class="print"><button type="button" onclick="window.print()">打印</button></div>
<h1>涟水县人民政府门户网站信息发布审核表</h1>
<div class="meta"><span>申请单位（盖章）：${e(d.unitName)}</span><span>申请时间：${day ? `${day[0]}年${Number(day[1])}月${Number(day[2])}日` : '　　年　月　日'}</span></div>
<table>
  <tr><td colspan="4" class="section">信息发布申请信息（申请单位填写）</td></tr>
  <tr><th>信息标题</th><td colspan="3">${e(d.title)}</td></tr>
  <tr><th>信息类型</th><td colspan="3">${types}</td></tr>
  <tr><th>拟稿人（签字）</th><td>${e(d.drafter ?? '')}</td><th>拟稿人联系方式</th><td>${e(d.drafterContact ?? '')}</td></tr>
  <tr><th>审查人意见</th><td colspan="3">${opinionCell(s.reviewer)}</td></tr>
  <tr><th>单位主要<br>领导意见</th><td colspan="3">${opinionCell(s.unit_head)}</td></tr>
  <tr><td colspan="4" class="section">信息发布审核信息（县政府办填写）</td></tr>
  <tr><th>政务公开科<br>校对情况</th><td colspan="3">${opinionCell(s.proofreader, '校对人（签字）：')}</td></tr>
  <tr><th>政务公开科意见</th><td colspan="3">${opinionCell(s.disclosure)}</td></tr>
  <tr><th>政府办<br>领导意见</th><td colspan="3">${opinionCell(s.office_leader)}</td></tr>
</table>
<div class="foot">审核版本：第 ${d.revision} 版，SHA-256 ${e(d.revisionHash)}${d.indexNo ? `；索引号 ${e(d.indexNo)}` : ''}；报送渠道：${e(labelOf(SubmissionChannel.labels, d.channel))}；打印时间 ${e(shanghaiDateTime(d.printedAt))}</div>
</body></html>`;
}
