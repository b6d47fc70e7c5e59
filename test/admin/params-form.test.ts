import { describe, expect, it } from 'vitest';
import { paramsPayload, toParamsForm } from '../../admin/src/features/guarantee/params-form.js';
import { DutyParamsInput } from '../../src/modules/guarantee/guarantee-status.schemas.js';

// The duty parameters form: what it shows for a duty's overrides, and the body it sends, which the
// server's schema must accept as it is.

describe('duty parameters form', () => {
  it('shows the overrides and sends them back unchanged', () => {
    const overrides = {
      minCount: 2,
      perUnit: true,
      countStates: 'adopted' as const,
      window: { months: 12, warnDays: 30 },
    };
    const form = toParamsForm(overrides);
    expect(form).toMatchObject({
      minCount: 2,
      perUnit: 'yes',
      countStates: 'adopted',
      workdaysOnly: 'default',
      windowMode: 'custom',
      windowUnit: 'months',
      windowAmount: 12,
      warnDays: 30,
    });
    const body = paramsPayload(form);
    expect(body).toEqual(overrides);
    expect(DutyParamsInput.parse(body)).toEqual(overrides);
  });

  it('leaves out what stays at 默认, and sends null for 不设期限', () => {
    expect(paramsPayload(toParamsForm({}))).toEqual({});
    expect(paramsPayload({ ...toParamsForm({}), windowMode: 'none' })).toEqual({ window: null });
    expect(DutyParamsInput.parse({ window: null })).toEqual({ window: null });
  });

  it('starts a custom window from the one the column class gives, in its unit', () => {
    const form = toParamsForm({}, { months: 6, warnDays: 20 });
    expect(form).toMatchObject({ windowMode: 'default', windowUnit: 'months', windowAmount: 6, warnDays: 20 });
    // Still 默认 until someone chooses 自定义期限; then the class's window is the starting point.
    expect(paramsPayload(form)).toEqual({});
    expect(paramsPayload({ ...form, windowMode: 'custom' })).toEqual({ window: { months: 6, warnDays: 20 } });
    expect(toParamsForm({}, { days: 14, warnDays: 4 })).toMatchObject({ windowUnit: 'days', windowAmount: 14 });
  });
});
