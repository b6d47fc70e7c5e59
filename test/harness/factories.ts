import { systemActor } from '../../src/platform/auth/actor.js';
import { hashPassword } from '../../src/platform/auth/password.js';
import type { Role } from '../../src/platform/auth/roles.js';
import type { UnitCategory } from '../../src/modules/org/org.schemas.js';
import type { Services } from '../../src/services.js';

export const PASSWORD = 'Test@Pass2026';
export const system = systemActor('test');

let hashed: Promise<string> | null = null;
/** One argon2 hash per test process: hashing is deliberately slow. */
export const passwordHash = () => (hashed ??= hashPassword(PASSWORD));

let seq = 0;
const next = () => ++seq;

export async function makeSite(s: Services, overrides: Partial<Parameters<Services['sites']['create']>[1]> = {}) {
  const n = next();
  return s.sites.create(system, {
    name: `测试县人民政府 ${n}`,
    code: `site${n}`,
    hosts: [],
    theme: 'default',
    isDefault: n === 1,
    homeBlocks: [],
    siteCode: '3208260001',
    icp: '苏ICP备00000000号',
    psb: '苏公网安备 32082602000001号',
    sponsor: '测试县人民政府办公室',
    ...overrides,
  });
}

export async function makeUnit(
  s: Services,
  name: string,
  category: UnitCategory = 'gov_dept',
  extra: { shortName?: string; aliases?: string[]; emails?: string[] } = {},
) {
  return s.units.create(system, {
    name: `涟水县${name}`,
    shortName: extra.shortName ?? name,
    category,
    code: `TEST${String(next()).padStart(6, '0')}`,
    aliases: extra.aliases ?? [],
    emails: extra.emails ?? [],
    sortOrder: 0,
    active: true,
  });
}

export async function makeAccount(s: Services, username: string, unitId: number, roles: Role[]): Promise<number> {
  const hash = await passwordHash();
  return s.uow.run((trx) =>
    s.accounts.createIn(
      trx,
      { username, displayName: username, unitId, roles, active: true, phone: null, email: `${username}@example.test` },
      hash,
    ),
  );
}

export async function makeColumn(
  s: Services,
  siteId: number,
  name: string,
  parentId: number | null = null,
  extra: Partial<Parameters<Services['columns']['create']>[1]> = {},
) {
  return s.columns.create(system, { siteId, parentId, name, kind: 'list', inNav: true, ...extra });
}

/** A guarantee duty row written directly (tests of other modules need duties, not the duty service). */
export async function makeDuty(
  s: Services,
  columnId: number,
  who: { unitId?: number; groupId?: number },
  requirement = '动态维护',
) {
  const now = new Date().toISOString();
  const { insertReturningId } = await import('../../src/platform/db/helpers.js');
  const dutyId = await insertReturningId(s.database.db, 'duties', {
    column_id: columnId,
    requirement_text: requirement,
    cadence: 'dynamic',
    min_per_week: null,
    channel: 'backoffice',
    rule: JSON.stringify({ cadence: 'dynamic' }),
    note: null,
    effective_from: now.slice(0, 10),
    created_at: now,
    updated_at: now,
  });
  await s.database.db
    .insertInto('duty_units')
    .values({
      duty_id: dutyId,
      unit_id: who.unitId ?? null,
      group_id: who.groupId ?? null,
      role: 'lead',
      label: 'test',
    })
    .execute();
  return dutyId;
}

/** A multipart body carrying one file, as a browser form would send it. */
export function multipartFile(
  filename: string,
  bytes: Buffer,
  field = 'file',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----govportal${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A column of a site found by its names from the top, as a guarantee list writes it ("政务公开/管理公开/财政预决算"). */
export async function columnByNames(s: Services, siteId: number, namePath: string) {
  const all = await s.columns.listBySite(siteId);
  let found: (typeof all)[number] | undefined;
  for (const name of namePath.split('/')) {
    const parentId: number | null = found?.id ?? null;
    found = all.find((c) => c.parentId === parentId && c.name === name);
    if (!found) throw new Error(`找不到栏目“${namePath}”`);
  }
  return found!;
}
