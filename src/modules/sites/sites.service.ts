import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/policy.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { Emit, UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { SiteView, SitesRepository } from './sites.repository.js';
import type { SiteInput, SitePatch } from './sites.schemas.js';

export class SitesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: SitesRepository,
  ) {}

  async list(actor: Actor): Promise<SiteView[]> {
    authorize(actor, 'site.read');
    return this.repo.list();
  }

  async get(actor: Actor, id: number): Promise<SiteView> {
    authorize(actor, 'site.read');
    const site = await this.repo.get(id);
    if (!site) throw notFound('站点');
    return site;
  }

  /** The site for a public request (no actor: public pages). */
  forHost(host: string | undefined): Promise<SiteView | undefined> {
    return this.repo.forHost(host);
  }

  /** A site by id without an actor: for the public side's own bookkeeping (its page cache). */
  findById(id: number): Promise<SiteView | undefined> {
    return this.repo.get(id);
  }

  getByCode(code: string): Promise<SiteView | undefined> {
    return this.repo.getByCode(code);
  }

  async create(actor: Actor, input: SiteInput): Promise<SiteView> {
    authorize(actor, 'site.write');
    return this.uow.run(async (trx, emit) => {
      const site = await this.createIn(trx, input);
      await emit({
        type: 'site.created',
        actor,
        entityType: 'site',
        entityId: site.id,
        siteId: site.id,
        summary: `新建站点“${input.name}”`,
        details: { input },
      });
      return site;
    });
  }

  /** Create within an existing transaction (the guarantee-list import sets up the county site). */
  async createIn(trx: Executor, input: SiteInput): Promise<SiteView> {
    if (await this.repo.getByCode(input.code, trx)) throw new AppError('DUPLICATE', `站点代码“${input.code}”已被使用`);
    await this.assertHostsFree(trx, input.hosts, null);
    const now = nowIso();
    const id = await this.repo.insert(
      trx,
      {
        name: input.name,
        code: input.code,
        site_code: input.siteCode ?? null,
        icp: input.icp ?? null,
        psb: input.psb ?? null,
        sponsor: input.sponsor ?? null,
        organizer: input.organizer ?? null,
        contact: input.contact ?? null,
        theme: input.theme,
        is_default: input.isDefault ? 1 : 0,
        home_blocks: JSON.stringify(input.homeBlocks),
        probe_url: input.probeUrl || null,
        conac_url: input.conacUrl || null,
        jiucuo_url: input.jiucuoUrl || null,
        created_at: now,
        updated_at: now,
      },
      input.hosts,
    );
    if (input.isDefault) await this.repo.clearDefault(trx, id);
    return (await this.repo.get(id, trx))!;
  }

  async update(actor: Actor, id: number, patch: SitePatch): Promise<SiteView> {
    authorize(actor, 'site.write');
    return this.uow.run((trx, emit) => this.updateIn(trx, emit, actor, id, patch));
  }

  /** Update within an existing transaction (the first-start demo sets the home blocks). */
  async updateIn(trx: Executor, emit: Emit, actor: Actor, id: number, patch: SitePatch): Promise<SiteView> {
    const before = await this.repo.get(id, trx);
    if (!before) throw notFound('站点');
    if (patch.code && patch.code !== before.code && (await this.repo.getByCode(patch.code, trx))) {
      throw new AppError('DUPLICATE', `站点代码“${patch.code}”已被使用`);
    }
    if (patch.hosts) await this.assertHostsFree(trx, patch.hosts, id);
    await this.repo.update(
      trx,
      id,
      {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.code !== undefined && { code: patch.code }),
        ...(patch.siteCode !== undefined && { site_code: patch.siteCode }),
        ...(patch.icp !== undefined && { icp: patch.icp }),
        ...(patch.psb !== undefined && { psb: patch.psb }),
        ...(patch.sponsor !== undefined && { sponsor: patch.sponsor }),
        ...(patch.organizer !== undefined && { organizer: patch.organizer }),
        ...(patch.contact !== undefined && { contact: patch.contact }),
        ...(patch.theme !== undefined && { theme: patch.theme }),
        ...(patch.isDefault !== undefined && { is_default: patch.isDefault ? 1 : 0 }),
        ...(patch.homeBlocks !== undefined && { home_blocks: JSON.stringify(patch.homeBlocks) }),
        ...(patch.probeUrl !== undefined && { probe_url: patch.probeUrl || null }),
        ...(patch.conacUrl !== undefined && { conac_url: patch.conacUrl || null }),
        ...(patch.jiucuoUrl !== undefined && { jiucuo_url: patch.jiucuoUrl || null }),
        updated_at: nowIso(),
      },
      patch.hosts,
    );
    if (patch.isDefault) await this.repo.clearDefault(trx, id);
    await emit({
      type: 'site.updated',
      actor,
      entityType: 'site',
      entityId: id,
      siteId: id,
      summary: `修改站点“${before.name}”`,
      details: { patch },
    });
    return (await this.repo.get(id, trx))!;
  }

  async remove(actor: Actor, id: number): Promise<void> {
    authorize(actor, 'site.write');
    await this.uow.run(async (trx, emit) => {
      const site = await this.repo.get(id, trx);
      if (!site) throw notFound('站点');
      if (site.isDefault) throw new AppError('IN_USE', '不能删除默认站点，请先将其他站点设为默认');
      const n = await this.repo.countArticles(trx, id);
      if (n > 0) throw new AppError('IN_USE', `站点下还有 ${n} 条信息，不能删除`);
      await this.repo.delete(trx, id);
      await emit({
        type: 'site.deleted',
        actor,
        entityType: 'site',
        entityId: id,
        siteId: id,
        summary: `删除站点“${site.name}”`,
      });
    });
  }

  private async assertHostsFree(
    trx: Parameters<SitesRepository['hostOwner']>[1],
    hosts: string[],
    siteId: number | null,
  ) {
    for (const host of hosts) {
      const owner = await this.repo.hostOwner(host, trx);
      if (owner !== undefined && owner !== siteId) throw new AppError('DUPLICATE', `域名 ${host} 已属于其他站点`);
    }
  }
}
