import { describe, expect, it } from 'vitest';
import { creditCodeProblem, residentIdProblem } from './foi-identity.js';

describe('identity numbers', () => {
  it('accepts a resident ID whose check digit is right (X included) and refuses one digit changed', () => {
    expect(residentIdProblem('11010519491231002X')).toBeNull();
    expect(residentIdProblem('11010519491231002x')).toBeNull();
    expect(residentIdProblem('110105194912310021')).toMatch(/校验位/);
    expect(residentIdProblem('110105194913310028')).toMatch(/出生日期/);
    expect(residentIdProblem('1101051949123100')).toMatch(/18位/);
  });

  it('accepts a 统一社会信用代码 whose check character is right and refuses a changed one', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('91350100M000100Y44')).toMatch(/校验位/);
    expect(creditCodeProblem('91350100M000100YI3')).toMatch(/不含/);
  });
});
