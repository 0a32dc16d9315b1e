import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../common/context';
import { localDate } from '../../common/context';
import { paginate, type ConnectionArgs } from '../../common/connection';
import { badInput, conflict, invalid, missing } from '../../common/errors';
import { checkVersion, runMutation } from '../../common/mutation';
import { tryKeyOf } from '../../common/relay';
import { Role } from '../../authz/roles';
import { enqueuePetitionEvent } from '../../outbox/outbox.service';
import { Unit } from '../units/unit.entity';
import { UnitKind } from '../units/unit.enums';
import { Official } from '../officials/official.entity';
import { DispatchedTeam } from '../teams/team.entity';
import { ClueService } from '../clues/clue.service';
import { ClueSource } from '../clues/clue.enums';
import { Petition } from './petition.entity';
import { PETITION_TRANSITIONS, PetitionStatus } from './petition.enums';
import { openReporter, sealReporter, type ReporterDetails } from './reporter-crypto';
import { REPEAT_THRESHOLD, REPEAT_WINDOW_DAYS, trigramJaccard } from './similarity';
import { addWorkingDays } from './working-days';
import type { PetitionConcludeInput, PetitionCreateClueInput, PetitionFilter, PetitionPayload, PetitionRegisterInput, PetitionStatusAnswer, PetitionSubmitInput, PetitionSubmitPayload, PetitionTransferInput } from './petition.types';

const { PETITION_OFFICE: PO, DISCIPLINE_COMMISSION: DC, PETITION_SYSTEM: PS } = Role;
/** Who sees petition rows through a unit path. */
export const PETITION_PATH_ROLES: readonly Role[] = [PO, DC];

export const RECEIPT_CODE_SHAPE = /^\d{16}$/;

/** The SQL condition of "a statutory deadline has passed" (one parameter: today, three times). */
export const OVERDUE_SQL = `(
  (p.status = 'RECEIVED' and p.accept_deadline < ?::date)
  or (not p.anonymous and p.status <> 'CONCLUDED' and p.acceptance_notified_on is null and p.acceptance_notice_deadline < ?::date)
  or (not p.anonymous and p.status <> 'CONCLUDED' and p.result_notice_deadline < ?::date))`;

export class PetitionService {
  /** Row visibility: the petition office and the commission within their reach; a petition system its own submissions. */
  static canSee(ctx: RequestContext, p: Petition): boolean {
    if (ctx.viewer.reaches(PETITION_PATH_ROLES, p.unitPath)) return true;
    return ctx.viewer.hasRole(PS) && p.systemAccountId != null && p.systemAccountId === ctx.viewer.account?.id;
  }

  static async findVisible(ctx: RequestContext, id: number): Promise<Petition | null> {
    const p = await ctx.loaders.load(Petition, id);
    return p && PetitionService.canSee(ctx, p) ? p : null;
  }

  static async list(ctx: RequestContext, filter: PetitionFilter | null | undefined, args: ConnectionArgs) {
    const scope: FilterQuery<Petition>[] = [];
    if (!filter?.submittedByMe) scope.push(ctx.viewer.pathFilter(PETITION_PATH_ROLES, 'unitPath') as FilterQuery<Petition>);
    if (ctx.viewer.hasRole(PS) && ctx.viewer.account) scope.push({ systemAccountId: ctx.viewer.account.id });
    if (filter?.submittedByMe && !scope.length) scope.push({ id: -1 });
    const conds: FilterQuery<Petition>[] = [{ $or: scope.length ? scope : [{ id: -1 }] }];
    if (filter?.status) conds.push({ status: filter.status });
    if (filter?.probableRepeat != null) conds.push({ probableRepeatOfId: filter.probableRepeat ? { $ne: null } : null });
    if (filter?.overdue != null) {
      const t = ctx.today;
      const sub = ctx.em.getKnex().raw(`select p.id from petition p where ${OVERDUE_SQL}`, [t, t, t]);
      conds.push({ id: filter.overdue ? { $in: sub } : { $nin: sub } } as never);
    }
    return paginate(ctx.em, Petition, { $and: conds }, args);
  }

  static isOverdue(p: Petition, today: string): boolean {
    if (p.status === PetitionStatus.RECEIVED && p.acceptDeadline < today) return true;
    if (p.anonymous || p.status === PetitionStatus.CONCLUDED) return false;
    if (!p.acceptanceNotifiedOn && p.acceptanceNoticeDeadline && p.acceptanceNoticeDeadline < today) return true;
    return !!p.resultNoticeDeadline && p.resultNoticeDeadline < today;
  }

