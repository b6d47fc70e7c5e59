import { describe, expect, it } from 'vitest';
import { cleanText, validateForm } from './form.js';
import { maskEmail, maskFreeText, maskIdNumber, maskName, maskPhone } from './mask.js';
import { isMobilePhone, newQueryCode, normalisePhone, normaliseQueryCode } from './query-code.js';
import { z } from 'zod';

describe('masking personal data', () => {
  it('keeps what lets the owner recognise it and hides the rest', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('𠀀𠀁')).toBe('𠀀*'); // a GB18030 character outside the BMP counts as one
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0517-8232')).toBe('05****32');
    expect(maskEmail('zhangsan@example.com')).toBe('z***@example.com');
    expect(maskIdNumber('32082619900101123X')).toBe('320826********123X');
  });

  it('finds phones, ID numbers and e-mail addresses inside free text', () => {
    const out = maskFreeText('我的电话13812345678，身份证320826199001011234，邮箱a.b@x.cn。');
    expect(out).not.toContain('13812345678');
    expect(out).not.toContain('199001011234');
    expect(out).not.toContain('a.b@x.cn');
    expect(out).toContain('138****5678');
  });
});

describe('查询码', () => {
  it('is grouped, unambiguous and different each time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newQueryCode()));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  });

  it('reads back what a person typed', () => {
    const c = newQueryCode();
    expect(normaliseQueryCode(` ${c.replace(/-/g, ' ').toLowerCase()} `)).toBe(c);
    expect(normaliseQueryCode(c.replace(/-/g, '—'))).toBe(c);
  });

  it('normalises mobile numbers', () => {
    expect(normalisePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(isMobilePhone('13812345678')).toBe(true);
    expect(isMobilePhone('12812345678')).toBe(false);
  });
});

describe('form text', () => {
  it('drops control and direction characters, keeps emoji and rare characters', () => {
    expect(cleanText(' a\r\nb\u0000\u202e😀𠀀 ')).toBe('a\nb😀𠀀');
    expect(cleanText('x\ud800y')).toBe('xy');
  });

  it('names the fields that failed, once each', () => {
    const schema = z.object({
      name: z.string().min(1, '请填写姓名'),
      phone: z.string().regex(/^1\d{10}$/, '手机号码格式不正确'),
    });
    const r = validateForm(schema, { name: '', phone: 'x' });
    expect(r).toEqual({
      ok: false,
      issues: [
        { field: 'name', message: '请填写姓名' },
        { field: 'phone', message: '手机号码格式不正确' },
      ],
    });
  });
});
