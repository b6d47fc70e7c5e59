import type { ConsultFigures } from '../../contract/consult.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { shanghaiDayStart } from '../../platform/time.js';
import type { ConsultationsRepository } from './consultations.repository.js';
import type { InterviewsRepository } from './interviews.repository.js';

/**
 * The 征集调查 and 在线访谈 rows of the 政府网站工作年度报表 (issue 12 item 8), counted from the data of
 * one Asia/Shanghai calendar year: 期数 (consultations whose period began in the year with their text
 * published; interviews held in the year), 收到意见数 / 网民留言数 (everything received, moderated or not),
 * 公布调查结果期数 (采纳情况反馈 published in the year), 答复网民提问数 (questions answered in the year).
 */
export class ConsultFiguresService {
  constructor(
    private readonly consultations: ConsultationsRepository,
    private readonly interviews: InterviewsRepository,
  ) {}

  /** The year's rows, of one site or (without `siteId`) of every site on the platform. */
  async figures(year: number, siteId?: number): Promise<ConsultFigures> {
    const from = shanghaiDayStart(`${year}-01-01`);
    const to = shanghaiDayStart(`${year + 1}-01-01`);
    return {
      year,
      consultations: await this.consultations.figures(from, to, siteId),
      interviews: await this.interviews.figures(from, to, siteId),
    };
  }

  async figuresFor(actor: Actor, year: number, siteId?: number): Promise<ConsultFigures> {
    authorize(actor, 'guarantee.read');
    return this.figures(year, siteId);
  }
}
