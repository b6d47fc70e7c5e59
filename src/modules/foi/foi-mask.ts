// Placeholder until src/platform/public-forms/mask.ts (helper "letters") is merged: same names and
// behaviour, replaced by a re-export of it then. Not a second implementation to keep.

export function maskName(name: string): string {
  const c = Array.from(name.trim());
  return c.length ? c[0] + '*'.repeat(Math.max(1, c.length - 1)) : '';
}

export function maskPhone(phone: string): string {
  const c = Array.from(phone.replace(/[\s-]/g, ''));
  if (c.length >= 11) return `${c.slice(0, 3).join('')}${'*'.repeat(c.length - 7)}${c.slice(-4).join('')}`;
  if (c.length <= 4) return '*'.repeat(c.length);
  return `${c.slice(0, 2).join('')}${'*'.repeat(c.length - 4)}${c.slice(-2).join('')}`;
}
