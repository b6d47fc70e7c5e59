import path from 'node:path';
import { UnitGuide, type UnitGuideInput } from '../../contract/foi-guide.js';
import type {
  ActionInput,
  ApplicationDetail,
  ApplicationFields,
  ApplicationSummary,
  RegisterApplication,
  UnitGuideView,
} from '../../contract/foi.js';
import { actorAccountId, type Actor } from '../../platform/auth/actor.js';
import { authorize, can, type Scope } from '../../platform/auth/policy.js';
import type { CalendarService } from '../../platform/calendar/calendar.service.js';
import { nowIso, type Executor } from '../../platform/db/helpers.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import type { BlobStore } from '../../platform/storage/storage.js';
import { shanghaiDay } from '../../platform/time.js';
import { newQueryCode, normalisePhone } from '../../platform/public-forms/index.js';
import { safeFileName, sniffAttachment } from '../content/attachments.service.js';
import { receiptDayOf } from './foi-clock.js';
import { creditCodeProblem, residentIdProblem } from './foi-identity.js';
import { actionsFrom, EVENT_LABELS, transition, type State } from './foi-states.js';
import { detailOf, factsOf, summaryOf } from './foi-view.js';
import type { FoiRepository } from './foi.repository.js';

/** Files kept with an application (the information provided, a scanned letter). */
export const FOI_FILE_MAX_BYTES = 10 * 1024 * 1024;

const OPEN: readonly State[] = ['registered', 'correction', 'consulting'];

/**
 * Applications for government information (依申请公开): registering them, every handling step with its
 * statutory clock, the files provided. Access is the handling unit's and the 政务公开科's, scoped in the
 * query; reading an application's personal data is recorded in the audit log like a change.
 */
