import type { EntityManager } from '@mikro-orm/postgresql';
import { readOnlyRows } from '../../db/read-only-rows';
import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../common/context';
import { paginate, type ConnectionArgs } from '../../common/connection';
import { keyOf, tryKeyOf } from '../../common/relay';
import { ErrorCode, conflict, invalid, missing } from '../../common/errors';
import { checkVersion, runMutation } from '../../common/mutation';
import { Role } from '../../authz/roles';
import { Account } from '../accounts/account.entity';
import { Unit } from '../units/unit.entity';
import { UnitService } from '../units/unit.service';
import { Official } from '../officials/official.entity';
import { OfficialService } from '../officials/official.service';
import { ResponsibilityLetter } from '../letters/letter.entity';
import { LetterService } from '../letters/letter.service';
import type { Warning } from '../units/warning.entity';
import { InfluencePeriodType as IP } from '../sanctions/sanction.enums';
import { ProblemClue } from '../clues/clue.entity';
import { ClueStatus } from '../clues/clue.enums';
import { OPEN_STATUSES } from '../clues/clue.lifecycle';
import { ClueService } from '../clues/clue.service';
import { IntegrityOpinion, IntegrityOpinionRequest } from './opinion.entity';
import { OpinionAnswer, OpinionReason, OpinionStatus, REASONS_OF } from './opinion.enums';
import { ARCHIVE_READERS, OPINION_REQUESTERS, OPINION_WRITERS } from './opinion.rules';
import {
  ArchivePost,
  IntegrityArchive,
  type IntegrityOpinionAmendInput,
  type IntegrityOpinionConfirmInput,
  type IntegrityOpinionFilter,
  type IntegrityOpinionPayload,
  type IntegrityOpinionRequestInput,
  type IntegrityOpinionRequestItem,
  type IntegrityOpinionRequestPayload,
  type IntegrityOpinionSendInput,
  type IntegrityOpinionsPayload,
  type IntegrityOpinionViewerCan,
} from './opinion.types';

/** The answer computed from the records for one official. */
export interface ComputedOpinion {
  answer: OpinionAnswer;
  reasonClass: OpinionReason | null;
  influenceUntil: string | null;
}

/** Clue statuses that hold up an opinion: objection while a case is filed, pending while being verified or talked to. */
const HOLDING_STATUSES: readonly ClueStatus[] = [ClueStatus.CASE_FILED, ClueStatus.PRELIMINARY_VERIFICATION, ClueStatus.TALK_OR_INQUIRY_LETTER];
/** The clue statuses in which an integrity opinion is PENDING. */
const PENDING_STATUSES: readonly ClueStatus[] = [ClueStatus.PRELIMINARY_VERIFICATION, ClueStatus.TALK_OR_INQUIRY_LETTER];

/** A PostgreSQL array literal of keys, bound as one parameter (`= any(?::int[])`), whatever the list's length. */
const intArray = (ids: readonly number[]) => `{${ids.map((i) => Math.trunc(i)).join(',')}}`;

/**
 * 廉政意见回复 and 廉政档案: the organisation department asks, the answers are computed from the
 * sanctions and clues at once, the discipline commission confirms or amends and sends them.
 */
