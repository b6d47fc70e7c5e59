import { AbbreviationsInput, AbbreviationsReply } from '../../contract/search.js';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import type { SearchAdminService } from './search-admin.service.js';

// The site search's settings for the admin app: the abbreviation list. The index rebuild is a
// command (`govportal search reindex`): at a million articles it runs for minutes, not a request.
export function searchAdminRoutes(app: Api, s: { searchAdmin: SearchAdminService }): void {
  const tags = ['站内搜索'];
  app.get(
    '/search/abbreviations',
    {
      schema: { tags, summary: '站内搜索缩略语（如 环评 → 环境影响评价）', response: { 200: AbbreviationsReply } },
      config: { permission: 'site.read' },
    },
    (req) => s.searchAdmin.abbreviations(actorOf(req)),
  );
  app.put(
    '/search/abbreviations',
    {
      schema: {
        tags,
        summary: '修改站内搜索缩略语（整表替换；搜索任一写法都能找到其他写法）',
        body: AbbreviationsInput,
        response: { 200: AbbreviationsReply },
      },
      config: { permission: 'site.write' },
    },
    (req) => s.searchAdmin.saveAbbreviations(actorOf(req), req.body.items),
  );
}
