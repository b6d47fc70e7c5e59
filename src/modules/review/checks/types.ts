// Shared vocabulary of the pre-publish checks. Detectors produce DetectorHits (offsets inside one
// piece of text); runChecks places them (where the text came from), grades them (block or warn, from
// the configured mode) and adds a window of context for the reviewer.

export const CHECK_KINDS = [
  'classification',
  'personal-data',
  'prohibited-word',
  'sensitive-word',
  'wrong-expression',
  'dead-link',
  'image-alt',
  'disclosure-metadata',
  'attachment-unreadable',
] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export const CHECK_KIND_LABELS: Record<CheckKind, string> = {
  classification: '密级及内部标志',
  'personal-data': '个人信息',
  'prohibited-word': '禁用词',
  'sensitive-word': '敏感词',
  'wrong-expression': '错误表述',
  'dead-link': '无效链接',
  'image-alt': '图片缺少替代文字',
  'disclosure-metadata': '公开信息元数据',
  'attachment-unreadable': '附件无法检查',
};

export type CheckMode = 'block' | 'warn' | 'off';
export type Severity = 'block' | 'warn';

/**
 * The defaults of issue 4: what would make the portal fail an inspection outright (a leaked secret,
 * personal data, a prohibited word, a disclosure item without its metadata) blocks; what needs a
 * person's judgement warns, and a warning passes only with a recorded reason. An attachment that
 * cannot be read warns rather than blocks: the reviewer opens it and says so.
 */
export const DEFAULT_MODES: Record<CheckKind, CheckMode> = {
  classification: 'block',
  'personal-data': 'block',
  'prohibited-word': 'block',
  'sensitive-word': 'warn',
  'wrong-expression': 'warn',
  'dead-link': 'warn',
  'image-alt': 'warn',
  'disclosure-metadata': 'block',
  'attachment-unreadable': 'warn',
};

/** What blocks whatever the office sets, per check, said where the modes are set. */
export const ALWAYS_BLOCKS: Partial<Record<CheckKind, string>> = {
  classification: '密级标志（绝密、机密、秘密★）始终阻止，不受此设置影响',
  'personal-data': '身份证号码、银行卡号始终阻止，不受此设置影响（此设置只管手机号码等）',
};

export type LocationKind = 'title' | 'body' | 'attachment' | 'metadata';

export interface Location {
  kind: LocationKind;
  /**
   * The whole place, for people, never repeating the excerpt: 标题, 正文, 正文链接（/xxgk/1.html）,
   * 附件“名单.xlsx” 补贴名单!C3, 附件“报告.pdf” 第2页, 文号. Show it as it is.
   */
  label: string;
  attachmentId?: number | string;
  /** The part of the label inside an attachment or the body ("补贴名单!C3", "第2页", a link address), for grouping. */
  part?: string;
  /** For metadata: the field (docNo, writtenOn, issuer, topicCategory, ...), to point the form at it. */
  field?: string;
}

/** One piece of text and where it came from; detectors run over `text`. */
export interface LocatedText {
  location: Location;
  text: string;
}

/** What a detector reports: offsets are UTF-16 indices into the text it was given. */
export interface DetectorHit {
  check: CheckKind;
  /** A finer name inside the check (id-number, mobile, star-mark, ...), stable for tests and the UI. */
  rule: string;
  start: number;
  end: number;
  excerpt: string;
  message: string;
  suggestion?: string;
  /** Never more than a warning, whatever the mode (format advice, files that could not be read). */
  advisory?: boolean;
  /**
   * Always blocks, whatever the mode: a classification mark (涉密信息严禁上网) and an ID or bank card
   * number are never a matter of judgement, so no setting lets them through.
   */
  hard?: boolean;
}

export interface Finding {
  check: CheckKind;
  rule: string;
  severity: Severity;
  location: Location;
  start: number;
  end: number;
  excerpt: string;
  /** A window of the surrounding text, whitespace collapsed; the excerpt sits at contextOffset. */
  context: string;
  contextOffset: number;
  message: string;
  suggestion?: string;
  /** For an attachment that could not be read: the reader's error, in English, for the log only. */
  detail?: string;
}