export class OpinionService {
  /**
   * The draft answer for each official, from every sanction and clue on record (the commission
   * answers from its whole file, not from what the requester may see): two statements whatever
   * the number of officials.
   */
  static async compute(em: EntityManager, officialIds: readonly number[], today: string): Promise<Map<number, ComputedOpinion>> {
    const result = new Map<number, ComputedOpinion>();
    if (!officialIds.length) return result;
    const ids = intArray(officialIds);
    const sanctions = await em.execute<{ official_id: number; influence_type: IP; influence_end: string | null }[]>(
      `select official_id, influence_type, influence_end::text as influence_end from sanction
        where official_id = any(?::int[]) and revoked = false
          and (influence_type in (?, ?) or (influence_type = ? and effective_date <= ? and influence_end >= ?))`,
      [ids, IP.PERMANENT, IP.UNTIL_UPDATED, IP.UNTIL_DATE, today, today],
    );
    const clues = await em.execute<{ official_id: number; status: ClueStatus }[]>(
      `select distinct s.official_id, c.status from problem_clue_subject s join problem_clue c on c.id = s.clue_id
        where s.official_id = any(?::int[]) and c.status in (?, ?, ?)`,
      [ids, ...HOLDING_STATUSES],
    );
    const influence = new Map<number, { permanent: boolean; until: string | null }>();
    for (const s of sanctions) {
      const cur = influence.get(s.official_id) ?? { permanent: false, until: null };
      if (s.influence_type !== IP.UNTIL_DATE) cur.permanent = true;
      else if (s.influence_end && (!cur.until || s.influence_end > cur.until)) cur.until = s.influence_end;
      influence.set(s.official_id, cur);
    }
    const statuses = new Map<number, Set<ClueStatus>>();
    for (const c of clues) {
      if (!statuses.has(c.official_id)) statuses.set(c.official_id, new Set());
      statuses.get(c.official_id)!.add(c.status);
    }
    for (const id of officialIds) {
      const inf = influence.get(id);
      const st = statuses.get(id) ?? new Set<ClueStatus>();
      let r: ComputedOpinion;
      if (inf) r = { answer: OpinionAnswer.OBJECTION, reasonClass: OpinionReason.IN_INFLUENCE_PERIOD, influenceUntil: inf.permanent ? null : inf.until };
      else if (st.has(ClueStatus.CASE_FILED)) r = { answer: OpinionAnswer.OBJECTION, reasonClass: OpinionReason.CASE_FILED_NOT_CONCLUDED, influenceUntil: null };
      else if (st.has(ClueStatus.PRELIMINARY_VERIFICATION)) r = { answer: OpinionAnswer.PENDING, reasonClass: OpinionReason.PRELIMINARY_VERIFICATION, influenceUntil: null };
      else if (st.has(ClueStatus.TALK_OR_INQUIRY_LETTER)) r = { answer: OpinionAnswer.PENDING, reasonClass: OpinionReason.TALK_OR_INQUIRY_LETTER, influenceUntil: null };
      else r = { answer: OpinionAnswer.NO_OBJECTION, reasonClass: null, influenceUntil: null };
      result.set(id, r);
    }
    return result;
  }

  // ---- reading ----

  /** The units of the viewer's organisation-department grants: requests made under them are its own. */
  private static requesterUnitIds(ctx: RequestContext): number[] {
    return ctx.viewer
      .grantsOf(Role.ORGANIZATION_DEPT)
      .map((g) => g.unitId)
      .filter((u): u is number => u != null);
  }

  /** SQL predicate of the requests the viewer made (its account's, or its grant unit's). */
  private static ownRequestsWhere(ctx: RequestContext): FilterQuery<IntegrityOpinionRequest> | null {
    if (!ctx.viewer.holdsAny(OPINION_REQUESTERS) || !ctx.viewer.account) return null;
    const units = OpinionService.requesterUnitIds(ctx);
    const ors: FilterQuery<IntegrityOpinionRequest>[] = [{ requestedBy: ctx.viewer.account.id }];
    if (units.length) ors.push({ requesterUnit: { $in: units } });
    return { $or: ors } as FilterQuery<IntegrityOpinionRequest>;
  }

  static isOwnRequest(ctx: RequestContext, r: IntegrityOpinionRequest): boolean {
    if (!ctx.viewer.holdsAny(OPINION_REQUESTERS) || !ctx.viewer.account) return false;
    if (r.requestedBy.id === ctx.viewer.account.id) return true;
    return r.requesterUnit != null && OpinionService.requesterUnitIds(ctx).includes(r.requesterUnit.id);
  }

  /** SQL predicate of the replies the viewer may see: the commission's in its reach, the requester's own. */
  static scope(ctx: RequestContext): FilterQuery<IntegrityOpinion> {
    const ors: FilterQuery<IntegrityOpinion>[] = [];
    if (ctx.viewer.holdsAny(OPINION_WRITERS)) ors.push(ctx.viewer.pathFilter(OPINION_WRITERS, 'unitPath') as FilterQuery<IntegrityOpinion>);
    const own = OpinionService.ownRequestsWhere(ctx);
    if (own) ors.push({ request: own } as FilterQuery<IntegrityOpinion>);
    if (!ors.length) return { id: { $in: [] } };
    return (ors.length === 1 ? ors[0] : { $or: ors }) as FilterQuery<IntegrityOpinion>;
  }

