import type { DetectorHit } from './types.js';
import { pickNonOverlapping } from './ranges.js';

/*
 * Classification and restricted-handling marks (V1 of the 2019 indicators: 泄露国家秘密 is a one-strike
 * fail). The words 秘密/机密/绝密 are everyday Chinese, so a bare word is never enough: what counts is
 * the word in the position or shape of a MARK. A "line" below is a line of text, a table cell (cells
 * are separated by tabs in body text) or the whole title.
 *
 * Counts as a mark (flagged):
 *   1. A level followed by a star, anywhere:        秘密★1年   机密★长期   绝密★   秘 密 ★ 5年
 *      (also ☆, and * / ＊ when a period follows:   秘密*1年). Nobody writes 秘密★ in prose.
 *   2. A 密级 field:                                 密级：秘密   密级:机密   密级 内部   保密期限：10年
 *   3. A level starting a line and followed by a space, a period or the end of the line:
 *                                                    "秘密" on its own line (the 版头 of a 公文),
 *                                                    "秘密 5年", "机密 关于……的通知" as a title
 *   4. A level or handling mark in brackets:         【秘密】 [机密] （内部资料） 〔涉密〕
 *   5. A line made only of handling marks:           内部资料 注意保存   内部文件，不得外传   涉密
 *   6. A handling mark opening a line, then a separator:   内部资料：2026年工作要点
 *   7. The document speaking of itself:              本文件属于国家秘密   此件系工作秘密   本材料不得外传
 *
 * Does not count (stays quiet), with the reason:
 *   保守国家秘密, 保密工作, 严防泄露国家秘密     talk about secrecy, not a mark on this text
 *   商业秘密, 个人隐私和商业秘密                  not a state secret; the 条例 itself uses the phrase
 *   秘密投票, 揭开宇宙的秘密, 秘密花园, 秘书       ordinary words; a level word followed by more Han
 *                                                characters is a word, not a mark (rule 3 needs a break)
 *   机密性 (保障数据的机密性), 绝密档案展         same: 机密 / 绝密 run straight into the next word
 *   不得发布属于国家秘密的信息                    a category in prose ("属于国家秘密的")
 *   1．属于国家秘密 (年度报告 table row)          the 政府信息公开工作年度报告 form prints this label
 *                                                every year; only the document's own statement counts
 *   涉密人员, 涉密载体, 内部控制, 单位内部        prose; 涉密/内部 count only as marks (rules 4, 5, 6)
 *   请注意保存好缴费凭证                          注意保存 counts only on a line of marks (rule 5)
 *   密级：公开, 密级：非密                        the field says the text is not classified
 *   《秘密》                                      a book or film title, so 《》 are not mark brackets
 *
 * Trade-offs: rule 3 would flag a title that starts "秘密 " followed by a space and ordinary words;
 * that is rare and a reviewer can remove the space. A mark written inside running text without a
 * star or brackets ("此件秘密" without 属于/系) is missed; the star, the 密级 field and the 版头 line
 * are how marks are actually typeset (GB/T 9704), and those are caught.
 */

const LEVEL = '(?:绝|机|秘)[ \\u3000]?密';
const PERIOD = '(?:\\d{1,4}[ \\u3000]*(?:年|个月|月|天|日)|长期|[〇一二三四五六七八九十]{1,3}年)';
const SP = '[ \\u3000]';

const STAR = new RegExp(`${LEVEL}${SP}*(?:[★☆](?:${SP}*${PERIOD})?|[*＊]${SP}*${PERIOD})`, 'gu');
const FIELD = new RegExp(
  `密${SP}*级${SP}*[:：]?${SP}*(?:绝密|机密|秘密|内部)|保密期限${SP}*[:：]${SP}*${PERIOD}`,
  'gu',
);
const LINE_START_LEVEL = new RegExp(`^${SP}*(${LEVEL}(?:${SP}*${PERIOD})?)(?=${SP}*$|${SP}+\\S|${SP}*\\d)`, 'u');
const BRACKETED = new RegExp(
  `[【\\[［〔(（]${SP}*(?:绝密|机密|秘密|内部资料|内部文件|内部使用|内部|涉密|国家秘密|工作秘密)${SP}*[】\\]］〕)）]`,
  'gu',
);

