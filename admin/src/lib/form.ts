import type { FormInstance, FormRule } from 'antd';
import { ApiError } from '../api/client';
import type { Check } from './rules';

/** An Ant Design form rule from a mirrored server check. */
export function rule(check: Check): FormRule {
  return {
    validator: (_rule, value) => {
      const message = check(value);
      return message ? Promise.reject(new Error(message)) : Promise.resolve();
    },
  };
}

/** Required, with the message the server would give. */
export const requiredRule = (message = '不能为空'): FormRule => ({ required: true, whitespace: true, message });

/**
 * Put the server's field issues next to the fields they name ("disclosure.docNo" → that input).
 * Answers whether any issue found its field, so the caller knows if the top message is enough.
 */
export function showServerIssues(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || !error.issues.length) return false;
  // Only fields rendered in this form (getFieldsValue() lists registered fields, even when empty).
  const known = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
  const fields = error.issues
    .map((i) => ({ name: i.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [i.message] }))
    .filter((f) => typeof f.name[0] === 'string' && known.has(f.name[0]));
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}

/** Empty strings become null, the way the server's optional fields expect them. */
export function nullIfBlank<T extends Record<string, unknown>>(values: T, keys: Array<keyof T>): T {
  const out = { ...values };
  for (const k of keys) {
    const v = out[k];
    if (v === undefined || (typeof v === 'string' && v.trim() === '')) out[k] = null as T[keyof T];
  }
  return out;
}

/** Apply a check to every entry of a tag list (aliases, e-mail addresses), and cap the count. */
export function eachRule(check: Check, maxCount: number, what: string): FormRule {
  return {
    validator: (_rule, value: unknown) => {
      const list = Array.isArray(value) ? (value as unknown[]) : [];
      if (list.length > maxCount) return Promise.reject(new Error(`${what}最多 ${maxCount} 个`));
      for (const v of list) {
        const m = check(v);
        if (m) return Promise.reject(new Error(`“${String(v)}”：${m}`));
      }
      return Promise.resolve();
    },
  };
}

/**
 * The form's values, or null when a field is invalid. Ant Design rejects with the list of errors,
 * which it already shows next to the fields; callers only need to stop.
 */
export async function validated<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch (error) {
    if (error && typeof error === 'object' && 'errorFields' in error) return null;
    throw error;
  }
}
