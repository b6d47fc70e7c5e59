import { describe, expect, it } from 'vitest';
import { fileNameIsSafe, inside, relPathOf, targetOf, TEMP_FILE, type Target } from './static.paths.js';

// The layout is shared with the nginx configuration: every target has one path and reads back from it.

describe('the output folder layout', () => {
  const targets: Target[] = [
    { kind: 'home' },
    { kind: 'article', id: 42 },
    { kind: 'column', path: 'xwzx/lsxw', page: 0 },
    { kind: 'column', path: 'xwzx/lsxw', page: 1 },
    { kind: 'column', path: 'xwzx/lsxw', page: 7 },
    { kind: 'rss', path: 'zwgk' },
    { kind: 'sitemap.xml' },
    { kind: 'sitemap.html' },
    { kind: 'robots' },
    { kind: 'file', id: 9, name: '2026年预算公开表.pdf' },
    { kind: 'asset', theme: 'default', file: 'css/site.css' },
  ];

  it('maps each target to the agreed path and back', () => {
    expect(targets.map((t) => relPathOf('lianshui', t))).toEqual([
      'lianshui/index.html',
      'lianshui/a/42.html',
      'lianshui/c/xwzx/lsxw/index.html',
      'lianshui/c/xwzx/lsxw/index_1.html',
      'lianshui/c/xwzx/lsxw/index_7.html',
      'lianshui/c/zwgk/rss.xml',
      'lianshui/sitemap.xml',
      'lianshui/sitemap.html',
      'lianshui/robots.txt',
      'lianshui/files/9/2026年预算公开表.pdf',
      'lianshui/static/default/css/site.css',
    ]);
    for (const t of targets) expect(targetOf(relPathOf('lianshui', t))).toEqual({ siteCode: 'lianshui', target: t });
  });

  it('reads nothing else as a target', () => {
    for (const rel of [
      'lianshui/evil.html',
      'lianshui/a/0.html',
      'lianshui/c/xwzx/index_0.html',
      'lianshui/c/xwzx/index_01.html',
      'lianshui/c/../index.html',
      'lianshui/static/default/../../x',
      'lianshui/files/9/.htaccess',
      'index.html',
    ])
      expect(targetOf(rel), rel).toBeNull();
  });

  it('keeps file names that cannot be one file, and paths outside the folder, out', () => {
    expect(fileNameIsSafe('通知.docx')).toBe(true);
    for (const bad of ['a/b.pdf', '.hidden', '', 'x\u0000.pdf', `${'很'.repeat(90)}.pdf`])
      expect(fileNameIsSafe(bad)).toBe(false);
    expect(() => inside('/srv/public', '../etc/passwd')).toThrow();
    expect(TEMP_FILE.test('lianshui/a/.5.html.0123456789ab.gptmp')).toBe(true);
    expect(TEMP_FILE.test('lianshui/a/5.html')).toBe(false);
  });
});
