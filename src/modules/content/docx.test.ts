import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { convertDocx, looksLikeZip } from './docx.js';

const fixture = (name: string) => fs.readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures', name));
const noImages = async () => null;

describe('convertDocx', () => {
  it('turns a real Word notice into clean body HTML: heading, paragraphs, table', async () => {
    const { html, messages } = await convertDocx(fixture('notice.docx'), noImages);
    expect(html).toMatch(/<h1>关于开展2026年冬季安全生产检查的通知<\/h1>/);
    expect(html).toContain('<table>');
    expect(html).toMatch(/<p>各镇人民政府、街道办事处，各园区，县各委、办、局：<\/p>/);
    // Fonts and sizes from the Word runs never reach the body.
    expect(html).not.toMatch(/style=|font|仿宋/);
    expect(messages.every((m) => /[\u4e00-\u9fff]/.test(m))).toBe(true);
  });

  it('refuses files that are not .docx, naming what to do', async () => {
    const error = await convertDocx(fixture('sample.pdf'), noImages).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect((error as AppError).message).toContain('另存为 .docx');
  });

  it('answers a validation error in Chinese for a damaged ZIP', async () => {
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]);
    expect(looksLikeZip(broken)).toBe(true);
    const error = (await convertDocx(broken, noImages).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('无法读取该 Word 文档');
  });
});
