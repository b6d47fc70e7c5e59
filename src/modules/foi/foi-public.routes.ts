import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApplicantCategory, ApplicantKind, IdType, ProvisionForm, ReceiptWay } from '../../contract/foi.js';
import type { FieldIssue } from '../../platform/errors.js';
import { toErrorResponse } from '../../platform/http/error-handler.js';
import { readPublicForm, registerPublicFormParsing } from '../../platform/public-forms/index.js';
import type { Portal } from '../portal/portal.js';
import { PUBLIC_CSP } from '../portal/portal.routes.js';
import type { FoiPublicService } from './foi-public.service.js';

// The public 依申请公开 pages, in their own context beside the portal: no session, no caching (each
// form carries a one-use challenge), the site's theme and layout. Works without JavaScript: plain
// HTML forms posted and answered with a page.

export interface FoiPublicRouteOptions {
  portal: Portal;
  foiPublic: FoiPublicService;
}

const opts = <V extends string>(e: { values: readonly V[]; labels: Record<V, string> }) =>
  e.values.map((value) => ({ value, label: e.labels[value] }));

const CHOICES = {
  kinds: opts(ApplicantKind),
  idTypes: opts(IdType),
  orgCategories: opts(ApplicantCategory).filter((o) => o.value !== 'natural'),
  provisionForms: opts(ProvisionForm),
  receiptWays: opts(ReceiptWay),
};

export async function foiPublicRoutes(app: FastifyInstance, o: FoiPublicRouteOptions): Promise<void> {
  await registerPublicFormParsing(app);
  const { service, renderer, pages } = o.portal;

  app.addHook('onSend', (_req, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('content-security-policy', PUBLIC_CSP);
    reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  app.setErrorHandler(async (error, request, reply) => {
    const { status } = toErrorResponse(error, request);
    const page = await pages.errorPage(await service.context(request.host), status);
    return reply.code(page.status).type(page.type).send(page.body);
  });

  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    template: string,
    scope: Record<string, unknown>,
    status = 200,
  ) => {
    const ctx = await service.context(req.host);
    const html = await renderer.render(ctx.site.theme, template, { ...ctx.layout, section: null, ...scope });
    return reply.code(status).type('text/html; charset=utf-8').send(html);
  };
  const notFound = async (req: FastifyRequest, reply: FastifyReply) => {
    const page = await pages.notFound(await service.context(req.host));
    return reply.code(404).type(page.type).send(page.body);
  };
  const unitOf = (req: FastifyRequest) => {
    const raw = (req.params as { unit: string }).unit;
    return /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null;
  };
  const unitPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    unitId: number | null,
    form: { values: Record<string, string>; issues: FieldIssue[] },
  ) => {
    const page = unitId ? await o.foiPublic.unitPage(unitId) : null;
    if (!page) return notFound(req, reply);
    const errors = Object.fromEntries(form.issues.map((i) => [i.field, i.message]));
    return render(
      req,
      reply,
      'foi-unit',
      {
        title: `${page.unit.name} 依申请公开`,
        ...page,
        choices: CHOICES,
        values: {
          applicantKind: 'person',
          idType: 'resident_id',
          provisionForm: 'paper',
          receiptWay: 'post',
          ...form.values,
        },
        issues: form.issues,
        errors,
        challenge: await o.foiPublic.challenge(),
      },
      form.issues.length ? 400 : 200,
    );
  };

  app.get('/ysqgk/', { schema: { hide: true } }, async (req, reply) =>
    render(req, reply, 'foi-units', { title: '依申请公开', units: await o.foiPublic.units() }),
  );
  app.get('/ysqgk/guide/', { schema: { hide: true } }, async (req, reply) =>
    render(req, reply, 'foi-guide', { title: '申请获取政府信息10项指引' }),
  );
  app.get('/ysqgk/:unit/', { schema: { hide: true } }, (req, reply) =>
    unitPage(req, reply, unitOf(req), { values: {}, issues: [] }),
  );
  app.post('/ysqgk/:unit/', { schema: { hide: true } }, async (req, reply) => {
    const unitId = unitOf(req);
    if (!unitId) return notFound(req, reply);
    const { fields } = await readPublicForm(req);
    const r = await o.foiPublic.submit(unitId, fields, req.ip);
    if (!r.ok) return unitPage(req, reply, unitId, { values: r.values, issues: r.issues });
    return render(req, reply, 'foi-done', { title: '申请已提交', done: r });
  });
  app.get('/ysqgk/query', { schema: { hide: true } }, (req, reply) =>
    render(req, reply, 'foi-query', { title: '申请办理查询', values: {}, issues: [] }),
  );
  app.post('/ysqgk/query', { schema: { hide: true } }, async (req, reply) => {
    const { fields } = await readPublicForm(req);
    const r = await o.foiPublic.query(fields, req.ip);
    const values = { number: fields.number ?? '' };
    if (!r.ok) return render(req, reply, 'foi-query', { title: '申请办理查询', values, issues: r.issues }, 400);
    return render(req, reply, 'foi-query', { title: '申请办理查询', values, issues: [], result: r.result });
  });
}
