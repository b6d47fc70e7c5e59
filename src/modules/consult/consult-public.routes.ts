import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { PublicComment, PublicQuestion } from '../../contract/consult.js';
import type { DB } from '../../platform/db/tables.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { toErrorResponse } from '../../platform/http/error-handler.js';
import {
  issueChallenge,
  readPublicForm,
  refuseBlocked,
  registerPublicFormParsing,
  takeRateLimit,
  validateForm,
  verifyChallenge,
  type RateLimits,
} from '../../platform/public-forms/index.js';
import type { CachedPage } from '../portal/page-cache.js';
import { bareErrorPage } from '../portal/pages.js';
import type { Portal } from '../portal/portal.js';
import { PUBLIC_CSP } from '../portal/portal.routes.js';
import type { SiteContext } from '../portal/portal.models.js';
import type { ConsultPublicService } from './consult-public.service.js';
import type { LiveChannel, LiveMessage } from './interview-live.js';
import { openLiveStream } from './live-stream.js';

// 民意征集 and 在线访谈 on the public site, in the portal's way (the theme's Liquid templates, its
// headers and error pages) but never cached: what a visitor sends must show as pending at once, and a
// page of an interview changes by the minute. Forms work without JavaScript (public-forms: the
// challenge, the blacklist, per-address limits); the live page adds an EventSource to the full record.

export interface ConsultPublicOptions {
  portal: Portal;
  consult: ConsultPublicService;
  live: LiveChannel;
  db: Kysely<DB>;
}

/** A comment takes a while to write; a flood from one address is cut after a handful. */
export const COMMENT_LIMITS: RateLimits = {
  address: { max: 5, windowMinutes: 10 },
  phone: { max: 5, windowMinutes: 10 },
};
/** Questions come faster during a live interview. */
export const QUESTION_LIMITS: RateLimits = {
  address: { max: 8, windowMinutes: 10 },
  phone: { max: 8, windowMinutes: 10 },
};

const HTML = 'text/html; charset=utf-8';
const idOf = (file: string, suffix = '.html') => {
  const m = new RegExp(`^([1-9]\\d{0,9})${suffix.replace('.', '\\.')}$`).exec(file);
  const n = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(n) && n <= 2_147_483_647 ? n : null;
};

type FormState = { values?: Record<string, string>; issues?: FieldIssue[]; message?: string; sent?: boolean };

