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

export async function makeUnit(s: Services, name: string, category: UnitCategory = 'gov_dept', extra: { shortName?: string; aliases?: string[]; emails?: string[] } = {}) {
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
    s.accounts.createIn(trx, { username, displayName: username, unitId, roles, active: true, phone: null, email: `${username}@example.test` }, hash),
  );
}

export async function makeColumn(s: Services, siteId: number, name: string, parentId: number | null = null, extra: Partial<Parameters<Services['columns']['create']>[1]> = {}) {
  return s.columns.create(system, { siteId, parentId, name, kind: 'list', inNav: true, ...extra });
}
