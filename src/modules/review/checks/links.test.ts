import { describe, expect, it } from 'vitest';
import { extractBody } from './body-text.js';
import { altIsFileName, detectLinks, internalAddress } from './links.js';

const HOSTS = ['www.lianshui.gov.cn', 'lianshui.gov.cn'];

describe('internal addresses', () => {
  it.each([
    ['/xxgk/2026/123.html', 'https://www.lianshui.gov.cn/xxgk/2026/123.html'],
    ['https://www.lianshui.gov.cn/a.html#p2', 'https://www.lianshui.gov.cn/a.html'],
    ['http://LIANSHUI.gov.cn/b', 'http://lianshui.gov.cn/b'],
    ['//www.lianshui.gov.cn/c', 'https://www.lianshui.gov.cn/c'],
    ['files/d.pdf', 'https://www.lianshui.gov.cn/files/d.pdf'],
  ])('%s is this site', (href, url) => {
    expect(internalAddress(href, HOSTS)).toBe(url);
  });

  it.each([
    'https://www.gov.cn/zhengce/',
    '#top',
    'mailto:zwgk@lianshui.gov.cn',
    'tel:0517-82380090',
    'ftp://www.lianshui.gov.cn/x',
  ])('%s is not checked here', (href) => {
    expect(internalAddress(href, HOSTS)).toBeNull();
  });
});

describe('alt text that is a file name', () => {
  it.each([
    ['IMG_0012.JPG', '/u/IMG_0012.JPG'],
    ['IMG_0012', '/u/IMG_0012.JPG'],
    ['DSC01234', '/u/x.jpg'],
    ['image001', '/u/x.png'],
    ['微信图片_20260315101010', '/u/x.jpg'],
    ['photo.png', '/u/y.png'],
  ])('%s', (alt, src) => {
    expect(altIsFileName(alt, src)).toBe(true);
  });

  it.each([
    ['县长在高沟镇调研秋粮收购', '/u/IMG_0012.JPG'],
    ['2026年全县安全生产工作会议现场', '/u/x.jpg'],
  ])('%s is a description', (alt, src) => {
    expect(altIsFileName(alt, src)).toBe(false);
  });
});

describe('links and images of a body', () => {
  const html = `
    <p>详见<a href="/xxgk/2026/1.html">县政府关于印发实施方案的通知</a>和<a href="/xxgk/missing.html">解读材料</a>。</p>
    <p><a href="https://www.gov.cn/">中国政府网</a> <a href="javascript:void(0)">点击查看</a> <a href="">空链接</a></p>
    <p><a href="/xxgk/missing.html"><img src="/uploads/banner.png" alt="专题横幅"></a></p>
    <p><img src="/uploads/IMG_0012.jpg" alt="IMG_0012.jpg"><img src="/uploads/gone.jpg" alt="高沟镇秋收现场"><img src="/uploads/ok.jpg"></p>
  `;
  const existing = new Set([
    'https://www.lianshui.gov.cn/xxgk/2026/1.html',
    'https://www.lianshui.gov.cn/uploads/banner.png',
    'https://www.lianshui.gov.cn/uploads/IMG_0012.jpg',
    'https://www.lianshui.gov.cn/uploads/ok.jpg',
  ]);

  it('reports dead internal links, javascript: links, empty links and images without useful alt text', async () => {
    const body = extractBody(html);
    const asked: string[] = [];
    const hits = await detectLinks(body.links, body.images, {
      siteHosts: HOSTS,
      resolve: (url) => {
        asked.push(url);
        return existing.has(url);
      },
    });
    expect(hits.map((h) => [h.hit.check, h.hit.rule, h.hit.excerpt, h.inBody])).toEqual([
      ['dead-link', 'internal', '解读材料', true],
      ['dead-link', 'javascript', '点击查看', true],
      ['dead-link', 'empty', '空链接', true],
      ['dead-link', 'internal', '/xxgk/missing.html', false],
      ['image-alt', 'file-name', '/uploads/IMG_0012.jpg', false],
      ['dead-link', 'image', '/uploads/gone.jpg', false],
      ['image-alt', 'missing', '/uploads/ok.jpg', false],
    ]);
    // The body offsets point at the link text.
    const first = hits[0]!.hit;
    expect(body.text.slice(first.start, first.end)).toBe('解读材料');
    // Each address is looked up once; external links are never handed to the resolver.
    expect(asked.filter((u) => u.endsWith('missing.html'))).toHaveLength(1);
    expect(asked.some((u) => u.includes('www.gov.cn'))).toBe(false);
  });

  it('is quiet on a clean body', async () => {
    const body = extractBody('<p><a href="/xxgk/2026/1.html">通知</a><img src="/uploads/ok.jpg" alt="会议现场"></p>');
    expect(await detectLinks(body.links, body.images, { siteHosts: HOSTS, resolve: (u) => existing.has(u) })).toEqual(
      [],
    );
  });

  it('passes a resolver failure on to the caller', async () => {
    const body = extractBody('<a href="/x.html">x</a>');
    await expect(
      detectLinks(body.links, body.images, {
        siteHosts: HOSTS,
        resolve: () => {
          throw new Error('database down');
        },
      }),
    ).rejects.toThrow('database down');
  });
});
