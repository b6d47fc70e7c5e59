import { shanghaiDay } from '../../../platform/time.js';
import { detectClassification } from './classification.js';
import { DEFAULT_EXPRESSIONS, DEFAULT_WORDS } from './default-lists.js';
import {
  DISCLOSURE_FIELD_LABELS,
  detectDisclosure,
  type DisclosureMeta,
  type DisclosureRequirements,
} from './disclosure.js';
import { extractBody } from './body-text.js';
import { extractAttachment, type AttachmentInput, type ExtractedAttachment } from './extract.js';
import { detectLinks, type LinkResolver } from './links.js';
import { detectPersonalData } from './personal-data.js';
import {
  DEFAULT_MODES,
  type CheckKind,
  type CheckMode,
  type DetectorHit,
  type Finding,
  type LocatedText,
  type Location,
} from './types.js';
import { compileExpressions, compileWords, type ExpressionEntry, type WordEntry } from './words.js';

export { ALWAYS_BLOCKS, CHECK_KINDS, CHECK_KIND_LABELS, DEFAULT_MODES } from './types.js';
export type { CheckKind, CheckMode, Finding, Location, Severity } from './types.js';

export interface CheckInput {
  title: string;
  bodyHtml: string;
  attachments: AttachmentInput[];
  isDisclosure: boolean;
  /** The content module's article type code; "document" is 公文. */
  type: string;
  disclosure: DisclosureMeta;
  /** Does an address of this site lead somewhere? Absent: internal links are not checked. */
  resolveLink?: LinkResolver;
  /** Host names of this site (www.lianshui.gov.cn, ...); links to other hosts are not checked here. */
  siteHosts: string[];
  /** When the item is to go online (a scheduled time, or now when absent); 成文日期 must not be later. */
  publishAt?: string | Date;
}

export interface CheckConfig {
  modes: Partial<Record<CheckKind, CheckMode>>;
  words: readonly WordEntry[];
  expressions: readonly ExpressionEntry[];
  disclosureRequirements?: DisclosureRequirements;
  /** How an attachment's text is read: the server passes AttachmentReader (a worker with limits). */
  readAttachment?: (a: AttachmentInput) => Promise<ExtractedAttachment>;
}

export interface Checker {
  run(input: CheckInput): Promise<Finding[]>;
}

const CONTEXT_CHARS = 30;

/** A window of the text around [start, end), whitespace collapsed outside the excerpt. */
export function contextOf(text: string, start: number, end: number): { context: string; contextOffset: number } {
  const from = Math.max(0, start - CONTEXT_CHARS);
  const to = Math.min(text.length, end + CONTEXT_CHARS);
  const squeeze = (s: string) => s.replace(/\s+/g, ' ');
  const before = (from > 0 ? '…' : '') + squeeze(text.slice(from, start));
  const after = squeeze(text.slice(end, to)) + (to < text.length ? '…' : '');
  return { context: before + text.slice(start, end) + after, contextOffset: before.length };
}

/**
 * Compile the lists once and check many items with them: the word lists of a county run to a few
 * thousand entries, and their automaton is built here, not per item.
 */
