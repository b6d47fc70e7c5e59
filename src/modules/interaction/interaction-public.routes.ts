import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LetterCategory, LetterStatus } from '../../contract/interaction.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { toErrorResponse } from '../../platform/http/error-handler.js';
import {
  DEFAULT_FORM_LIMITS,
  issueChallenge,
  readPublicForm,
  registerPublicFormParsing,
  validateForm,
} from '../../platform/public-forms/index.js';
import { shanghaiDateTime, shanghaiDay } from '../../platform/time.js';
import { addMonths } from '../../platform/calendar/days.js';
import { PUBLIC_CSP } from '../portal/portal.routes.js';
import type { Portal } from '../portal/portal.js';
import { LETTER_MAX_CHARS, LetterForm, type LettersPublicService } from './letters-public.service.js';
import { LettersPublicService as PublicSvc } from './letters-public.service.js';
import type { LetterFaqsService } from './letter-faqs.service.js';
import type { LettersStatsService } from './letters-stats.service.js';
import type { LettersRepository } from './letters.repository.js';

// The public pages of 政民互动 (issue 12 items 1, 4): server-rendered forms that work without
// JavaScript, under /hudong/. Nothing here is cached: a form carries a one-use challenge and a
// writer's own letter is personal.

export interface InteractionPublicOptions {
  portal: Portal;
  lettersPublic: LettersPublicService;
  lettersStats: LettersStatsService;
  repo: LettersRepository;
  faqs: LetterFaqsService;
}

const when = (iso: string | null) => (iso ? shanghaiDateTime(iso) : '');
const FORM_LIMITS = { ...DEFAULT_FORM_LIMITS, maxFiles: 2, fileMaxBytes: 10 * 1024 * 1024 };
const PAGE = 20;

