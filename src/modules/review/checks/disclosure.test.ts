import { describe, expect, it } from 'vitest';
import { detectDisclosure, docNoProblems } from './disclosure.js';

const complete = {
  docNo: '涟政发〔2026〕12号',
  writtenOn: '2026-03-10',
  issuer: '涟水县人民政府',
  topicCategory: '综合政务\\政务公开',
};

describe('文号 form', () => {
  it.each(['涟政发〔2026〕12号', '涟政办发〔2018〕103号', '淮政办发〔2017〕103号'])('%s is well formed', (docNo) => {
    expect(docNoProblems(docNo)).toEqual([]);
  });

  it.each([
    ['涟政发[2026]12号', 'doc-no-brackets', '改为“涟政发〔2026〕12号”'],
    ['涟政发(2026)12号', 'doc-no-brackets', '改为“涟政发〔2026〕12号”'],
    ['涟政发（2026）12号', 'doc-no-brackets', '改为“涟政发〔2026〕12号”'],
    ['涟政发〔2026〕第12号', 'doc-no-di', '改为“涟政发〔2026〕12号”'],
    ['涟政发〔2026〕012号', 'doc-no-leading-zero', '改为“涟政发〔2026〕12号”'],
    ['涟政发〔26〕12号', 'doc-no-year', '请按“机关代字〔年份〕序号号”填写，如 涟政办发〔2018〕103号'],
    ['2026年12号', 'doc-no-format', '请按“机关代字〔年份〕序号号”填写，如 涟政办发〔2018〕103号'],
  ])('%s', (docNo, rule, suggestion) => {
    const [p] = docNoProblems(docNo);
    expect(p).toMatchObject({ rule, suggestion });
  });
});

describe('disclosure metadata', () => {
  const opts = { type: 'document', publishDay: '2026-03-15' };

  it('a complete 公文 passes', () => {
    expect(detectDisclosure(complete, opts)).toEqual([]);
  });

  it('reports every missing required field; 文号 only for a 公文', () => {
    const hits = detectDisclosure({ issuer: '  ' }, opts);
    expect(hits.map((h) => [h.field, h.hit.rule, h.hit.message])).toEqual([
      ['docNo', 'missing', '政府信息公开内容缺少“文号”'],
      ['writtenOn', 'missing', '政府信息公开内容缺少“成文日期”'],
      ['issuer', 'missing', '政府信息公开内容缺少“发布机构”'],
      ['topicCategory', 'missing', '政府信息公开内容缺少“主题分类”'],
    ]);
    expect(detectDisclosure({ ...complete, docNo: null }, { ...opts, type: 'notice' })).toEqual([]);
  });

  it('follows configured requirements', () => {
    const hits = detectDisclosure(complete, { ...opts, requirements: { always: ['keywords'], byType: {} } });
    expect(hits.map((h) => h.field)).toEqual(['keywords']);
  });

  it('成文日期 may not be after the publish date, and must be a real date', () => {
    expect(
      detectDisclosure({ ...complete, writtenOn: '2026-03-16' }, opts).map((h) => [h.hit.rule, h.hit.message]),
    ).toEqual([['written-after-publish', '成文日期 2026-03-16 晚于发布日期 2026-03-15']]);
    expect(detectDisclosure({ ...complete, writtenOn: '2026-03-15' }, opts)).toEqual([]);
    expect(detectDisclosure({ ...complete, writtenOn: '2026-02-30' }, opts).map((h) => h.hit.rule)).toEqual([
      'invalid-date',
    ]);
  });

  it('a badly formed 文号 is advice, located on the field value', () => {
    const [h] = detectDisclosure({ ...complete, docNo: '涟政发[2026]12号' }, opts);
    expect(h).toMatchObject({
      field: 'docNo',
      value: '涟政发[2026]12号',
      hit: { rule: 'doc-no-brackets', advisory: true, start: 0, end: 12 },
    });
  });
});
