import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { ROLE_LABELS } from '../../platform/auth/roles.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import type { ColumnsService } from '../sites/columns.service.js';
import type { ChainView, ChainsRepository } from './chains.repository.js';
import type { BindingInput, ChainInput, Channel } from './review.schemas.js';

export const DEFAULT_CHAIN = '标准审核流程（附件2）';
export const SHORT_CHAIN = '单位自管栏目简易流程';
export const PAPER_CHAIN = '纸质报送审核流程';
export const EMAIL_CHAIN = '邮箱报送审核流程';

// The defaults reproduce the 信息发布审核表 of 附件2: the drafter submits; the unit's 审查人 and 主要领导
// sign; the county office proofreads (政务公开科校对), gives its opinion, and the office leader decides.
// A paper submission arrives with the unit's signatures on the stamped form, so only the county steps
// remain; e-mailed news is edited and published by the website centre.
const DEFAULTS: Array<ChainInput & { bind: { channel: Channel | null } | null }> = [
  {
    name: DEFAULT_CHAIN,
    description: '拟稿人 → 审查人 → 单位主要领导 → 政务公开科校对 → 政务公开科意见 → 政府办领导意见',
    restartPosition: 1,
    autoPublish: false,
    steps: [
      { name: '审查人', role: 'unit_leader', scope: 'submitter_unit', formField: 'reviewer', dueHours: 24 },
      { name: '单位主要领导', role: 'unit_head', scope: 'submitter_unit', formField: 'unit_head', dueHours: 24 },
      { name: '政务公开科校对', role: 'disclosure_reviewer', scope: 'county', formField: 'proofreader', dueHours: 24 },
      { name: '政务公开科意见', role: 'disclosure_reviewer', scope: 'county', formField: 'disclosure', dueHours: 24 },
      { name: '政府办领导意见', role: 'office_leader', scope: 'county', formField: 'office_leader', dueHours: 48 },
    ],
    bind: { channel: null },
  },
  {
    name: SHORT_CHAIN,
    description: '拟稿 → 单位领导审核 → 发布（如县新闻中心维护的“涟水新闻”）',
    restartPosition: 1,
    autoPublish: true,
    steps: [{ name: '单位领导审核', role: 'unit_leader', scope: 'submitter_unit', formField: 'reviewer', dueHours: 8 }],
    bind: null,
  },
  {
    name: PAPER_CHAIN,
    description: '单位已在纸质审核表上签字盖章；县政府办校对 → 政务公开科意见 → 政府办领导意见',
    restartPosition: 1,
    autoPublish: false,
    steps: [
      { name: '政务公开科校对', role: 'disclosure_reviewer', scope: 'county', formField: 'proofreader', dueHours: 24 },
      { name: '政务公开科意见', role: 'disclosure_reviewer', scope: 'county', formField: 'disclosure', dueHours: 24 },
      { name: '政府办领导意见', role: 'office_leader', scope: 'county', formField: 'office_leader', dueHours: 48 },
    ],
    bind: { channel: 'paper' },
  },
  {
    name: EMAIL_CHAIN,
    description: '网站中心编辑审核后发布（部门动态、乡镇动态等邮箱报送的信息）',
    restartPosition: 1,
    autoPublish: true,
    steps: [{ name: '网站中心审核', role: 'site_editor', scope: 'county', formField: 'proofreader', dueHours: 24 }],
    bind: { channel: 'email' },
  },
];