export async function interactionPublicRoutes(app: FastifyInstance, opts: InteractionPublicOptions): Promise<void> {
  const { portal, lettersPublic, lettersStats } = opts;
  await registerPublicFormParsing(app, FORM_LIMITS);

  app.addHook('onSend', (_req, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('content-security-policy', PUBLIC_CSP);
    reply.header('referrer-policy', 'same-origin');
    reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    template: string,
    status: number,
    scope: Record<string, unknown>,
  ) => {
    const ctx = await portal.service.context(req.host);
    const html = await portal.renderer.render(ctx.site.theme, template, { ...ctx.layout, section: 'hudong', ...scope });
    return reply.code(status).type('text/html; charset=utf-8').send(html);
  };

  app.setErrorHandler(async (error, req, reply) => {
    const { status, body } = toErrorResponse(error, req);
    return render(req, reply, 'hudong-message', status, {
      title: '提示',
      heading: '未能完成',
      message: body.message,
      code: body.code,
    });
  });

  const formPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    status: number,
    values: Record<string, string>,
    issues: FieldIssue[],
  ) => {
    const box = await lettersPublic.mailbox(slug);
    if (box?.enabled !== 1) throw new AppError('NOT_FOUND', '信箱不存在');
    const challenge = await issueChallenge(opts.repo.db);
    const errors = Object.fromEntries(issues.map((i) => [i.field, i.message]));
    return render(req, reply, 'letter-form', status, {
      title: `${box.name} - 我要写信`,
      box: {
        slug: box.slug,
        name: box.name,
        kind: box.kind,
        chooseCategory: box.kind !== 'consult' && box.kind !== 'complaint',
      },
      categories: LetterCategory.values.map((v) => ({
        value: v,
        label: LetterCategory.labels[v],
        checked: (values.category ?? 'suggestion') === v,
      })),
      values,
      errors,
      issues,
      challenge,
      maxChars: LETTER_MAX_CHARS,
    });
  };

  app.get('/hudong/', { schema: { hide: true } }, async (req, reply) => {
    const boxes = await lettersPublic.mailboxes();
    return render(req, reply, 'hudong', 200, { title: '政民互动', boxes });
  });

  app.get<{ Params: { slug: string } }>('/hudong/xiexin/:slug', { schema: { hide: true } }, (req, reply) =>
    formPage(req, reply, req.params.slug, 200, {}, []),
  );

  app.post<{ Params: { slug: string } }>('/hudong/xiexin/:slug', { schema: { hide: true } }, async (req, reply) => {
    const box = await lettersPublic.mailbox(req.params.slug);
    if (box?.enabled !== 1) throw new AppError('NOT_FOUND', '信箱不存在');
    let form: Awaited<ReturnType<typeof readPublicForm>>;
    try {
      form = await readPublicForm(req, FORM_LIMITS);
    } catch (e) {
      if (e instanceof AppError && e.details?.issues)
        return formPage(req, reply, box.slug, e.status, {}, e.details.issues);
      throw e;
    }
    const values = { ...form.fields, challengeAnswer: '' };
    const checked = validateForm(LetterForm, form.fields);
    if (!checked.ok) return formPage(req, reply, box.slug, 400, values, checked.issues);
    try {
      const code = await lettersPublic.submit(box, checked.value, form.files, req.ip);
      return render(req, reply, 'letter-sent', 200, { title: '来信已提交', code, box: { name: box.name } });
    } catch (e) {
      // Refusals about a field (challenge, attachment) show the form again with what was typed.
      if (e instanceof AppError && e.details?.issues)
        return formPage(req, reply, box.slug, e.status, values, e.details.issues);
      if (e instanceof AppError && e.code === 'RATE_LIMITED')
        return formPage(req, reply, box.slug, 429, values, [{ field: 'form', message: e.message }]);
      throw e;
    }
  });

  app.get('/hudong/chaxun', { schema: { hide: true } }, (req, reply) =>
    render(req, reply, 'letter-lookup', 200, { title: '来信查询', values: {} }),
  );

  const showLetter = async (
    req: FastifyRequest,
    reply: FastifyReply,
    view: Awaited<ReturnType<LettersPublicService['lookup']>>,
    phone: string,
    flash?: string,
  ) =>
    render(req, reply, 'letter-view', 200, {
      title: `来信查询：${view.title}`,
      letter: {
        ...view,
        receivedAt: when(view.receivedAt),
        answeredAt: when(view.answeredAt),
        history: view.history.map((h) => ({ ...h, at: when(h.at) })),
      },
      phone,
      flash,
    });

  app.post('/hudong/chaxun', { schema: { hide: true } }, async (req, reply) => {
    const { fields } = await readPublicForm(req, FORM_LIMITS);
    const code = fields.code ?? '';
    const phone = fields.phone ?? '';
    if (!code || !phone)
      return render(req, reply, 'letter-lookup', 400, {
        title: '来信查询',
        values: fields,
        error: '请填写查询码和写信时的手机号码',
      });
    try {
      return await showLetter(req, reply, await lettersPublic.lookup(code, phone, req.ip), phone);
    } catch (e) {
      if (e instanceof AppError && (e.code === 'NOT_FOUND' || e.code === 'RATE_LIMITED'))
        return render(req, reply, 'letter-lookup', e.status, { title: '来信查询', values: fields, error: e.message });
      throw e;
    }
  });

  app.post('/hudong/pingjia', { schema: { hide: true } }, async (req, reply) => {
    const { fields } = await readPublicForm(req, FORM_LIMITS);
    const view = await lettersPublic.rate(
      fields.code ?? '',
      fields.phone ?? '',
      fields.rating ?? '',
      fields.note ?? '',
      req.ip,
    );
    const flash =
      view.status === 'assigned' ? '您的评价为不满意，来信已退回承办单位重新办理。' : '感谢您的评价，来信已办结。';
    return showLetter(req, reply, view, fields.phone ?? '', flash);
  });

  app.get<{ Querystring: { page?: string } }>('/hudong/fankui/', { schema: { hide: true } }, async (req, reply) => {
    const page = Math.min(Math.max(1, Number.parseInt(req.query.page ?? '1', 10) || 1), 10_000);
    const [rows, total, units] = await Promise.all([
      opts.repo.published(PAGE, (page - 1) * PAGE),
      opts.repo.publishedCount(),
      opts.repo.unitNames(),
    ]);
    const items = rows.map((r) => {
      const v = PublicSvc.feedbackView(r, units.find((u) => u.id === r.reply_unit_id)?.name ?? null);
      return { ...v, receivedAt: shanghaiDay(v.receivedAt), answeredAt: v.answeredAt ? shanghaiDay(v.answeredAt) : '' };
    });
    return render(req, reply, 'feedback-list', 200, {
      title: '来信反馈',
      items,
      page,
      pages: Math.max(1, Math.ceil(total / PAGE)),
    });
  });

  app.get<{ Params: { id: string } }>('/hudong/fankui/:id', { schema: { hide: true } }, async (req, reply) => {
    const id = /^[1-9]\d{0,9}$/.test(req.params.id) ? Number(req.params.id) : Number.NaN;
    if (!Number.isSafeInteger(id)) throw new AppError('NOT_FOUND', '来信不存在');
    const v = await lettersPublic.publishedLetter(id);
    const day = (x: string | null) => (x ? shanghaiDay(x) : '');
    return render(req, reply, 'feedback', 200, {
      title: v.title,
      letter: { ...v, receivedAt: day(v.receivedAt), acceptedAt: day(v.acceptedAt), answeredAt: day(v.answeredAt) },
    });
  });

  // 刊登共性问题: the questions the office made from several similar letters.
  app.get<{ Querystring: { page?: string } }>('/hudong/gongxing/', { schema: { hide: true } }, async (req, reply) => {
    const page = Math.min(Math.max(1, Number.parseInt(req.query.page ?? '1', 10) || 1), 10_000);
    const { items, total } = await opts.faqs.publicPage(PAGE, (page - 1) * PAGE);
    return render(req, reply, 'faq-list', 200, {
      title: '刊登共性问题',
      items: items.map((f) => ({ ...f, publishedAt: shanghaiDay(f.publishedAt) })),
      page,
      pages: Math.max(1, Math.ceil(total / PAGE)),
    });
  });

  app.get<{ Params: { id: string } }>('/hudong/gongxing/:id', { schema: { hide: true } }, async (req, reply) => {
    const id = /^[1-9]\d{0,9}$/.test(req.params.id) ? Number(req.params.id) : Number.NaN;
    if (!Number.isSafeInteger(id)) throw new AppError('NOT_FOUND', '共性问题不存在');
    const faq = await opts.faqs.publicOne(id);
    return render(req, reply, 'faq', 200, {
      title: faq.question,
      faq: { ...faq, publishedAt: shanghaiDay(faq.publishedAt) },
    });
  });

  app.get('/hudong/tongji', { schema: { hide: true } }, async (req, reply) => {
    const to = shanghaiDay(new Date()).slice(0, 7);
    const from = addMonths(`${to}-01`, -11).slice(0, 7);
    const rows = await lettersStats.stats(from, to);
    return render(req, reply, 'letter-stats', 200, {
      title: '来信办理统计',
      rows,
      from,
      to,
      statuses: LetterStatus.labels,
    });
  });
}
