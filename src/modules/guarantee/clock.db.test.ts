import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../../../test/harness/app.js';
import { PASSWORD, makeAccount, makeUnit } from '../../../test/harness/factories.js';

// The guarantee module's today comes from one clock (buildApp's guaranteeClock): the board, the unit
// view and the trend's default range all agree on it, whatever day the tests run.

let t: TestApp;
let editor: ApiClient;

beforeAll(async () => {
  t = await createTestApp({ guaranteeClock: () => new Date('2026-07-15T03:00:00.000Z') });
  const office = await makeUnit(t.services, '人民政府办公室', 'gov_dept', { shortName: '政府办' });
  await makeAccount(t.services, 'editor', office.id, ['site_editor']);
  editor = await ApiClient.login(t.server, 'editor', PASSWORD);
});
afterAll(() => t?.close());

it('judges today and ends the default trend range on the clock’s day', async () => {
  expect((await editor.get('/api/guarantee/status')).json()).toMatchObject({ day: '2026-07-15', final: false });
  const trend = (await editor.get('/api/guarantee/trend')).json();
  expect(trend.to).toBe('2026-07-15');
  expect(trend.weeks.at(-1)).toBe('2026-07-13');
  expect((await editor.get('/api/guarantee/coverage')).statusCode).toBe(200);
});
