import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/app.js';
import { systemActor } from '../../platform/auth/actor.js';

// The 对象 filter of the audit screen: 设置 finds every change of a setting, whichever service made it
// and whether it was written before the two kinds ('setting', 'settings') were merged into one.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('audit log filtered by 设置', () => {
  it('finds the settings changed by every service, and the older records of the merged kind', async () => {
    const actor = systemActor('test');
    const s = t.services;
    await s.corrections.setSetting(actor, { enabled: true, maxChars: 30 });
    await s.searchAdmin.saveAbbreviations(actor, [{ term: '县府办', expansions: ['县人民政府办公室'] }]);
    // As the guarantee settings and the search settings wrote them until now.
    await s.uow.run((_trx, emit) =>
      emit({ type: 'guarantee.settings_updated', actor, entityType: 'setting', entityId: 'x', summary: '旧记录' }),
    );
    const { items, total } = await s.auditLog.list(actor, { entityType: 'settings', limit: 50, offset: 0 });
    expect(items.map((i) => i.action).sort()).toEqual([
      'guarantee.settings_updated',
      'search.abbreviations_updated',
      'settings.minor_corrections',
    ]);
    expect(total).toBe(3);
    // New records are all of the one kind the filter offers.
    expect(items.find((i) => i.action === 'search.abbreviations_updated')?.entityType).toBe('settings');
  });
});
