/*
 * Radical code points that stand in for ordinary characters. PDF generators (Chromium and office
 * suites with Noto/Source Han fonts among them) map some glyphs back to the Kangxi radical or the CJK
 * radical-supplement code point instead of the ideograph: "二十大" comes out of the PDF as "⼆⼗⼤",
 * "人民" as "⼈⺠". Text copied from such a PDF into the editor carries them too. They look identical
 * and match nothing, so words and expressions would slip through.
 *
 * Kangxi radicals (U+2F00-U+2FD5) all have a compatibility decomposition (NFKC) to the ideograph. In
 * the supplement (U+2E80-U+2EF3) only two do; the ones that are whole characters of simplified
 * Chinese are listed here by hand (the name of each is in the comment). Every replacement is one
 * UTF-16 unit for one, so offsets never move.
 */
const SUPPLEMENT: Record<string, string> = {
  '\u2e9f': '母', // MOTHER
  '\u2ea0': '民', // CIVILIAN
  '\u2ec4': '西', // WEST TWO
  '\u2ec5': '见', // C-SIMPLIFIED SEE
  '\u2ec6': '角', // SIMPLIFIED HORN
  '\u2ec9': '贝', // C-SIMPLIFIED SHELL
  '\u2ecb': '车', // C-SIMPLIFIED CART
  '\u2ed3': '长', // C-SIMPLIFIED LONG
  '\u2ed4': '门', // C-SIMPLIFIED GATE
  '\u2ed8': '青', // BLUE
  '\u2ed9': '韦', // C-SIMPLIFIED TANNED LEATHER
  '\u2eda': '页', // C-SIMPLIFIED LEAF
  '\u2edb': '风', // C-SIMPLIFIED WIND
  '\u2edc': '飞', // C-SIMPLIFIED FLY
  '\u2edd': '食', // EAT ONE
  '\u2ee2': '马', // C-SIMPLIFIED HORSE
  '\u2ee3': '骨', // BONE
  '\u2ee4': '鬼', // GHOST
  '\u2ee5': '鱼', // C-SIMPLIFIED FISH
  '\u2ee6': '鸟', // C-SIMPLIFIED BIRD
  '\u2ee7': '卤', // C-SIMPLIFIED SALT
  '\u2ee8': '麦', // SIMPLIFIED WHEAT
  '\u2ee9': '黄', // SIMPLIFIED YELLOW
  '\u2eea': '黾', // C-SIMPLIFIED FROG
  '\u2eec': '齐', // C-SIMPLIFIED EVEN
  '\u2eee': '齿', // C-SIMPLIFIED TOOTH
  '\u2ef0': '龙', // C-SIMPLIFIED DRAGON
  '\u2ef3': '龟', // C-SIMPLIFIED TURTLE
};

export const isRadical = (code: number) => code >= 0x2e80 && code <= 0x2fdf;

/** The ideograph a radical code point stands for, or the character itself. */
export function radicalToHan(c: string): string {
  const code = c.charCodeAt(0);
  if (!isRadical(code)) return c;
  const mapped = SUPPLEMENT[c] ?? c.normalize('NFKC');
  return mapped.length === 1 ? mapped : c;
}

/** The text with every radical stand-in replaced by its ideograph; the length never changes. */
export function unifyRadicals(text: string): string {
  return /[\u2e80-\u2fdf]/.test(text) ? text.replace(/[\u2e80-\u2fdf]/g, radicalToHan) : text;
}
