import { IdParams } from '../../contract/common.js';
import { ShareInput, ShareList } from '../../contract/crawl.js';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import type { Guarantee } from './guarantee.module.js';

/** 栏目共建 shares of a duty (issue 11 item 4). */
export function sharesRoutes(app: Api, s: { guarantee: Guarantee }): void {
  const tags = ['保障责任'];
  app.get(
    '/duties/:id/shares',
    {
      schema: { tags, summary: '栏目共建：各单位的份额', params: IdParams, response: { 200: ShareList } },
      config: { permission: 'duty.read' },
    },
    (req) => s.guarantee.shares.get(actorOf(req), req.params.id),
  );
  app.put(
    '/duties/:id/shares',
    {
      schema: {
        tags,
        summary: '栏目共建：设置各单位的份额（整体替换；空列表即取消）',
        params: IdParams,
        body: ShareInput,
        response: { 200: ShareList },
      },
      config: { permission: 'duty.write' },
    },
    (req) => s.guarantee.shares.set(actorOf(req), req.params.id, req.body),
  );
}
