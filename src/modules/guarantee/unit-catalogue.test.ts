import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readListFile } from './list-file.js';
import { parseResponsibility } from './responsibility.js';
import { isCreditCode, UnitCatalogue } from './unit-catalogue.js';

const seedDir = path.join(import.meta.dirname, '../../../seed');
const catalogue = UnitCatalogue.load(path.join(seedDir, 'units.json'));

describe('isCreditCode', () => {
  it('accepts a well-formed 统一社会信用代码 and refuses a wrong check character', () => {
    expect(isCreditCode('91350100M000100Y43')).toBe(true);
    expect(isCreditCode('91350100M000100Y44')).toBe(false);
    expect(isCreditCode('91350100M000100Y4')).toBe(false);
    expect(isCreditCode('91350100M000101Y43')).toBe(false);
  });
});

describe('the county directory (seed/units.json)', () => {
  it('has unique, well-formed codes, county prefixes and submit addresses', () => {
    expect(catalogue.units.length).toBeGreaterThan(50);
    for (const u of catalogue.units) {
      expect(isCreditCode(u.code), u.name).toBe(true);
      expect(u.code.slice(2, 8), u.name).toBe('320826');
      expect(u.emails.length, u.name).toBeGreaterThan(0);
      expect(u.name, u.name).toMatch(/涟水/);
    }
    expect(new Set(catalogue.units.map((u) => u.code)).size).toBe(catalogue.units.length);
    const towns = catalogue.units.filter((u) => u.category === 'town').map((u) => u.shortName);
    expect(towns).toEqual(expect.arrayContaining(['高沟镇', '唐集镇', '东胡集镇']));
    expect(catalogue.units.some((u) => u.category === 'street')).toBe(true);
    expect(catalogue.units.some((u) => u.category === 'park')).toBe(true);
  });

  it('knows every unit the seed list names, under every spelling it uses', async () => {
    const { rows } = await readListFile(fs.readFileSync(path.join(seedDir, 'guarantee-list.csv')));
    const names = rows.flatMap((r) =>
      parseResponsibility(r.responsibleText).parties.flatMap((p) => (p.kind === 'unit' ? [p.label] : [])),
    );
    for (const n of names) expect(catalogue.find(n), n).toBeDefined();
    const same = (a: string, b: string) => expect(catalogue.find(a)).toBe(catalogue.find(b));
    same('市场局', '市场监督管理局');
    same('市场监管局', '涟水县市场监督管理局');
    same('招标办', '招管办');
    same('国土局', '国土资源局');
    same('电视台', '广电台');
    same('民政局（双拥办）', '双拥办');
    same('“三进三帮”活动领导小组办公室', '三进三帮办');
    expect(catalogue.find('税务局')).toMatchObject({ category: 'vertical', name: '国家税务总局涟水县税务局' });
    expect(catalogue.find('水务公司')).toMatchObject({ category: 'soe' });
    expect(catalogue.find('县委办')).toMatchObject({ category: 'party_dept' });
    expect(catalogue.find('不存在的局')).toBeUndefined();
  });

  it('refuses a directory with a name claimed by two units', () => {
    const u = catalogue.units[0]!;
    expect(() => new UnitCatalogue([u, { ...catalogue.units[1]!, aliases: [u.shortName] }])).toThrow(/同时属于/);
  });

  it('leaves out names another unit already answers to', () => {
    const input = UnitCatalogue.toInput(catalogue.find('广电台')!, (n) => n === '电视台');
    expect(input.aliases).toEqual(['广电台']);
  });
});