  /**
   * 回避 beyond the officials: an account with any grant bound to the subject's unit (or the
   * petition's unit when the subject is that unit) never reads the reporter.
   */
  static recusedByUnit(ctx: RequestContext, p: Petition): boolean {
    const unitIds = new Set([p.subjectUnitId].filter((x): x is number => x != null));
    return ctx.viewer.grants.some((g) => g.unitId != null && unitIds.has(g.unitId));
  }

  static reporter(p: Petition): ReporterDetails | null {
    if (p.anonymous || !p.reporterEnc || !p.reporterKeyId) return null;
    return openReporter(p.reporterKeyId, p.reporterEnc, `petition:${p.receiptCode}`);
  }

  static hashSubmission(input: PetitionSubmitInput): string {
    const canonical = JSON.stringify([
      input.channel,
      new Date(input.receivedAt).toISOString(),
      input.reporter ? [input.reporter.name, input.reporter.phone ?? null, input.reporter.identityNumber ?? null, input.reporter.address ?? null] : null,
      [input.subject.officialIdentityNumber ?? null, input.subject.unitCode ?? null, input.subject.name ?? null],
      input.content,
    ]);
    return createHash('sha256').update(canonical).digest('hex');
  }

  static submit(ctx: RequestContext, input: PetitionSubmitInput): Promise<PetitionSubmitPayload> {
    return runMutation<PetitionSubmitPayload>(ctx, input, async (em) => {
      const systemAccountId = ctx.viewer.account!.id;
      const contentHash = PetitionService.hashSubmission(input);
      const existing = await em.findOne(Petition, { systemAccountId, externalId: input.externalId });
      if (existing) {
        if (existing.contentHash !== contentHash) throw conflict('This externalId was already submitted with different content', ['input', 'externalId']);
        return { petition: existing, receiptCode: existing.receiptCode };
      }
      const receivedAt = new Date(input.receivedAt);
      if (Number.isNaN(receivedAt.getTime())) throw invalid('receivedAt', 'receivedAt must be a date and time');
      if (receivedAt.getTime() > ctx.now.getTime() + 5 * 60_000) throw invalid('receivedAt', 'receivedAt must not be in the future');
      const receivedOn = localDate(receivedAt);
      const content = input.content.trim();
      if (!content) throw invalid('content', 'content must not be empty');
      if (input.reporter && !input.reporter.name.trim()) throw invalid(['input', 'reporter', 'name'], 'reporter.name must not be empty');

      // subject: resolved to the registry when possible; a code that matches nothing is kept as text and flagged
      let official: Official | null = null;
      let subjectUnit: Unit | null = null;
      let unresolved = false;
      const s = input.subject;
      if (s.officialIdentityNumber) {
        official = await em.findOne(Official, { identityNumber: s.officialIdentityNumber });
        if (!official) unresolved = true;
      }
      if (s.unitCode) {
        const u = await em.findOne(Unit, { code: s.unitCode });
        if (!u) unresolved = true;
        else if (!official) subjectUnit = u;
      }
      if (official) subjectUnit = await em.findOneOrFail(Unit, { id: official.unit.id });
      const textParts = [s.unitCode && !subjectUnit ? s.unitCode : null, s.name ?? null].filter(Boolean);
      const subjectText = official || subjectUnit ? (s.name ?? null) : textParts.join(' ') || null;
      if (!official && !subjectUnit && !subjectText) throw invalid('subject', 'Give the subject: an official\'s identity number, a unit code, or a name');
      const unit = subjectUnit ?? (await em.findOne(Unit, { depth: 0 } as never, { orderBy: { id: 'asc' } }));
      if (!unit) throw missing('subject', 'There is no unit to record the petition under');

      let receiptCode = '';
      for (let i = 0; i < 5 && !receiptCode; i++) {
        const c = Array.from({ length: 16 }, () => randomInt(10)).join('');
        if (!(await em.count(Petition, { receiptCode: c }))) receiptCode = c;
      }
      if (!receiptCode) throw conflict('Could not allocate a receipt code; try again');

      const sealed = input.reporter
        ? sealReporter({ name: input.reporter.name.trim(), phone: input.reporter.phone ?? null, identityNumber: input.reporter.identityNumber ?? null, address: input.reporter.address?.trim() ?? null }, `petition:${receiptCode}`)
        : null;

      const probableRepeatOfId = await PetitionService.findRepeat(em, { officialId: official?.id ?? null, unitId: subjectUnit?.id ?? null, subjectText }, receivedOn, content);
      const petition = em.create(Petition, {
        systemAccountId,
        externalId: input.externalId,
        contentHash,
        channel: input.channel,
        receivedAt,
        receivedOn,
        anonymous: !input.reporter,
        reporterKeyId: sealed?.keyId ?? null,
        reporterEnc: sealed?.enc ?? null,
        subjectOfficialId: official?.id ?? null,
        subjectUnitId: subjectUnit?.id ?? null,
        subjectText,
        subjectUnresolved: unresolved,
        content,
        unitId: unit.id,
        unitPath: unit.path,
        status: PetitionStatus.RECEIVED,
        receiptCode,
        probableRepeatOfId,
        acceptDeadline: addWorkingDays(receivedOn, 5),
        acceptanceNoticeDeadline: input.reporter ? addWorkingDays(receivedOn, 15) : null,
      } as never);
      await em.flush();
      await enqueuePetitionEvent(em, { petitionId: petition.id, systemAccountId, status: petition.status, feedback: null });
      return { petition, receiptCode };
    }, { petition: null, receiptCode: null });
  }