  /** Whether the viewer reads the commission's side of a reply (the draft, confirmation, amendment). */
  static isCommission(ctx: RequestContext, o: IntegrityOpinion): boolean {
    return ctx.viewer.reaches(OPINION_WRITERS, o.unitPath);
  }

  /** Whether the viewer reads the answer: the commission always, the requester once it is sent. */
  static answerVisible(ctx: RequestContext, o: IntegrityOpinion): boolean {
    return OpinionService.isCommission(ctx, o) || o.status === OpinionStatus.SENT;
  }

  static status(ctx: RequestContext, o: IntegrityOpinion): OpinionStatus {
    if (OpinionService.isCommission(ctx, o) || o.status === OpinionStatus.SENT) return o.status;
    return OpinionStatus.AWAITING_REPLY;
  }

  static async findVisible(ctx: RequestContext, id: number): Promise<IntegrityOpinion | null> {
    const o = await ctx.loaders.load(IntegrityOpinion, id);
    if (!o) return null;
    if (OpinionService.isCommission(ctx, o)) return o;
    const r = await ctx.loaders.load(IntegrityOpinionRequest, o.request.id);
    return r && OpinionService.isOwnRequest(ctx, r) ? o : null;
  }

  /**
   * A request by key if the viewer may see it: its own, or (the commission) one holding a reply
   * in its reach.
   */
  static async findVisibleRequest(ctx: RequestContext, id: number): Promise<IntegrityOpinionRequest | null> {
    const r = await ctx.loaders.load(IntegrityOpinionRequest, id);
    if (!r) return null;
    if (OpinionService.isOwnRequest(ctx, r)) return r;
    if (!ctx.viewer.holdsAny(OPINION_WRITERS)) return null;
    const n = await ctx.em.count(IntegrityOpinion, { $and: [{ request: id }, ctx.viewer.pathFilter(OPINION_WRITERS, 'unitPath')] } as FilterQuery<IntegrityOpinion>);
    return n > 0 ? r : null;
  }

  static async listRequests(ctx: RequestContext, args: ConnectionArgs) {
    const ors: FilterQuery<IntegrityOpinionRequest>[] = [];
    const own = OpinionService.ownRequestsWhere(ctx);
    if (own) ors.push(own);
    if (ctx.viewer.holdsAny(OPINION_WRITERS)) {
      const rows = await ctx.em
        .createQueryBuilder(IntegrityOpinion, 'o')
        .select('o.request_id', true)
        .where(ctx.viewer.pathFilter(OPINION_WRITERS, 'unitPath') as never)
        .execute<{ request_id: number }[]>('all', false);
      ors.push({ id: { $in: rows.map((r) => r.request_id) } });
    }
    const where = (ors.length === 0 ? { id: { $in: [] } } : ors.length === 1 ? ors[0] : { $or: ors }) as FilterQuery<IntegrityOpinionRequest>;
    return paginate(ctx.em, IntegrityOpinionRequest, where, args);
  }

  static async list(ctx: RequestContext, filter: IntegrityOpinionFilter | null | undefined, args: ConnectionArgs, scope?: { request?: number; official?: number }) {
    const conds: FilterQuery<IntegrityOpinion>[] = [OpinionService.scope(ctx)];
    if (scope?.request != null) conds.push({ request: scope.request });
    if (scope?.official != null) conds.push({ official: scope.official });
    if (filter?.request) conds.push({ request: keyOf(filter.request, IntegrityOpinionRequest.typename, 'filter.request') });
    if (filter?.official) conds.push({ official: keyOf(filter.official, Official.typename, 'filter.official') });
    if (filter?.statuses?.length) {
      const real = filter.statuses.filter((s) => s !== OpinionStatus.AWAITING_REPLY);
      const commission = ctx.viewer.pathFilter(OPINION_WRITERS, 'unitPath');
      // a requester's AWAITING_REPLY is every status but SENT; the commission's statuses are its own
      const ors: FilterQuery<IntegrityOpinion>[] = [];
      if (real.length) {
        ors.push({ $and: [commission, { status: { $in: real } }] } as FilterQuery<IntegrityOpinion>);
        if (real.includes(OpinionStatus.SENT)) ors.push({ status: OpinionStatus.SENT });
      }
      if (filter.statuses.includes(OpinionStatus.AWAITING_REPLY)) {
        ors.push({ $and: [{ $not: commission }, { status: { $ne: OpinionStatus.SENT } }] } as FilterQuery<IntegrityOpinion>);
      }
      conds.push(ors.length ? ({ $or: ors } as FilterQuery<IntegrityOpinion>) : { id: { $in: [] } });
    }
    return paginate(ctx.em, IntegrityOpinion, { $and: conds } as FilterQuery<IntegrityOpinion>, args);
  }

