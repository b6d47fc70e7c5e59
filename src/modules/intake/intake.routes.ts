import '@fastify/multipart';
import { z } from 'zod';
import { IdParams, NoContent } from '../../contract/common.js';
import {
  ClaimInput,
  IntakeItem,
  IntakeList,
  IntakeListQuery,
  IntakeReceipt,
  MailboxSettings,
  MailboxSettingsInput,
  OwnIntakeQuery,
  PaperInput,
  PollResult,
  UnitColumnInput,
} from '../../contract/intake.js';
import { actorOf } from '../../platform/http/api-context.js';
import { uploadedFile } from '../../platform/http/upload.js';
import type { Api } from '../../platform/http/types.js';
import type { ImapPoller } from './imap-poller.js';
import type { IntakeService } from './intake.service.js';
import type { MailboxSettingsService } from './mailbox-settings.js';

export function intakeRoutes(
  app: Api,
  s: { intake: { service: IntakeService; mailbox: MailboxSettingsService; poller: ImapPoller } },
): void {
  const tags = ['报送'];
  const { service, mailbox, poller } = s.intake;
  app.get(
    '/intake/items',
    {
      schema: {
        tags,
        summary: '邮件与纸质报送记录（含待认领、已拒收）',
        querystring: IntakeListQuery,
        response: { 200: IntakeList },
      },
      config: { permission: 'submission.write' },
    },
    (req) => service.list(actorOf(req), req.query),
  );
  app.get(
    '/intake/own',
    {
      schema: {
        tags,
        summary: '本单位的邮件与纸质报送（含待认领、已拒收和审核结果）',
        querystring: OwnIntakeQuery,
        response: { 200: IntakeList },
      },
      config: { permission: 'submission.read' },
    },
    (req) => service.own(actorOf(req), req.query),
  );
  app.get(
    '/intake/items/:id',
    {
      schema: { tags, summary: '一条报送记录', params: IdParams, response: { 200: IntakeItem } },
      config: { permission: 'submission.write' },
    },
    (req) => service.get(actorOf(req), req.params.id),
  );
  app.post(
    '/intake/items/:id/claim',
    {
      schema: {
        tags,
        summary: '认领：指定待认领邮件的报送单位和栏目，生成草稿',
        params: IdParams,
        body: ClaimInput,
        response: { 200: IntakeItem },
      },
      config: { permission: 'submission.write' },
    },
    (req) => service.claim(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/intake/eml',
    {
      schema: {
        tags,
        summary: '手工上传 .eml 邮件文件（multipart 字段 file），与邮箱收取同样处理',
        consumes: ['multipart/form-data'],
        response: { 201: IntakeReceipt, 200: IntakeReceipt },
      },
      config: { permission: 'submission.write' },
    },
    async (req, reply) => {
      const { bytes } = await uploadedFile(req, '邮件文件（.eml）');
      const r = await service.receive(bytes, 'upload', actorOf(req));
      return reply.code(r.duplicate ? 200 : 201).send(r);
    },
  );
  app.post(
    '/intake/paper',
    {
      schema: {
        tags,
        summary: '登记纸质报送（须附盖章签字的审核表扫描件），生成草稿',
        body: PaperInput,
        response: { 201: IntakeItem },
      },
      config: { permission: 'submission.write' },
    },
    async (req, reply) => reply.code(201).send(await service.registerPaper(actorOf(req), req.body)),
  );
  app.put(
    '/intake/unit-columns/:id',
    {
      schema: {
        tags,
        summary: '单位邮件报送的默认栏目',
        params: IdParams,
        body: UnitColumnInput,
        response: { 204: NoContent },
      },
      config: { permission: 'submission.write' },
    },
    async (req, reply) => {
      await service.setUnitColumn(actorOf(req), req.params.id, req.body.columnId);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/intake/mailbox',
    {
      schema: { tags, summary: '报送邮箱设置（不含密码）', response: { 200: MailboxSettings } },
      config: { permission: 'submission.write' },
    },
    (req) => mailbox.get(actorOf(req)),
  );
  app.put(
    '/intake/mailbox',
    {
      schema: {
        tags,
        summary: '修改报送邮箱设置（密码留空则不变）',
        body: MailboxSettingsInput,
        response: { 200: MailboxSettings },
      },
      config: { permission: 'submission.write' },
    },
    (req) => mailbox.put(actorOf(req), req.body),
  );
  app.post(
    '/intake/mailbox/poll',
    {
      schema: { tags, summary: '立即收取一次邮件', body: z.object({}).optional(), response: { 200: PollResult } },
      config: { permission: 'submission.write' },
    },
    async (req) => {
      await mailbox.get(actorOf(req));
      return poller.pollNow();
    },
  );
}
