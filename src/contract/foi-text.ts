import { z } from 'zod';

// The text fields of 依申请公开 (contract/foi.ts, foi-guide.ts): trimmed, bounded, and without markup.

/** Markup has no place in an application; refused in words rather than stored and escaped later. */
export const MARKUP = /<\s*\/?\s*[a-z!?]|javascript:/i;
export const noMarkup = (label: string) =>
  [(v: string) => !MARKUP.test(v), `${label}中不能包含网页代码（如 <script>）`] as const;
export const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`)
    .refine(...noMarkup(label));
export const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`)
    .refine(...noMarkup(label))
    .nullish()
    .transform((v) => (v ? v : null));