export async function consultPublicRoutes(app: FastifyInstance, opts: ConsultPublicOptions): Promise<void> {
  const { portal, consult, live, db } = opts;
  const context = (req: FastifyRequest) => portal.service.context(req.host);
  await registerPublicFormParsing(app, { maxFiles: 0, fileMaxBytes: 1, fieldMaxChars: 200_000 });

  app.addHook('onSend', (_req, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('content-security-policy', PUBLIC_CSP);
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  const send = (reply: FastifyReply, page: CachedPage) => reply.code(page.status).type(page.type).send(page.body);
  const render = async (reply: FastifyReply, ctx: SiteContext, template: string, status: number, scope: object) =>
    reply
      .code(status)
      .type(HTML)
      .send(await portal.renderer.render(ctx.site.theme, template, { ...ctx.layout, ...scope }));
  const notFound = async (req: FastifyRequest, reply: FastifyReply) =>
    send(reply, await portal.pages.notFound(await context(req)));

  app.setErrorHandler(async (error, req, reply) => {
    const { status } = toErrorResponse(error, req);
    let page: CachedPage;
    try {
      page = await portal.pages.errorPage(await context(req), status);
    } catch {
      page = bareErrorPage(status);
    }
    return send(reply, page);
  });

  /** Whatever went wrong with a submission, said on the form itself with what the visitor wrote kept. */
  const refusal = (error: unknown, values: Record<string, string>): { status: number; form: FormState } => {
    if (!(error instanceof AppError)) throw error;
    return { status: error.status, form: { values, issues: error.details?.issues, message: error.message } };
  };

  const consultationPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    status: number,
    form: FormState,
  ) => {
    const ctx = await context(req);
    const c = await consult.consultation(ctx.site.id, id);
    if (!c) return notFound(req, reply);
    const challenge = c.open ? await issueChallenge(db) : null;
    // The form's choice of paragraph comes back as text; the list's indexes are numbers.
    const chosen = Number(form.values?.paragraph) || 0;
    return render(reply, ctx, 'consultation', status, {
      title: c.title,
      section: 'consult',
      c,
      form,
      chosen,
      challenge,
    });
  };

  app.get('/consult/', { schema: { hide: true } }, async (req, reply) => {
    const ctx = await context(req);
    const items = await consult.consultationList(ctx.site.id);
    return render(reply, ctx, 'consultations', 200, { title: '民意征集', section: 'consult', items });
  });

  app.get('/consult/:file', { schema: { hide: true } }, async (req, reply) => {
    const id = idOf((req.params as { file: string }).file);
    if (!id) return notFound(req, reply);
    const sent = (req.query as { sent?: string }).sent === '1';
    return consultationPage(req, reply, id, 200, { sent });
  });

  const interviewPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    status: number,
    form: FormState,
  ) => {
    const ctx = await context(req);
    const i = await consult.interview(ctx.site.id, id);
    if (!i) return notFound(req, reply);
    const challenge = i.asking ? await issueChallenge(db) : null;
    return render(reply, ctx, 'interview', status, { title: i.title, section: 'interviews', i, form, challenge });
  };

  app.get('/interviews/', { schema: { hide: true } }, async (req, reply) => {
    const ctx = await context(req);
    const list = await consult.interviewList(ctx.site.id);
    return render(reply, ctx, 'interviews', 200, { title: '在线访谈', section: 'interviews', ...list });
  });

  app.get('/interviews/:file', { schema: { hide: true } }, async (req, reply) => {
    const id = idOf((req.params as { file: string }).file);
    if (!id) return notFound(req, reply);
    const sent = (req.query as { sent?: string }).sent === '1';
    return interviewPage(req, reply, id, 200, { sent });
  });

  /**
   * The public forms of both (a comment on a consultation, a question to an interview), one handler:
   * the form's own rules, then blacklist → challenge → per-address limit → store, and back to the page
   * (303, so a reload does not send again) or the page with the refusal and what was typed.
   */
  const formPost = <S extends z.ZodType>(spec: {
    path: string;
    schema: S;
    limitKey: string;
    limits: RateLimits;
    page: (req: FastifyRequest, reply: FastifyReply, id: number, status: number, form: FormState) => Promise<unknown>;
    submit: (siteId: number, id: number, value: z.infer<S>, ip: string) => Promise<unknown>;
    sentUrl: (id: number) => string;
  }) =>
    app.post(spec.path, { schema: { hide: true } }, async (req, reply) => {
      const id = idOf((req.params as { id: string }).id, '');
      if (!id) return notFound(req, reply);
      const form = await readPublicForm(req);
      const checked = validateForm(spec.schema, form.fields);
      if (!checked.ok)
        return spec.page(req, reply, id, 400, {
          values: form.fields,
          issues: checked.issues,
          message: '提交的内容不符合要求，请按提示修改后重试',
        });
      try {
        const ctx = await context(req);
        await refuseBlocked(db, { address: req.ip });
        await verifyChallenge(db, form.fields.challengeToken, form.fields.challengeAnswer);
        await takeRateLimit(db, { form: spec.limitKey, address: req.ip }, spec.limits);
        await spec.submit(ctx.site.id, id, checked.value, req.ip);
      } catch (error) {
        const r = refusal(error, form.fields);
        return spec.page(req, reply, id, r.status, r.form);
      }
      return reply.code(303).header('location', spec.sentUrl(id)).send();
    });

  formPost({
    path: '/consult/:id/comments',
    schema: PublicComment,
    limitKey: 'consult.comment',
    limits: COMMENT_LIMITS,
    page: consultationPage,
    submit: (siteId, id, value, ip) => consult.submitComment(siteId, id, value, ip),
    sentUrl: (id) => `/consult/${id}.html?sent=1#comment-form`,
  });
  formPost({
    path: '/interviews/:id/questions',
    schema: PublicQuestion,
    limitKey: 'interview.question',
    limits: QUESTION_LIMITS,
    page: interviewPage,
    submit: (siteId, id, value, ip) => consult.submitQuestion(siteId, id, value, ip),
    sentUrl: (id) => `/interviews/${id}.html?sent=1#question-form`,
  });

  app.get('/interviews/:id/live', { schema: { hide: true } }, async (req, reply) => {
    const id = idOf((req.params as { id: string }).id, '');
    if (!id) return notFound(req, reply);
    const ctx = await context(req);
    const header = Number(req.headers['last-event-id']);
    const query = Number((req.query as { after?: string }).after);
    const after =
      Number.isSafeInteger(header) && header > 0 ? header : Number.isSafeInteger(query) && query > 0 ? query : 0;
    const first = await consult.entriesAfter(ctx.site.id, id, 0);
    if (!first) return notFound(req, reply);
    openLiveStream(req, reply, {
      after,
      subscribe: (listener: (m: LiveMessage) => void) => live.subscribe(id, listener),
      replay: async (from: number) => (await consult.entriesAfter(ctx.site.id, id, from))?.entries ?? [],
      present: (e) => consult.publicEntry(e),
      status: first.status,
    });
  });

  app.get('/interviews/:id/photos/:entry', { schema: { hide: true } }, async (req, reply) => {
    const p = req.params as { id: string; entry: string };
    const id = idOf(p.id, '');
    const entry = idOf(p.entry, '');
    const photo = id && entry ? await consult.photo((await context(req)).site.id, id, entry) : null;
    if (!photo) return notFound(req, reply);
    return reply.type(photo.mime).header('cache-control', 'public, max-age=86400').send(photo.bytes);
  });
}
