import { IdParams, NoContent } from '../../contract/common.js';
import {
  BlacklistBody,
  BlacklistList,
  MailboxCreateBody,
  MailboxList,
  MailboxUpdateBody,
  MailboxView,
} from '../../contract/interaction.js';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import type { MailboxesService } from './mailboxes.service.js';

// The 12345 office's settings: the mailboxes (办理时限, 部门信箱) and the public forms' blacklist.

export function interactionSettingsRoutes(app: Api, s: { mailboxes: MailboxesService }): void {
  const tags = ['政民互动'];
  app.get(
    '/mailboxes',
    {
      config: { permission: 'letter.read' },
      schema: { tags, summary: '信箱及办理时限', response: { 200: MailboxList } },
    },
    (req) => s.mailboxes.list(actorOf(req)),
  );
  app.post(
    '/mailboxes',
    {
      config: { permission: 'letter.read' },
      schema: { tags, summary: '为单位开设部门信箱', body: MailboxCreateBody, response: { 201: MailboxView } },
    },
    async (req, reply) => reply.code(201).send(await s.mailboxes.createDepartment(actorOf(req), req.body.unitId)),
  );
  app.put(
    '/mailboxes/:id',
    {
      config: { permission: 'letter.read' },
      schema: {
        tags,
        summary: '修改信箱办理时限、启用状态和计入的栏目',
        params: IdParams,
        body: MailboxUpdateBody,
        response: { 200: MailboxView },
      },
    },
    (req) => s.mailboxes.update(actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/public-form-blacklist',
    {
      config: { permission: 'public_form.block' },
      schema: { tags, summary: '在线提交黑名单（网络地址、手机号码）', response: { 200: BlacklistList } },
    },
    (req) => s.mailboxes.blacklist(actorOf(req)),
  );
  app.post(
    '/public-form-blacklist',
    {
      config: { permission: 'public_form.block' },
      schema: { tags, summary: '暂停网络地址或手机号码在线提交', body: BlacklistBody, response: { 204: NoContent } },
    },
    async (req, reply) => {
      await s.mailboxes.block(actorOf(req), req.body);
      return reply.code(204).send(null);
    },
  );
  app.delete(
    '/public-form-blacklist/:id',
    {
      config: { permission: 'public_form.block' },
      schema: { tags, summary: '移出黑名单', params: IdParams, response: { 204: NoContent } },
    },
    async (req, reply) => {
      await s.mailboxes.unblock(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
