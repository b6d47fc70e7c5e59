import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.js';

const COMMON = '密码过于常见或容易猜到（如 Password1、Lianshui2026），请换一个，例如几个词组成的短句';

describe('passwordProblem', () => {
  it('asks for at least 10 characters, whatever their kinds', () => {
    expect(passwordProblem('Ab1!xyz9')).toBe('密码至少 10 位');
    expect(passwordProblem('x'.repeat(129))).toBe('密码不能超过 128 位');
    expect(passwordProblem('河边的柳树发了新芽')).toBe('密码至少 10 位');
    expect(passwordProblem('河边的柳树今年发了新芽')).toBeNull();
    expect(passwordProblem('correct horse battery')).toBeNull();
    expect(passwordProblem('tiaoshui river 2026')).toBeNull();
  });

  it('refuses common and county-obvious passwords, the demo password among them', () => {
    for (const p of [
      'Password1',
      'Password123',
      'P@ssw0rd2026',
      'Lianshui2026',
      'lianshui@2026!',
      'Demo@2026lianshui',
      'Admin@123456',
      'Huaian20262026',
      '1qaz2wsx3edc',
      '1qaz@WSX3edc',
      'Qwertyuiop1',
      '1234567890',
      '涟水县政府2026',
      'woaini1314520',
      'aaaaaaaaaaaa',
      'abababababab',
    ])
      expect(passwordProblem(p), p).not.toBeNull();
    expect(passwordProblem('Lianshui2026')).toBe(COMMON);
    expect(passwordProblem('Password1')).toBe('密码至少 10 位');
    expect(passwordProblem('Password12')).toBe(COMMON);
  });

  it('never equals or contains the user name', () => {
    expect(passwordProblem('czj_officer', 'czj_officer')).toBe('密码不能包含用户名');
    expect(passwordProblem('my-CZJ-river-2026', 'czj')).toBe('密码不能包含用户名');
    expect(passwordProblem('my-river-boat-2026', 'czj')).toBeNull();
  });
});