  static viewerCan(ctx: RequestContext, o: IntegrityOpinion): IntegrityOpinionViewerCan {
    const writer = OpinionService.isCommission(ctx, o) && !ctx.viewer.recusedFrom([o.official.id]);
    return {
      confirm: writer && o.status === OpinionStatus.DRAFT,
      amend: writer && o.status !== OpinionStatus.SENT,
      send: writer && o.status === OpinionStatus.CONFIRMED,
    };
  }

  static async accountName(ctx: RequestContext, id: number | null | undefined): Promise<string | null> {
    return id == null ? null : ((await ctx.loaders.load(Account, id))?.displayName ?? null);
  }

  // ---- writing ----

  static request(ctx: RequestContext, input: IntegrityOpinionRequestInput): Promise<IntegrityOpinionRequestPayload> {
    return runMutation<IntegrityOpinionRequestPayload>(
      ctx,
      input,
      async (em) => {
        const given = input.officials;
        const keys = given.map((g) => tryKeyOf(g, Official.typename));
        const wanted = [...new Set(keys.filter((k): k is number => k !== null))];
        // one statement: the officials named that the organisation department reaches
        // only the key and the path are used: 500 whole officials were most of this request's memory
        const officials = wanted.length
          ? await readOnlyRows(em, Official, { $and: [{ id: { $in: wanted } }, ctx.viewer.pathFilter(OPINION_REQUESTERS, 'unitPath')] } as FilterQuery<Official>, { id: 'asc' }, ['unitPath'])
          : [];
        if (!officials.length) throw missing('officials', 'None of the officials named exists in your scope');
        const byId = new Map(officials.map((o) => [o.id, o]));
        const computed = await OpinionService.compute(em, [...byId.keys()], ctx.today);
        const grant = ctx.viewer.grantsOf(Role.ORGANIZATION_DEPT).find((g) => g.unitId != null);
        const request = em.create(IntegrityOpinionRequest, {
          purpose: input.purpose,
          requestedBy: em.getReference(Account, ctx.viewer.account!.id),
          requesterUnit: grant ? em.getReference(Unit, grant.unitId!) : null,
          requestedOn: ctx.today,
          note: input.note?.trim() || null,
          officialCount: byId.size,
        } as never);
        await em.flush();
        // one multi-row insert and one read back, whatever the number of officials
        const now = new Date();
        await em.insertMany(
          IntegrityOpinion,
          officials.map((o) => {
            const c = computed.get(o.id)!;
            return {
              createdAt: now,
              updatedAt: now,
              version: 1,
              request: request.id,
              official: o.id,
              unitPath: o.unitPath,
              status: OpinionStatus.DRAFT,
              answer: c.answer,
              reasonClass: c.reasonClass,
              influenceUntil: c.influenceUntil,
              computedAnswer: c.answer,
              computedReasonClass: c.reasonClass,
              computedInfluenceUntil: c.influenceUntil,
              amended: false,
            };
          }) as never,
        );
        // read-only rows: 500 managed replies held the memory and made the closing flush compare them all
        const rows = await readOnlyRows(em, IntegrityOpinion, { request: request.id }, { id: 'asc' });
        const opinions = new Map(rows.map((o) => [o.official.id, o]));
        const items: IntegrityOpinionRequestItem[] = given.map((g, i) => {
          const k = keys[i];
          const opinion = k !== null ? (opinions.get(k) ?? null) : null;
          return { official: g, opinion, code: opinion ? null : ErrorCode.NOT_FOUND };
        });
        return { request, items };
      },
      { request: null, items: [] },
    );
  }

