import { BackupScheduleInput, BackupScheduleView } from '../../contract/backup.js';
import { actorOf } from '../../platform/http/api-context.js';
import type { Api } from '../../platform/http/types.js';
import type { BackupService } from './backup.service.js';

/** The scheduled backup's settings (the backups themselves are made and restored on the command line). */
export function backupRoutes(app: Api, s: { backup: BackupService }): void {
  const tags = ['备份'];
  app.get(
    '/backup/schedule',
    {
      schema: { tags, summary: '定时备份设置与上次备份', response: { 200: BackupScheduleView } },
      config: { permission: 'backup.manage' },
    },
    (req) => s.backup.scheduleView(actorOf(req)),
  );
  app.put(
    '/backup/schedule',
    {
      schema: {
        tags,
        summary: '设置或关闭定时备份（目录、每天几点、保留几份）',
        body: BackupScheduleInput,
        response: { 200: BackupScheduleView },
      },
      config: { permission: 'backup.manage' },
    },
    async (req) => {
      await s.backup.setSchedule(actorOf(req), req.body.schedule);
      return s.backup.scheduleView(actorOf(req));
    },
  );
}
