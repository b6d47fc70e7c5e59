import { describe, expect, it } from 'vitest';
import { cleanWordHtml, isOfficeHtml } from '../../admin/src/features/articles/word-paste.js';
import {
  inlineImageFile,
  isInlineImage,
  lostImagesMessage,
  pastedImages,
} from '../../admin/src/features/articles/pasted-images.js';

// What Word 2016 puts on the clipboard for a short notice: a whole document with styles in <head>,
// conditional comments, MsoNormal classes, mso-* styles, <o:p> marks, spacer paragraphs, list
// paragraphs with typed-in markers, a table with a merged cell, and source lines wrapped mid-text.
const WORD_CLIPBOARD = `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=Generator content="Microsoft Word 15">
<style><!-- p.MsoNormal {margin:0cm; font-size:10.5pt; font-family:等线;} --></style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->
</head>
<body lang=ZH-CN style='tab-interval:21.0pt'>
<!--StartFragment-->
<h1 style='mso-line-height-rule:exactly'><span style='font-family:方正小标宋简体;mso-hansi-font-family:宋体'>关于开展冬季安全生产检查的通知<o:p></o:p></span></h1>
<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>
<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'><span
style='font-size:16.0pt;font-family:仿宋_GB2312'>为切实做好冬季安全生产工作，<b><span style='mso-bidi-font-weight:normal'>有效防范</span></b>各类事故，
现就有关事项<span style='font-weight:bold'>通知如下</span>：<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='margin-left:18pt;text-indent:-18pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
lang=EN-US>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]><span>检查范围<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpMiddle style='margin-left:36pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span
style='font-family:Symbol'>·<span>&nbsp; </span></span><![endif]><span>各镇、街道<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpLast style='margin-left:18pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span>2.<span>&nbsp; </span></span><![endif]><span>检查时间<o:p></o:p></span></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;mso-yfti-tbllook:1184'>
 <tr style='mso-yfti-irow:0'>
  <td width=138 valign=top style='width:103.7pt;border:solid windowtext 1.0pt'><p class=MsoNormal><b><span>单位<o:p></o:p></span></b></p></td>
  <td width=138 colspan=2 style='width:207pt'><p class=MsoNormal><span>负责人<o:p></o:p></span></p></td>
 </tr>
 <tr><td><p class=MsoNormal><span>应急局</span></p></td><td><p class=MsoNormal>张三</p></td><td><p class=MsoNormal><span lang=EN-US>12345</span></p></td></tr>
</table>
<p class=MsoNormal><font face="宋体" color=red><a name="_Toc1">详见</a><a href="https://www.lianshui.gov.cn/" target=_blank>县政府网站</a>。<img width=20 height=20 src="file:///C:/Users/a/AppData/Local/Temp/msohtmlclip1/01/clip_image002.png"></font></p>
<!--EndFragment-->
</body></html>`;

describe('cleanWordHtml', () => {
  const out = cleanWordHtml(WORD_CLIPBOARD);

  it('removes Word styling: classes, styles, fonts, <o:p>, head, comments', () => {
    expect(out).not.toMatch(/class=|style=|mso-|<o:p|<font|<span|<style|<meta|<!--|Normal|face=|lang=/i);
  });

  it('keeps the heading and the paragraph text, joining Chinese text wrapped in the source', () => {
    expect(out).toContain('<h1>关于开展冬季安全生产检查的通知</h1>');
    expect(out).toContain('各类事故，现就有关事项');
  });

  it('drops spacer paragraphs', () => {
    expect(out).not.toMatch(/<p>\s*(&nbsp;)?\s*<\/p>/);
  });

  it('keeps bold, and turns bold spans into <strong>', () => {
    expect(out).toContain('<strong>有效防范</strong>');
    expect(out).toContain('<strong>通知如下</strong>');
  });

  it('turns list paragraphs into real nested lists, dropping typed markers', () => {
    expect(out).toContain('<ol><li>检查范围<ul><li>各镇、街道</li></ul></li><li>检查时间</li></ol>');
    expect(out).not.toContain('1.');
    expect(out).not.toContain('·');
  });

  it('keeps tables with merged cells but no widths or borders', () => {
    expect(out).toMatch(
      /<table><tr><td><p><strong>单位<\/strong><\/p><\/td><td colspan="2"><p>负责人<\/p><\/td><\/tr>/,
    );
    expect(out).toContain('<td><p>张三</p></td>');
    expect(out).not.toMatch(/width|border|valign/);
  });

  it('keeps real links, drops bookmarks, targets and images pointing at the author’s disk', () => {
    expect(out).toContain('<a href="https://www.lianshui.gov.cn/">县政府网站</a>');
    expect(out).not.toContain('_Toc1');
    expect(out).not.toContain('target');
    expect(out).not.toContain('file:');
    expect(out).toContain('详见');
  });
});