  /** A reply named in a mutation, in the commission's reach and not about the caller; otherwise NOT_FOUND. */
  private static async requireWritable(ctx: RequestContext, em: EntityManager, globalIds: string[], field: string): Promise<IntegrityOpinion[]> {
    const keys: number[] = [];
    for (const g of globalIds) {
      const k = tryKeyOf(g, IntegrityOpinion.typename);
      if (k === null) throw invalid(field, `"${field}" holds an invalid IntegrityOpinion id`);
      if (keys.includes(k)) throw invalid(field, `"${field}" names a reply twice`);
      keys.push(k);
    }
    const rows = await em.find(IntegrityOpinion, { id: { $in: keys } }, { orderBy: { id: 'asc' } });
    if (rows.length !== keys.length || rows.some((o) => !ctx.viewer.reaches(OPINION_WRITERS, o.unitPath) || ctx.viewer.recusedFrom([o.official.id]))) {
      throw missing(field, 'No integrity opinion with this id in your scope');
    }
    return rows;
  }

  static confirm(ctx: RequestContext, input: IntegrityOpinionConfirmInput): Promise<IntegrityOpinionsPayload> {
    return runMutation<IntegrityOpinionsPayload>(
      ctx,
      input,
      async (em) => {
        const rows = await OpinionService.requireWritable(ctx, em, input.opinions, 'opinions');
        const done = rows.find((o) => o.status !== OpinionStatus.DRAFT);
        if (done) throw conflict(`Reply ${done.nodeId} is already ${done.status}; only a DRAFT can be confirmed`, ['input', 'opinions']);
        for (const o of rows) {
          o.status = OpinionStatus.CONFIRMED;
          o.confirmedBy = em.getReference(Account, ctx.viewer.account!.id) as never;
          o.confirmedAt = ctx.now;
        }
        await em.flush();
        return { opinions: rows };
      },
      { opinions: [] },
    );
  }

  static amend(ctx: RequestContext, input: IntegrityOpinionAmendInput): Promise<IntegrityOpinionPayload> {
    return runMutation<IntegrityOpinionPayload>(
      ctx,
      input,
      async (em) => {
        const [o] = await OpinionService.requireWritable(ctx, em, [input.id], 'id');
        checkVersion(o, input.version, 'The integrity opinion');
        if (o.status === OpinionStatus.SENT) throw conflict('The reply was sent; a sent reply cannot be amended', ['input', 'id']);
        const reason = input.reasonClass ?? null;
        const allowed = REASONS_OF[input.answer];
        if (allowed.length === 0 && reason !== null) throw invalid('reasonClass', 'NO_OBJECTION takes no reason class');
        if (allowed.length > 0 && (reason === null || !allowed.includes(reason))) {
          throw invalid('reasonClass', `${input.answer} needs one of these reason classes: ${allowed.join(', ')}`);
        }
        if (input.influenceUntil != null && reason !== OpinionReason.IN_INFLUENCE_PERIOD) {
          throw invalid('influenceUntil', 'influenceUntil is given only with IN_INFLUENCE_PERIOD');
        }
        o.answer = input.answer;
        o.reasonClass = reason;
        o.influenceUntil = input.influenceUntil ?? null;
        o.amended = true;
        o.amendNote = input.note.trim();
        o.status = OpinionStatus.CONFIRMED;
        o.confirmedBy = em.getReference(Account, ctx.viewer.account!.id) as never;
        o.confirmedAt = ctx.now;
        await em.flush();
        return { opinion: o };
      },
      { opinion: null },
    );
  }