export class FoiService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: FoiRepository,
    private readonly calendar: CalendarService,
    private readonly blobs: BlobStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  today(): string {
    return shanghaiDay(this.clock());
  }

  handlingUnits(db?: Executor) {
    return this.repo.handlingUnits(db);
  }

  /** A paper, letter or counter application entered by the unit (or the 政务公开科 for it). */
  async register(actor: Actor, input: RegisterApplication): Promise<{ id: number; number: string }> {
    const scope = authorize(actor, 'foi.handle');
    if (scope.kind === 'unit' && input.unitId !== scope.unitId)
      throw new AppError('FORBIDDEN', '只能登记本单位收到的申请');
    const receivedDay = receiptDayOf(input.channel, input);
    if (receivedDay > this.today()) throw invalid('submittedDay', '收到申请的日期不能晚于今天');
    return this.create(actor, input, { channel: input.channel, receivedDay, action: 'registered' });
  }

  /** The checks of an applicant that need no database (ID and credit-code check digits): run before a challenge is spent. */
  precheck(input: ApplicationFields): void {
    checkApplicant(input);
  }

  /** An application made on the public site: received the day it is submitted (第三十一条). */
  submitOnline(actor: Actor, input: ApplicationFields): Promise<{ id: number; number: string }> {
    return this.create(actor, input, { channel: 'online', receivedDay: this.today(), action: 'submitted' });
  }

  private async create(
    actor: Actor,
    input: ApplicationFields,
    how: { channel: string; receivedDay: string; action: 'registered' | 'submitted' },
  ): Promise<{ id: number; number: string }> {
    const clean = checkApplicant(input);
    return this.uow.run(async (trx, emit) => {
      if (!(await this.repo.handlingUnits(trx)).some((u) => u.id === input.unitId))
        throw invalid('unitId', '所选机关不受理政府信息公开申请，请重新选择');
      const number = await this.newNumber(trx);
      const now = nowIso(this.clock);
      const id = await this.repo.insert(trx, {
        number,
        unit_id: input.unitId,
        ...clean,
        description: input.description,
        doc_number: input.docNumber ?? null,
        purpose: input.purpose ?? null,
        provision_form: input.provisionForm,
        receipt_way: input.receiptWay,
        channel: how.channel,
        submitted_at: now,
        received_day: how.receivedDay,
        state: 'registered',
        created_by: actorAccountId(actor),
        created_at: now,
        updated_at: now,
      });
      await this.repo.addEvent(
        trx,
        { applicationId: id, action: how.action, from: null, to: 'registered', day: how.receivedDay, note: null },
        who(actor),
      );
      await emit({
        type: `foi.${how.action}`,
        actor,
        entityType: 'foi_application',
        entityId: id,
        summary: `${how.action === 'submitted' ? '网上提交' : '登记'}政府信息公开申请 ${number}`,
        details: { unitId: input.unitId, channel: how.channel, receivedDay: how.receivedDay },
      });
      return { id, number };
    });
  }

  /** 申请编号: the public forms' 查询码, so numbers say nothing about volumes and cannot be guessed. */
  private async newNumber(trx: Executor): Promise<string> {
    for (;;) {
      const n = newQueryCode(12);
      if (!(await this.repo.numberTaken(trx, n))) return n;
    }
  }

  async list(
    actor: Actor,
    q: { unitId?: number; state?: string; overdue?: 'true' | 'false' },
  ): Promise<{ items: ApplicationSummary[] }> {
    const scope = authorize(actor, 'foi.read');
    const cal = await this.calendar.current();
    const today = this.today();
    const rows = await this.repo.list(scope, { unitId: q.unitId, states: q.state ? [q.state] : undefined });
    let items = rows.map((r) => summaryOf(cal, r, today));
    if (q.overdue === 'true') items = items.filter((i) => i.clock.status === 'overdue');
    return { items };
  }

  /** The whole application, personal data included: the reading is audited. */
  async get(actor: Actor, id: number): Promise<ApplicationDetail> {
    const scope = authorize(actor, 'foi.read');
    const cal = await this.calendar.current();
    return this.uow.run(async (trx, emit) => {
      const row = await this.load(trx, id, scope);
      await emit({
        type: 'foi.viewed',
        actor,
        entityType: 'foi_application',
        entityId: id,
        summary: `查看政府信息公开申请 ${row.number}（含申请人信息）`,
      });
      const [events, files] = await Promise.all([this.repo.events(trx, id), this.repo.files(trx, id)]);
      const actions = can(actor, 'foi.handle') ? actionsFrom(row.state as State) : [];
      return detailOf(cal, row, this.today(), {
        events: events.map((e) => ({
          action: e.action,
          label: EVENT_LABELS[e.action] ?? e.action,
          fromState: e.from_state,
          toState: e.to_state,
          day: e.day,
          note: e.note,
          username: e.username,
          at: e.at,
        })),
        files: files.map((f) => ({
          id: f.id,
          kind: f.kind,
          fileName: f.file_name,
          mime: f.mime,
          size: f.size,
          createdAt: f.created_at,
        })),
        actions:
          can(actor, 'foi.approve') || !actions.includes('extend') ? actions : actions.filter((a) => a !== 'extend'),
      });
    });
  }

  /** One handling step; the state machine and the clock decide whether it may be taken. */
  async act(
    actor: Actor,
    id: number,
    input: ActionInput,
    /** More work in the same transaction (the deadline job's notice of a withdrawal). */
    after?: (trx: Executor, row: { id: number; number: string; unit_id: number }) => Promise<unknown>,
  ): Promise<void> {
    const scope = authorize(actor, input.action === 'extend' ? 'foi.approve' : 'foi.handle');
    const cal = await this.calendar.current();
    await this.uow.run(async (trx, emit) => {
      const row = await this.load(trx, id, scope);
      const t = transition(cal, factsOf(row), input, this.today());
      await this.repo.update(trx, id, { ...t.patch, state: t.to });
      await this.repo.addEvent(
        trx,
        { applicationId: id, action: input.action, from: row.state, to: t.to, day: input.day, note: t.note },
        who(actor),
      );
      await emit({
        type: `foi.${input.action}`,
        actor,
        entityType: 'foi_application',
        entityId: id,
        summary: `政府信息公开申请 ${row.number}：${EVENT_LABELS[input.action]}`,
        details: { day: input.day, from: row.state, to: t.to },
      });
      await after?.(trx, row);
    });
  }

  /** Keep a file with the application (what was provided, the letter as received). */
  async addFile(actor: Actor, id: number, upload: { filename: string; bytes: Buffer }, kind = 'provided') {
    const scope = authorize(actor, 'foi.handle');
    if (upload.bytes.length > FOI_FILE_MAX_BYTES)
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `文件不能超过 ${FOI_FILE_MAX_BYTES / 1024 / 1024} MB，请压缩或拆分后上传`,
        {
          issues: [{ field: 'file', message: '文件过大' }],
        },
      );
    const given = safeFileName(upload.filename);
    const { ext, mime } = await sniffAttachment(upload.bytes, given);
    const name = path.extname(given) === '' ? `${given}.${ext}` : given;
    const stored = await this.blobs.put(upload.bytes);
    return this.uow.run(async (trx, emit) => {
      const row = await this.load(trx, id, scope);
      if (!OPEN.includes(row.state as State) && row.state !== 'answered')
        throw new AppError('CONFLICT', '该申请已视为放弃申请，不能再添加文件');
      const fileId = await this.repo.addFile(trx, {
        application_id: id,
        kind,
        storage_key: stored.key,
        file_name: name,
        mime,
        size: stored.size,
        sha256: stored.sha256,
        created_by: actorAccountId(actor),
        created_at: nowIso(this.clock),
      });
      await this.repo.addEvent(
        trx,
        { applicationId: id, action: 'file', from: row.state, to: row.state, day: this.today(), note: name },
        who(actor),
      );
      await emit({
        type: 'foi.file_added',
        actor,
        entityType: 'foi_application',
        entityId: id,
        summary: `政府信息公开申请 ${row.number}：上传文件“${name}”`,
      });
      return { id: fileId, fileName: name, mime, size: stored.size };
    });
  }

  async file(actor: Actor, id: number, fileId: number) {
    const scope = authorize(actor, 'foi.read');
    return this.uow.run(async (trx, emit) => {
      const row = await this.load(trx, id, scope);
      const f = await this.repo.file(trx, id, fileId);
      if (!f) throw notFound('文件');
      await emit({
        type: 'foi.file_read',
        actor,
        entityType: 'foi_application',
        entityId: id,
        summary: `政府信息公开申请 ${row.number}：下载文件“${f.file_name}”`,
      });
      return { name: f.file_name, mime: f.mime, bytes: await this.blobs.read(f.storage_key) };
    });
  }

  /** A unit's 政府信息公开指南 as its public page shows it; describing it makes the unit take applications. */
  async putGuide(actor: Actor, unitId: number, raw: UnitGuideInput): Promise<void> {
    this.guideScope(actor, unitId);
    const input = UnitGuide.parse(raw);
    await this.uow.run(async (trx, emit) => {
      // An unknown unit is the caller's mistake (a 404), not a foreign-key failure (a 500).
      if (!(await this.repo.unitExists(trx, unitId))) throw notFound('单位');
      await this.repo.putGuide(trx, unitId, input, actorAccountId(actor));
      await emit({
        type: 'foi.guide_updated',
        actor,
        entityType: 'foi_unit_guide',
        entityId: unitId,
        summary: '修改政府信息公开指南（依申请公开受理机构）',
        details: { ...input, guideText: input.guideText ? `${input.guideText.length} 字` : null },
      });
    });
  }

  /** The guide for the admin screen: the unit's own, or any unit's for the 政务公开科. */
  async guideFor(actor: Actor, unitId: number): Promise<UnitGuideView> {
    this.guideScope(actor, unitId);
    const unit = await this.repo.unitName(unitId);
    if (!unit) throw notFound('单位');
    const g = await this.repo.guide(unitId);
    return {
      unitId,
      unitName: unit,
      officeName: g?.office_name ?? null,
      address: g?.address ?? null,
      hours: g?.hours ?? null,
      phone: g?.phone ?? null,
      postcode: g?.postcode ?? null,
      fax: g?.fax ?? null,
      email: g?.email ?? null,
      guideText: g?.guide_text ?? null,
      updatedAt: g?.updated_at ?? null,
    };
  }

  private guideScope(actor: Actor, unitId: number): void {
    const scope = authorize(actor, 'foi.handle');
    if (scope.kind === 'unit' && unitId !== scope.unitId)
      throw new AppError('FORBIDDEN', '只能查看和修改本单位的政府信息公开指南');
  }

  guide(unitId: number) {
    return this.repo.guide(unitId);
  }

  /** For the 告知书 and other readers inside this module: the row, scoped. */
  async load(db: Executor, id: number, scope: Scope) {
    const row = await this.repo.get(db, id, scope);
    if (!row) throw notFound('政府信息公开申请');
    return row;
  }
}