describe('cleanWordHtml on other sources', () => {
  it('unwraps the Google Docs / WPS <b style="font-weight:normal"> wrapper', () => {
    expect(
      cleanWordHtml(
        '<b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="ltr"><span style="font-weight:700">要点</span>说明</p></b>',
      ),
    ).toBe('<p><strong>要点</strong>说明</p>');
  });

  it('reads the comment form of list markers (Outlook, some Word versions)', () => {
    const html =
      '<p style="mso-list:l1 level1 lfo2"><!--[if !supportLists]--><span>一、</span><!--[endif]-->总体要求</p>';
    expect(cleanWordHtml(html)).toBe('<ol><li>总体要求</li></ol>');
  });

  it('drops scripts and event handlers and unsafe links', () => {
    const out = cleanWordHtml(
      '<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)">b</a><img src="https://e.test/i.png" onerror="x" alt="图"></p>',
    );
    expect(out).toBe('<p>ab<img src="https://e.test/i.png" alt="图"></p>');
  });

  it('leaves ordinary HTML structure alone', () => {
    expect(cleanWordHtml('<h2>标题</h2><ul><li>甲</li><li>乙</li></ul><p><em>斜体</em> 与 <u>下划线</u></p>')).toBe(
      '<h2>标题</h2><ul><li>甲</li><li>乙</li></ul><p><em>斜体</em> 与 <u>下划线</u></p>',
    );
  });

  it('escapes attribute values it writes back', () => {
    expect(cleanWordHtml(`<a href='https://e.test/?a=1&b="2"'>x</a>`)).toBe(
      '<a href="https://e.test/?a=1&amp;b=&quot;2&quot;">x</a>',
    );
  });
});

describe('isOfficeHtml', () => {
  it('recognises Word and WPS clipboard HTML and not a web page', () => {
    expect(isOfficeHtml(WORD_CLIPBOARD)).toBe(true);
    expect(isOfficeHtml('<p class="MsoNormal">x</p>')).toBe(true);
    expect(isOfficeHtml('<meta name="Generator" content="Kingsoft Office"><p>x</p>')).toBe(true);
    expect(isOfficeHtml('<p class="lead">普通网页</p>')).toBe(false);
  });
});

describe('pictures in a paste', () => {
  const png =
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  it('counts the pictures that can be uploaded and those that cannot be read', () => {
    const html = `<p><img src="${png}"><img src='file:///C:/Users/a/clip_image002.png'><img src=blob:https://x/1><img src="https://www.lianshui.gov.cn/a.png"></p>`;
    expect(pastedImages(html)).toEqual({ inline: 1, unreadable: 2 });
    expect(pastedImages('<p>无图</p>')).toEqual({ inline: 0, unreadable: 0 });
  });

  it('says how many were lost and what to do, and nothing when none was', () => {
    expect(lostImagesMessage(2)).toMatch(/^有 2 张图片未能随粘贴带入.*“图片”按钮.*上传 \.docx/);
    expect(lostImagesMessage(0)).toBeNull();
  });

  it('turns an inline picture into a file to upload', async () => {
    expect(isInlineImage(png)).toBe(true);
    expect(isInlineImage('https://x/a.png')).toBe(false);
    const f = inlineImageFile(png, 3)!;
    expect([f.name, f.type]).toEqual(['粘贴图片3.png', 'image/png']);
    expect(
      Buffer.from(await f.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect(inlineImageFile('file:///C:/a.png', 1)).toBeNull();
  });

  it('keeps an inline picture through the Word clean-up (the editor uploads it)', () => {
    expect(cleanWordHtml(`<p class=MsoNormal><img src="${png}"></p>`)).toBe(`<p><img src="${png}"></p>`);
  });
});
