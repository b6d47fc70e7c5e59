import { describe, expect, it } from 'vitest';
import { detectPersonalData, idCheckChar, isValidCardNumber, isValidIdNumber, luhnValid } from './personal-data.js';

const TODAY = new Date('2026-03-15T00:00:00Z');
const found = (text: string) => detectPersonalData(text, TODAY).map((h) => [h.rule, h.excerpt]);

describe('ID numbers (GB 11643)', () => {
  it('computes the check character of the standard example', () => {
    // The example printed in GB 11643-1999.
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X', TODAY)).toBe(true);
    expect(isValidIdNumber('11010519491231002x', TODAY)).toBe(true);
  });

  it('needs the right check digit, a province and a real birth date', () => {
    expect(isValidIdNumber('320826197803150015', TODAY)).toBe(true);
    expect(isValidIdNumber('320826197803150016', TODAY)).toBe(false); // check digit
    expect(isValidIdNumber('990826197803150010', TODAY)).toBe(false); // no province 99
    expect(isValidIdNumber(`32082619780230001${idCheckChar('32082619780230001')}`, TODAY)).toBe(false); // 30 February
    expect(isValidIdNumber(`32082618900101001${idCheckChar('32082618900101001')}`, TODAY)).toBe(false); // before 1900
    expect(isValidIdNumber(`32082620270101001${idCheckChar('32082620270101001')}`, TODAY)).toBe(false); // not born yet
  });

  it('finds a valid ID number in running text with its offsets', () => {
    const text = '申请人张某某，身份证号码320826197803150015，住涟水县。';
    const [hit] = detectPersonalData(text, TODAY);
    expect(hit).toMatchObject({
      check: 'personal-data',
      rule: 'id-number',
      excerpt: '320826197803150015',
      start: 12,
      end: 30,
    });
    expect(hit!.suggestion).toContain('320826********0015');
  });

  it('finds an ID number ending in X', () => {
    expect(found('身份证：32082619900511203X')).toEqual([['id-number', '32082619900511203X']]);
  });

  it.each([
    ['a wrong check digit', '身份证号码320826197803150016'],
    ['inside a longer digit run', '流水号3208261978031500151'],
    ['already masked', '身份证号码320826********0015'],
    ['a 统一社会信用代码', '统一社会信用代码：11320826014109213X'],
  ])('stays quiet on %s', (_why, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('mobile numbers', () => {
  it.each([
    ['联系电话：13905171234。', '13905171234'],
    ['手机138-1234-5678', '138-1234-5678'],
    ['手机 138 1234 5678', '138 1234 5678'],
    ['+86 13905171234', '+86 13905171234'],
    ['电话19951234567，', '19951234567'],
  ])('%s', (text, excerpt) => {
    expect(found(text)).toEqual([['mobile', excerpt]]);
    expect(detectPersonalData(text, TODAY)[0]!.suggestion).toMatch(/\d{3}\*{4}\d{4}/);
  });

  it.each([
    ['an office landline', '咨询电话：0517-82380090'],
    ['a landline without a separator', '咨询电话：051782380090'],
    ['an 11-digit number starting with 12', '项目编号12345678901'],
    ['an 11-digit number starting with 10', '编号10086123456'],
    ['inside a longer digit run', '订单号2026138123456789'],
    ['a decimal', '比例为0.13812345678'],
    ['an amount', '合计13812345678元'],
    ['a date', '2026年3月15日、2026-03-15、20260315'],
    ['a 文号', '涟政发〔2026〕12号'],
    ['a masked mobile', '联系人：张先生 138****5678'],
  ])('stays quiet on %s', (_why, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('bank card numbers', () => {
  it('validates Luhn and the issuer prefix', () => {
    expect(luhnValid('6222021710001234569')).toBe(true);
    expect(luhnValid('6222021710001234568')).toBe(false);
    expect(isValidCardNumber('6222021710001234569')).toBe(true);
    expect(isValidCardNumber('4367800102030405')).toBe(false); // Luhn fails
    expect(isValidCardNumber('436780010203040507')).toBe(true);
    expect(isValidCardNumber('8888888888888888')).toBe(false); // Luhn passes, no issuer starts with 8
  });

  it.each([
    ['卡号6222021710001234569', '6222021710001234569'],
    ['卡号 6222 0217 1000 1234 569', '6222 0217 1000 1234 569'],
    ['账号：622848012345678900。', '622848012345678900'],
    ['Visa 4367 8001 0203 0405 07', '4367 8001 0203 0405 07'],
  ])('%s', (text, excerpt) => {
    expect(found(text)).toEqual([['bank-card', excerpt]]);
  });

  it.each([
    ['a 19-digit order number failing Luhn', '订单号6222021710001234568'],
    ['a 20-digit number', '编号62220217100012345691'],
    ['a piece of a longer grouped number', '1234 6222 0217 1000 1234 569'],
    ['an amount', '预算4000000000000002元'],
  ])('stays quiet on %s', (_why, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('several kinds together', () => {
  it('keeps numbers in neighbouring table cells apart and reports each once', () => {
    const row = '1\t张某某\t320826197803150015\t6222021710001234569\t13905171234';
    expect(found(row)).toEqual([
      ['id-number', '320826197803150015'],
      ['bank-card', '6222021710001234569'],
      ['mobile', '13905171234'],
    ]);
  });

  it('an ID number is not also reported as a card or a mobile', () => {
    expect(detectPersonalData('320826198506221029', TODAY)).toHaveLength(1);
  });
});