const HANDLING = [
  '仅供内部使用',
  '仅供内部参考',
  '内部资料',
  '内部文件',
  '内部使用',
  '内部明电',
  '注意保存',
  '不得外传',
  '严禁外传',
  '请勿外传',
  '不得翻印',
  '涉密',
  '国家秘密',
  '工作秘密',
];
const HANDLING_ALT = HANDLING.join('|');
const MARKS_ONLY_LINE = new RegExp(
  `^[ \\u3000★☆，,、。.·・/|]*(?:(?:${HANDLING_ALT})[ \\u3000★☆，,、。.·・/|]*)+$`,
  'u',
);
const LINE_START_HANDLING = new RegExp(
  `^${SP}*(内部资料|内部文件|内部使用|仅供内部使用|涉密)(?=${SP}*[：:★]|${SP}+\\S)`,
  'u',
);

const SELF = '(?:此件|本件|此文件|本文件|本材料|本资料|本报告|本通知|本表|本页|本刊)';
const SELF_STATEMENT = new RegExp(
  `${SELF}[^。；;\\n]{0,8}?(?:(?:属于|系|属|为|含有|含|涉及)(?:国家秘密|工作秘密|涉密(?:信息|内容)?)(?!的)|(?:不得外传|严禁外传|请勿外传|不得翻印|仅供内部(?:使用|参考)?))`,
  'gu',
);

const SECRET_SUGGESTION =
  '涉密信息严禁在互联网发布。请撤下该内容并按保密审查程序处理；确已解密的，须经定密机关确认后删除密级标志再发布';
const RESTRICTED_SUGGESTION = '请确认该信息可以公开：属于内部资料的不得发布；确可公开的，删除该标志后再发布';

const secretHit = (rule: string, start: number, excerpt: string): DetectorHit => ({
  check: 'classification',
  rule,
  start,
  end: start + excerpt.length,
  excerpt,
  message: `含密级标志“${excerpt}”，国家秘密严禁在互联网发布`,
  suggestion: SECRET_SUGGESTION,
  hard: true,
});

const restrictedHit = (rule: string, start: number, excerpt: string): DetectorHit => ({
  check: 'classification',
  rule,
  start,
  end: start + excerpt.length,
  excerpt,
  message: `含“${excerpt}”等内部或限制传播标志，不宜公开发布`,
  suggestion: RESTRICTED_SUGGESTION,
});

/** Lines and table cells with their offsets: marks are about position, so rules 3, 5 and 6 need them. */
export function cells(text: string): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (i === text.length || c === '\n' || c === '\t' || c === '\r') {
      out.push({ start, text: text.slice(start, i) });
      start = i + 1;
    }
  }
  return out;
}

const trimmed = (s: string): { lead: number; body: string } => {
  const body = s.trim();
  return { lead: body ? s.indexOf(body) : 0, body };
};

export function detectClassification(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  for (const m of text.matchAll(STAR)) hits.push(secretHit('star-mark', m.index, m[0]));
  for (const m of text.matchAll(FIELD)) {
    const restricted = m[0].endsWith('内部');
    hits.push(restricted ? restrictedHit('level-field', m.index, m[0]) : secretHit('level-field', m.index, m[0]));
  }
  for (const m of text.matchAll(BRACKETED)) {
    const isLevel = /(?:绝密|机密|秘密|国家秘密)/u.test(m[0]);
    hits.push(isLevel ? secretHit('bracketed-mark', m.index, m[0]) : restrictedHit('bracketed-mark', m.index, m[0]));
  }
  for (const m of text.matchAll(SELF_STATEMENT)) {
    const isSecret = m[0].includes('国家秘密');
    hits.push(isSecret ? secretHit('self-statement', m.index, m[0]) : restrictedHit('self-statement', m.index, m[0]));
  }
  for (const line of cells(text)) {
    const level = LINE_START_LEVEL.exec(line.text);
    if (level?.[1]) hits.push(secretHit('line-mark', line.start + line.text.indexOf(level[1]), level[1]));
    const { lead, body } = trimmed(line.text);
    if (body && MARKS_ONLY_LINE.test(body)) {
      // The whole line is marks; the excerpt is the line, so the reviewer sees it as typeset.
      const isSecret = body.includes('国家秘密');
      hits.push(
        isSecret
          ? secretHit('mark-line', line.start + lead, body)
          : restrictedHit('mark-line', line.start + lead, body),
      );
      continue;
    }
    const handling = LINE_START_HANDLING.exec(line.text);
    if (handling?.[1]) hits.push(restrictedHit('line-mark', line.start + line.text.indexOf(handling[1]), handling[1]));
  }
  return pickNonOverlapping(hits);
}