  static send(ctx: RequestContext, input: IntegrityOpinionSendInput): Promise<IntegrityOpinionsPayload> {
    return runMutation<IntegrityOpinionsPayload>(
      ctx,
      input,
      async (em) => {
        const id = tryKeyOf(input.request, IntegrityOpinionRequest.typename);
        if (id === null) throw invalid('request', '"request" is not a valid IntegrityOpinionRequest id');
        const inReach = await em.find(
          IntegrityOpinion,
          { $and: [{ request: id }, ctx.viewer.pathFilter(OPINION_WRITERS, 'unitPath')] } as FilterQuery<IntegrityOpinion>,
          { orderBy: { id: 'asc' } },
        );
        const mine = inReach.filter((o) => !ctx.viewer.recusedFrom([o.official.id]));
        if (!mine.length) throw missing('request', 'No integrity opinion request with this id in your scope');
        const ready = mine.filter((o) => o.status === OpinionStatus.CONFIRMED);
        if (!ready.length) throw conflict('No confirmed reply of this request is waiting to be sent; confirm or amend the drafts first', ['input', 'request']);
        for (const o of ready) {
          o.status = OpinionStatus.SENT;
          o.sentBy = em.getReference(Account, ctx.viewer.account!.id) as never;
          o.sentAt = ctx.now;
        }
        await em.flush();
        return { opinions: ready };
      },
      { opinions: [] },
    );
  }

  // ---- the integrity archive ----

  static async archive(ctx: RequestContext, officialId: number): Promise<IntegrityArchive | null> {
    const official = await OfficialService.findVisible(ctx, officialId, ARCHIVE_READERS);
    if (!official) return null;
    return Object.assign(new IntegrityArchive(), { official });
  }

  static postsHeld(official: Official): ArchivePost[] {
    return [Object.assign(new ArchivePost(), { official, post: official.post, rank: official.rank, isPrincipal: official.isPrincipal, current: true })];
  }

  /** Letters the official signed as principal, as far as the viewer may see letters; newest year first. */
  static letters(ctx: RequestContext, official: Official): Promise<ResponsibilityLetter[]> {
    return ctx.em.find(
      ResponsibilityLetter,
      { $and: [LetterService.scope(ctx), { principal: official.id }] } as FilterQuery<ResponsibilityLetter>,
      { orderBy: { year: 'desc', id: 'desc' } },
    );
  }

  /** Warnings of the units the official leads (principal of) or is in charge of (分管), newest first. */
  static async warnings(ctx: RequestContext, official: Official): Promise<Warning[]> {
    const units: Unit[] = [];
    if (official.isPrincipal) {
      const u = await UnitService.findVisible(ctx, official.unit.id);
      if (u) units.push(u);
    }
    for (const u of await OfficialService.inChargeUnits(ctx, official)) if (!units.some((x) => x.id === u.id)) units.push(u);
    const lists = await Promise.all(units.map((u) => UnitService.warningsOf(ctx, u)));
    return lists.flat().sort((a, b) => (a.issuedDate === b.issuedDate ? b.id - a.id : a.issuedDate < b.issuedDate ? 1 : -1));
  }

  static clues(ctx: RequestContext, official: Official, args: ConnectionArgs) {
    return ClueService.list(ctx, { subject: official.nodeId } as never, args);
  }

  // ---- Official.integrityStatus: open clues ----

  /**
   * Open clues about an official that the viewer may see (scope and recusal of the clue module),
   * batched over the officials of a response: two statements.
   */
  static openClues(ctx: RequestContext, officialId: number): Promise<{ open: number; pending: boolean }> {
    return ctx.loaders
      .custom<number, { open: number; pending: boolean }>('officialOpenClues', async (ids) => {
        const pairs = await ctx.em.execute<{ clue_id: number; official_id: number; status: ClueStatus }[]>(
          `select s.clue_id, s.official_id, c.status from problem_clue_subject s join problem_clue c on c.id = s.clue_id
            where s.official_id = any(?::int[]) and c.status in (${OPEN_STATUSES.map(() => '?').join(', ')})`,
          [intArray(ids), ...OPEN_STATUSES],
        );
        const clueIds = [...new Set(pairs.map((p) => p.clue_id))];
        let visible = new Set<number>();
        if (clueIds.length) {
          const rows = await ctx.em
            .createQueryBuilder(ProblemClue, 'c')
            .select('c.id')
            .where({ $and: [await ClueService.scope(ctx), { id: { $in: clueIds } }] } as never)
            .execute<{ id: number }[]>('all', false);
          visible = new Set(rows.map((r) => r.id));
        }
        return ids.map((id) => {
          const mine = pairs.filter((p) => p.official_id === id && visible.has(p.clue_id));
          return { open: mine.length, pending: mine.some((p) => PENDING_STATUSES.includes(p.status)) };
        });
      })
      .load(officialId);
  }
}