export function createChecker(config: Partial<CheckConfig> = {}): Checker {
  const modes: Record<CheckKind, CheckMode> = { ...DEFAULT_MODES, ...config.modes };
  const on = (k: CheckKind) => modes[k] !== 'off';
  // Detectors with hard hits run even when their check is off: those hits block regardless.
  const runs = (k: CheckKind) => on(k) || k === 'classification' || k === 'personal-data';
  const words = compileWords(config.words ?? DEFAULT_WORDS);
  const expressions = compileExpressions(config.expressions ?? DEFAULT_EXPRESSIONS);

  const finding = (hit: DetectorHit, location: Location, text: string): Finding | null => {
    const mode = modes[hit.check];
    const hard = hit.hard === true && !hit.advisory;
    if (mode === 'off' && !hard) return null;
    return {
      check: hit.check,
      rule: hit.rule,
      severity: hard || (mode === 'block' && !hit.advisory) ? 'block' : 'warn',
      location,
      start: hit.start,
      end: hit.end,
      excerpt: hit.excerpt,
      ...contextOf(text, hit.start, hit.end),
      message: hit.message,
      ...(hit.suggestion ? { suggestion: hit.suggestion } : {}),
    };
  };

  const scanText = (piece: LocatedText, today: Date): DetectorHit[] => {
    const hits: DetectorHit[] = [];
    if (runs('classification')) hits.push(...detectClassification(piece.text));
    if (runs('personal-data')) hits.push(...detectPersonalData(piece.text, today));
    if (on('prohibited-word') || on('sensitive-word')) hits.push(...words.detect(piece.text));
    if (on('wrong-expression')) hits.push(...expressions.detect(piece.text));
    return hits.sort((a, b) => a.start - b.start || b.end - a.end);
  };

  return {
    async run(input) {
      const today = new Date();
      const out: Finding[] = [];
      const push = (hits: DetectorHit[], piece: LocatedText) => {
        for (const hit of hits) {
          const f = finding(hit, piece.location, piece.text);
          if (f) out.push(f);
        }
      };
      const scan = (piece: LocatedText) => push(scanText(piece, today), piece);

      scan({ location: { kind: 'title', label: '标题' }, text: input.title ?? '' });

      const body = extractBody(input.bodyHtml ?? '');
      const bodyPiece: LocatedText = { location: { kind: 'body', label: '正文' }, text: body.text };
      scan(bodyPiece);
      if (on('dead-link') || on('image-alt')) {
        const linkHits = await detectLinks(body.links, body.images, {
          siteHosts: input.siteHosts,
          resolve: input.resolveLink,
        });
        for (const { hit, address, inBody } of linkHits) {
          // A link with text is shown by its text, so the label carries the address; otherwise the
          // address is the excerpt and the label only says what it is.
          const what = hit.check === 'image-alt' || hit.rule === 'image' ? '正文图片' : '正文链接';
          const label = inBody ? `${what}（${address}）` : what;
          push([hit], { location: { kind: 'body', label, part: address }, text: inBody ? body.text : address });
        }
      }

      // One attachment at a time: a large PDF or workbook is held in memory only while it is read.
      for (const a of input.attachments) {
        const { pieces, problems } = await (config.readAttachment ?? extractAttachment)(a);
        for (const piece of pieces) scan(piece);
        const fileLocation: Location = { kind: 'attachment', label: `附件“${a.name}”`, attachmentId: a.id };
        for (const p of problems) {
          const f = finding(
            {
              check: 'attachment-unreadable',
              rule: p.rule,
              start: 0,
              end: a.name.length,
              excerpt: a.name,
              message: p.message,
            },
            fileLocation,
            a.name,
          );
          if (f) out.push(p.detail ? { ...f, detail: p.detail } : f);
        }
      }

      if (input.isDisclosure && on('disclosure-metadata')) {
        const publishDay = shanghaiDay(input.publishAt ?? today);
        for (const { field, value, hit } of detectDisclosure(input.disclosure ?? {}, {
          type: input.type,
          publishDay,
          requirements: config.disclosureRequirements,
        })) {
          push([hit], { location: { kind: 'metadata', label: DISCLOSURE_FIELD_LABELS[field], field }, text: value });
        }
      }
      return out;
    },
  };
}

/** Check one item. Prefer createChecker() when checking many items with the same lists. */
export function runChecks(input: CheckInput, config: Partial<CheckConfig> = {}): Promise<Finding[]> {
  return createChecker(config).run(input);
}

/** Does anything stop publication? Warnings pass only with a recorded reason; blocks do not pass. */
export const hasBlocking = (findings: readonly Finding[]) => findings.some((f) => f.severity === 'block');
