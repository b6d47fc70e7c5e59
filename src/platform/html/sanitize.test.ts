import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeBody, summarize } from './sanitize.js';

describe('sanitizeBody', () => {
  it('drops scripts, event handlers, javascript: links and inline styles other than alignment', () => {
    const out = sanitizeBody(
      '<p style="color:red;text-align:center" onclick="x()">正文<script>alert(1)</script></p><a href="javascript:alert(1)">链接</a><img src="x.png" onerror="y()" alt="图">',
    );
    expect(out).toBe('<p style="text-align:center">正文</p><a>链接</a><img src="x.png" alt="图" />');
  });

  it('keeps document structure: headings, tables, lists', () => {
    const html =
      '<h2>一、总体要求</h2><table><tbody><tr><td colspan="2">项目</td></tr></tbody></table><ol><li>一</li></ol>';
    expect(sanitizeBody(html)).toBe(html);
  });

  it('protects the opener of links that open a new window', () => {
    expect(sanitizeBody('<a href="https://www.gov.cn" target="_blank">中国政府网</a>')).toBe(
      '<a href="https://www.gov.cn" target="_blank" rel="noopener noreferrer">中国政府网</a>',
    );
  });
});

describe('htmlToText and summarize', () => {
  it('turns blocks into lines and decodes entities', () => {
    expect(htmlToText('<p>第一段&nbsp;A&amp;B</p><p>第二段 &lt;注&gt;</p>')).toBe('第一段 A&B\n第二段 <注>');
  });
  it('cuts long text with an ellipsis', () => {
    expect(summarize('涟水'.repeat(100), 10)).toBe('涟水涟水涟水涟水涟…');
    expect(summarize('短文本')).toBe('短文本');
  });
});