  /** 重复件: the earliest petition about the same subject within the window whose content is near-identical. */
  static async findRepeat(em: EntityManager, subject: { officialId: number | null; unitId: number | null; subjectText: string | null }, receivedOn: string, content: string): Promise<number | null> {
    const where: Record<string, unknown> = {};
    if (subject.officialId) where.subjectOfficialId = subject.officialId;
    else if (subject.unitId) Object.assign(where, { subjectUnitId: subject.unitId, subjectOfficialId: null });
    else if (subject.subjectText) Object.assign(where, { subjectText: subject.subjectText, subjectUnitId: null, subjectOfficialId: null });
    else return null;
    const from = new Date(Date.parse(`${receivedOn}T00:00:00Z`) - REPEAT_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
    const candidates = await em.find(Petition, { ...where, receivedOn: { $gte: from, $lte: receivedOn } } as never, { orderBy: { id: 'asc' }, limit: 500 });
    const hit = candidates.find((c) => trigramJaccard(c.content, content) >= REPEAT_THRESHOLD);
    return hit ? (hit.probableRepeatOfId ?? hit.id) : null;
  }

  private static async requireForWrite(ctx: RequestContext, em: EntityManager, globalId: string, version: number, to: PetitionStatus): Promise<Petition> {
    const id = tryKeyOf(globalId, Petition.typename);
    if (id === null) throw invalid('id', '"id" is not a valid Petition id');
    const p = await em.findOne(Petition, { id });
    if (!p || !ctx.viewer.reaches([PO], p.unitPath)) throw missing('id', 'No petition with this id');
    checkVersion(p, version, 'The petition');
    if (!PETITION_TRANSITIONS[p.status].includes(to)) throw conflict(`A petition in status ${p.status} cannot become ${to}`, ['input', 'id']);
    return p;
  }

  private static async changed(em: EntityManager, p: Petition): Promise<void> {
    await em.flush();
    await enqueuePetitionEvent(em, { petitionId: p.id, systemAccountId: p.systemAccountId ?? null, status: p.status, feedback: p.status === PetitionStatus.CONCLUDED ? (p.feedback ?? null) : null });
  }

  static register(ctx: RequestContext, input: PetitionRegisterInput): Promise<PetitionPayload> {
    return runMutation<PetitionPayload>(ctx, input, async (em) => {
      const p = await PetitionService.requireForWrite(ctx, em, input.id, input.version, PetitionStatus.REGISTERED);
      p.status = PetitionStatus.REGISTERED;
      p.registeredOn = ctx.today;
      if (input.reporterNotified && !p.anonymous) p.acceptanceNotifiedOn = ctx.today;
      await PetitionService.changed(em, p);
      return { petition: p };
    }, { petition: null });
  }

  static transfer(ctx: RequestContext, input: PetitionTransferInput): Promise<PetitionPayload> {
    return runMutation<PetitionPayload>(ctx, input, async (em) => {
      const p = await PetitionService.requireForWrite(ctx, em, input.id, input.version, PetitionStatus.TRANSFERRED);
      if (!!input.unitCode === !!input.teamCode) throw invalid('unitCode', 'Give either unitCode (a lower commission) or teamCode (a dispatched team)');
      if (input.unitCode) {
        const u = await em.findOne(Unit, { code: input.unitCode });
        if (!u || !ctx.viewer.reaches([PO], u.path)) throw missing('unitCode', `No unit with code ${input.unitCode} inside your reach`);
        const own = ctx.viewer.grants.some((g) => g.role === PO && g.paths.includes(u.path));
        if (own || (u.kind !== UnitKind.COUNTY && u.kind !== UnitKind.TOWNSHIP)) {
          throw invalid('unitCode', 'Transfer to a lower discipline commission (a township or county below your own unit), or give teamCode');
        }
        p.transferUnitId = u.id;
      } else {
        const t = await em.findOne(DispatchedTeam, { code: input.teamCode! });
        if (!t) throw missing('teamCode', `No dispatched team with code ${input.teamCode}`);
        p.transferTeamId = t.id;
      }
      p.status = PetitionStatus.TRANSFERRED;
      p.transferredOn = ctx.today;
      p.transferNote = input.note?.trim() || null;
      await PetitionService.changed(em, p);
      return { petition: p };
    }, { petition: null });
  }

  static createClue(ctx: RequestContext, input: PetitionCreateClueInput): Promise<PetitionPayload> {
    return runMutation<PetitionPayload>(ctx, input, async (em) => {
      const p = await PetitionService.requireForWrite(ctx, em, input.id, input.version, PetitionStatus.CLUE_CREATED);
      // the clue carries the content, never the reporter
      const clue = await ClueService.createFromSource(em, ctx, {
        source: ClueSource.PETITION,
        unit: p.unitId,
        subjects: p.subjectOfficialId ? [p.subjectOfficialId] : [],
        summary: input.summary,
        details: p.content,
        receivedOn: p.receivedOn,
      });
      p.clueId = clue.id;
      p.status = PetitionStatus.CLUE_CREATED;
      await PetitionService.changed(em, p);
      return { petition: p };
    }, { petition: null });
  }

  static conclude(ctx: RequestContext, input: PetitionConcludeInput): Promise<PetitionPayload> {
    return runMutation<PetitionPayload>(ctx, input, async (em) => {
      const p = await PetitionService.requireForWrite(ctx, em, input.id, input.version, PetitionStatus.CONCLUDED);
      const closed = input.matterClosedOn ?? ctx.today;
      if (closed > ctx.today) throw invalid('matterClosedOn', 'matterClosedOn must not be in the future');
      if (closed < p.receivedOn) throw invalid('matterClosedOn', 'matterClosedOn must not be before the petition was received');
      p.feedback = input.feedback.trim();
      if (!p.feedback) throw invalid('feedback', 'feedback must not be empty');
      p.matterClosedOn = closed;
      p.resultNoticeDeadline = p.anonymous ? null : addWorkingDays(closed, 15);
      p.concludedOn = ctx.today;
      p.status = PetitionStatus.CONCLUDED;
      await PetitionService.changed(em, p);
      return { petition: p };
    }, { petition: null });
  }

  /**
   * Public status check: one indexed lookup whatever the code, then a fixed-length constant-time
   * compare against the row found or a dummy, so a missing code answers as fast as an existing one.
   */
  static async status(ctx: RequestContext, receiptCode: string): Promise<PetitionStatusAnswer> {
    if (typeof receiptCode !== 'string' || !RECEIPT_CODE_SHAPE.test(receiptCode)) throw badInput('receiptCode must be 16 digits');
    const rows = await ctx.em.execute<{ receipt_code: string; status: PetitionStatus; feedback: string | null }[]>(
      'select receipt_code, status, feedback from petition where receipt_code = ?',
      [receiptCode],
    );
    const row = rows[0];
    const same = timingSafeEqual(Buffer.from(row?.receipt_code ?? '################'), Buffer.from(receiptCode));
    if (!row || !same) return { found: false, status: null, feedback: null };
    return { found: true, status: row.status, feedback: row.status === PetitionStatus.CONCLUDED ? row.feedback : null };
  }
}