export class ChainsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: ChainsRepository,
    private readonly columns: ColumnsService,
  ) {}

  /** Create the default chains once, on a database that has none. */
  async ensureDefaults(): Promise<boolean> {
    if ((await this.repo.count()) > 0) return false;
    await this.uow.run(async (trx) => {
      const now = nowIso();
      for (const d of DEFAULTS) {
        const id = await this.repo.insert(trx, {
          name: d.name,
          description: d.description ?? null,
          restart_position: d.restartPosition,
          auto_publish: d.autoPublish ? 1 : 0,
          now,
        });
        await this.repo.replaceSteps(trx, id, d.steps);
        if (d.bind) await this.repo.insertBinding(trx, id, null, d.bind.channel, now);
      }
    });
    return true;
  }

  async list(actor: Actor): Promise<ChainView[]> {
    authorize(actor, 'column.read');
    return this.repo.list();
  }

  chainById(id: number, db?: Executor): Promise<ChainView | undefined> {
    return this.repo.get(id, db);
  }

  /**
   * The chain for an item in a column arriving by a channel: the nearest binding up the column tree
   * (a binding for this channel before one for any channel), then the site-wide binding for the
   * channel, then the site-wide default.
   */
  async resolve(columnId: number, channel: Channel, db?: Executor): Promise<ChainView> {
    const bindings = await this.repo.bindings(db);
    const ancestors = (await this.columns.ancestors(columnId, db)).reverse(); // nearest first
    const pick = (col: number | null) =>
      bindings.find((b) => b.column_id === col && b.channel === channel) ??
      bindings.find((b) => b.column_id === col && b.channel === null);
    for (const a of ancestors) {
      const b = pick(a.id);
      if (b) return (await this.repo.get(b.chain_id, db))!;
    }
    const global = pick(null);
    if (!global) throw new AppError('CONFLICT', '尚未配置默认审核流程，请联系系统管理员');
    return (await this.repo.get(global.chain_id, db))!;
  }

  async create(actor: Actor, input: ChainInput): Promise<ChainView> {
    authorize(actor, 'review.chain.write');
    this.validate(input);
    return this.uow.run(async (trx, emit) => {
      if (await this.repo.byName(input.name, trx)) throw new AppError('DUPLICATE', `已有名为“${input.name}”的审核流程`);
      const id = await this.repo.insert(trx, {
        name: input.name,
        description: input.description ?? null,
        restart_position: input.restartPosition,
        auto_publish: input.autoPublish ? 1 : 0,
        now: nowIso(),
      });
      await this.repo.replaceSteps(trx, id, input.steps);
      await emit({
        type: 'review_chain.created',
        actor,
        entityType: 'review_chain',
        entityId: id,
        summary: `新建审核流程“${input.name}”：${describeSteps(input)}`,
        details: { input },
      });
      return (await this.repo.get(id, trx))!;
    });
  }

  async update(actor: Actor, id: number, input: ChainInput): Promise<ChainView> {
    authorize(actor, 'review.chain.write');
    this.validate(input);
    return this.uow.run(async (trx, emit) => {
      const before = await this.repo.get(id, trx);
      if (!before) throw notFound('审核流程');
      const other = await this.repo.byName(input.name, trx);
      if (other !== undefined && other !== id) throw new AppError('DUPLICATE', `已有名为“${input.name}”的审核流程`);
      // Items already in review keep the positions they were given; changing the steps under them
      // would move them to a step nobody approved them for.
      if (before.steps.length !== input.steps.length && (await this.repo.inUse(trx, id))) {
        throw new AppError('IN_USE', '有信息正在按此流程审核，不能增减步骤；可修改步骤名称与期限，或新建流程');
      }
      await this.repo.update(trx, id, {
        name: input.name,
        description: input.description ?? null,
        restart_position: input.restartPosition,
        auto_publish: input.autoPublish ? 1 : 0,
        now: nowIso(),
      });
      await this.repo.replaceSteps(trx, id, input.steps);
      await emit({
        type: 'review_chain.updated',
        actor,
        entityType: 'review_chain',
        entityId: id,
        summary: `修改审核流程“${before.name}”：${describeSteps(input)}`,
        details: { input },
      });
      return (await this.repo.get(id, trx))!;
    });
  }

  async remove(actor: Actor, id: number): Promise<void> {
    authorize(actor, 'review.chain.write');
    await this.uow.run(async (trx, emit) => {
      const chain = await this.repo.get(id, trx);
      if (!chain) throw notFound('审核流程');
      if (chain.bindings.some((b) => b.columnId === null && b.channel === null))
        throw new AppError('IN_USE', '这是全站默认审核流程，不能删除');
      if (await this.repo.everUsed(trx, id))
        throw new AppError('IN_USE', '已有信息按此流程审核过，为保留审核记录不能删除');
      await this.repo.delete(trx, id);
      await emit({
        type: 'review_chain.deleted',
        actor,
        entityType: 'review_chain',
        entityId: id,
        summary: `删除审核流程“${chain.name}”`,
      });
    });
  }

  async bind(actor: Actor, input: BindingInput): Promise<ChainView> {
    authorize(actor, 'review.chain.write');
    return this.uow.run(async (trx, emit) => {
      const chain = await this.repo.get(input.chainId, trx);
      if (!chain) throw invalid('chainId', '审核流程不存在');
      if (input.columnId !== null && !(await this.columns.findById(input.columnId, trx)))
        throw invalid('columnId', '栏目不存在');
      const existing = await this.repo.bindingExists(trx, input.columnId, input.channel);
      if (existing) await this.repo.deleteBinding(trx, existing);
      await this.repo.insertBinding(trx, input.chainId, input.columnId, input.channel, nowIso());
      await emit({
        type: 'review_chain.bound',
        actor,
        entityType: 'review_chain',
        entityId: input.chainId,
        summary: `${input.columnId ? `栏目 ${input.columnId}` : '全站'}${input.channel ? `（${input.channel}）` : ''}改用审核流程“${chain.name}”`,
        details: { input },
      });
      return (await this.repo.get(input.chainId, trx))!;
    });
  }

  async unbind(actor: Actor, bindingId: number): Promise<void> {
    authorize(actor, 'review.chain.write');
    await this.uow.run(async (trx, emit) => {
      const row = await this.repo.binding(trx, bindingId);
      if (!row) throw notFound('流程绑定');
      if (row.column_id === null && row.channel === null)
        throw new AppError('IN_USE', '全站默认流程的绑定不能删除，可改绑其他流程');
      await this.repo.deleteBinding(trx, bindingId);
      await emit({
        type: 'review_chain.unbound',
        actor,
        entityType: 'review_chain',
        entityId: row.chain_id,
        summary: `解除审核流程绑定 ${bindingId}`,
      });
    });
  }

  /** Bind inside a running transaction (the first-start demo binds the short chain to 涟水新闻). */
  async bindIn(trx: Executor, chainName: string, columnId: number, channel: Channel | null): Promise<void> {
    const id = await this.repo.byName(chainName, trx);
    if (id === undefined) throw new Error(`审核流程“${chainName}”不存在`);
    if (!(await this.repo.bindingExists(trx, columnId, channel)))
      await this.repo.insertBinding(trx, id, columnId, channel, nowIso());
  }

  private validate(input: ChainInput): void {
    if (input.restartPosition > input.steps.length)
      throw invalid('restartPosition', `重新审核的起点不能超过步骤数（${input.steps.length}）`);
  }
}

function describeSteps(input: ChainInput): string {
  return input.steps.map((s) => `${s.name}（${ROLE_LABELS[s.role]}）`).join(' → ');
}