function who(actor: Actor) {
  return { accountId: actorAccountId(actor), username: actor.username };
}

/** The applicant's fields as stored, after the checks that depend on the kind of applicant. */
function checkApplicant(input: ApplicationFields) {
  const person = input.applicantKind === 'person';
  if (person) {
    if (!input.idType) throw invalid('idType', '请选择证件类型');
    if (!input.idNumber) throw invalid('idNumber', '请填写证件号码');
    if (input.idType === 'resident_id') {
      const problem = residentIdProblem(input.idNumber);
      if (problem) throw invalid('idNumber', problem);
    }
  } else {
    if (!input.orgCode) throw invalid('orgCode', '法人或者其他组织申请的，请填写统一社会信用代码');
    const problem = creditCodeProblem(input.orgCode);
    if (problem) throw invalid('orgCode', problem);
    if (!input.orgCategory) throw invalid('orgCategory', '请选择组织类型（商业企业、科研机构等）');
    if (!input.contactName) throw invalid('contactName', '请填写联系人姓名');
  }
  return {
    applicant_kind: input.applicantKind,
    applicant_category: person ? 'natural' : input.orgCategory!,
    applicant_name: input.applicantName,
    id_type: person ? input.idType! : null,
    id_number: person ? input.idNumber!.toUpperCase() : null,
    org_code: person ? null : input.orgCode!.toUpperCase(),
    legal_rep: person ? null : (input.legalRep ?? null),
    contact_name: input.contactName ?? null,
    phone: normalisePhone(input.phone),
    email: input.email || null,
    address: input.address ?? null,
    postcode: input.postcode || null,
  };
}
