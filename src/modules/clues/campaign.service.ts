import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../common/context';
import { paginate, type ConnectionArgs } from '../../common/connection';
import { keyOf, tryKeyOf } from '../../common/relay';
import { badInput, conflict, invalid, missing } from '../../common/errors';
import { checkVersion, runMutation } from '../../common/mutation';
import { isCalendarDate } from '../../common/scalars';
import type { Viewer } from '../../authz/viewer';
import { Unit } from '../units/unit.entity';
import { UnitService, escapeLike } from '../units/unit.service';
import { Campaign, CampaignBatch } from './campaign.entity';
import { CAMPAIGN_ROW_ROLES, CAMPAIGN_WRITERS } from './clue.rules';
import type {
  CampaignBatchAddInput,
  CampaignBatchPayload,
  CampaignCreateInput,
  CampaignFilter,
  CampaignPayload,
  CampaignUpdateInput,
  CampaignViewerCan,
} from './campaign.types';

/** "/1/5/23/" → ["/1/", "/1/5/", "/1/5/23/"]: the paths of a unit and of every unit above it. */
export function pathPrefixes(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

/** PostgreSQL text cannot hold NUL: refuse it as input rather than fail on write. */
export function noNul<T extends string | null | undefined>(field: string, value: T): T {
  if (typeof value === 'string' && value.includes('\u0000')) throw invalid(field, `${field} must not contain NUL characters`);
  return value;
}

/** A `date` column as YYYY-MM-DD, whether the driver gave a string or a Date. */
export const dateOf = (v: string | Date): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/**
 * Campaigns (专项行动 / 专项整治) and their batches. A campaign led by unit U concerns U's
 * subtree: it is visible to every grant of PC, DC, DT and INSPECTION_GROUP whose reach overlaps
 * that subtree, i.e. U lies inside the reach, or U is above one of the reach's roots (a county
 * campaign reaches a township committee).
 */
export class CampaignService {
  /** Whether a campaign led at `path` is visible to the viewer. */
  static visibleAt(viewer: Viewer, path: string): boolean {
    for (const g of viewer.grants) {
      if (!CAMPAIGN_ROW_ROLES.includes(g.role)) continue;
      switch (g.kind) {
        case 'ALL':
          return true;
        case 'SUBTREE':
          if (g.paths.some((p) => path.startsWith(p) || p.startsWith(path))) return true;
          break;
        case 'UNIT':
          if (g.paths.some((p) => p.startsWith(path))) return true;
          break;
        default:
          break;
      }
    }
    return false;
  }

  /** SQL twin of visibleAt: lead unit inside a reach, or one of the units above a reach root. */
  static scope(ctx: RequestContext): FilterQuery<Campaign> {
    const ors: Record<string, unknown>[] = [];
    const above = new Set<string>();
    for (const g of ctx.viewer.grants) {
      if (!CAMPAIGN_ROW_ROLES.includes(g.role)) continue;
      if (g.kind === 'ALL') return {};
      if (g.kind === 'SUBTREE') for (const p of g.paths) ors.push({ unitPath: { $like: `${escapeLike(p)}%` } });
      if (g.kind === 'SUBTREE' || g.kind === 'UNIT') for (const p of g.paths) for (const a of pathPrefixes(p)) above.add(a);
    }
    if (above.size) ors.push({ unitPath: { $in: [...above] } });
    if (ors.length === 0) return { id: { $in: [] } };
    return (ors.length === 1 ? ors[0] : { $or: ors }) as FilterQuery<Campaign>;
  }

  /** A campaign by key if the viewer may see it (batched), else null. */
  static async findVisible(ctx: RequestContext, id: number): Promise<Campaign | null> {
    const c = await ctx.loaders.load(Campaign, id);
    return c && CampaignService.visibleAt(ctx.viewer, c.unitPath) ? c : null;
  }

  static async findVisibleBatch(ctx: RequestContext, id: number): Promise<CampaignBatch | null> {
    const b = await ctx.loaders.load(CampaignBatch, id);
    if (!b) return null;
    return (await CampaignService.findVisible(ctx, b.campaign.id)) ? b : null;
  }

  /** A campaign named in a mutation's input, visible to the caller; otherwise a NOT_FOUND user error on `field`. */
  static async requireVisible(ctx: RequestContext, em: EntityManager, globalId: string | null | undefined, field: string): Promise<Campaign> {
    const id = tryKeyOf(globalId, Campaign.typename);
    if (id === null) throw invalid(field, `"${field}" is not a valid Campaign id`);
    const c = await em.findOne(Campaign, { id });
    if (!c || !CampaignService.visibleAt(ctx.viewer, c.unitPath)) throw missing(field, 'No campaign with this id in your scope');
    return c;
  }

  /** A batch named in a mutation's input, of a campaign visible to the caller; otherwise a NOT_FOUND user error on `field`. */
  static async requireVisibleBatch(ctx: RequestContext, em: EntityManager, globalId: string | null | undefined, field: string): Promise<CampaignBatch> {
    const id = tryKeyOf(globalId, CampaignBatch.typename);
    if (id === null) throw invalid(field, `"${field}" is not a valid CampaignBatch id`);
    const b = await em.findOne(CampaignBatch, { id });
    const c = b ? await em.findOne(Campaign, { id: b.campaign.id }) : null;
    if (!b || !c || !CampaignService.visibleAt(ctx.viewer, c.unitPath)) throw missing(field, 'No batch with this id in your scope');
    return b;
  }

  static isWriter(viewer: Viewer, c: Campaign): boolean {
    return viewer.reaches(CAMPAIGN_WRITERS, c.unitPath);
  }

  private static async requireWritable(ctx: RequestContext, em: EntityManager, globalId: string, field: string): Promise<Campaign> {
    const c = await CampaignService.requireVisible(ctx, em, globalId, field);
    // a township committee sees a county campaign but has no say over it: the campaign is there, the right is not
    if (!CampaignService.isWriter(ctx.viewer, c)) throw missing(field, 'No campaign with this id that you may edit');
    return c;
  }

  static async list(ctx: RequestContext, filter: CampaignFilter | null | undefined, args: ConnectionArgs) {
    const conds: FilterQuery<Campaign>[] = [CampaignService.scope(ctx)];
    if (filter?.kinds?.length) conds.push({ kind: { $in: filter.kinds } });
    if (filter?.activeOn) conds.push({ periodStart: { $lte: filter.activeOn }, periodEnd: { $gte: filter.activeOn } });
    if (filter?.nameContains?.includes('\u0000')) throw badInput('"filter.nameContains" must not contain NUL characters');
    if (filter?.nameContains) conds.push({ name: { $ilike: `%${escapeLike(filter.nameContains)}%` } });
    if (filter?.leadUnitSubtree) {
      const root = await ctx.loaders.row(Unit, keyOf(filter.leadUnitSubtree, Unit.typename, 'filter.leadUnitSubtree'));
      conds.push(root ? { unitPath: { $like: `${root.path}%` } } : { id: { $in: [] } });
    }
    return paginate(ctx.em, Campaign, { $and: conds } as FilterQuery<Campaign>, args);
  }

  /** A campaign's batches by number, one statement for every campaign of the response. */
  static batches(ctx: RequestContext, c: Campaign): Promise<CampaignBatch[]> {
    return ctx.loaders
      .custom<number, CampaignBatch[]>('campaignBatches', async (ids) => {
        const rows = await ctx.em.find(CampaignBatch, { campaign: { $in: [...ids] } }, { orderBy: { number: 'asc', id: 'asc' } });
        return ids.map((id) => rows.filter((r) => r.campaign.id === id));
      })
      .load(c.id);
  }

  static viewerCan(ctx: RequestContext, c: Campaign): CampaignViewerCan {
    const writer = CampaignService.isWriter(ctx.viewer, c);
    return { update: writer, addBatch: writer };
  }

  private static checkPeriod(start: string, end: string): void {
    if (end < start) throw invalid('periodEnd', 'periodEnd must not be before periodStart');
  }

  static create(ctx: RequestContext, input: CampaignCreateInput): Promise<CampaignPayload> {
    return runMutation<CampaignPayload>(ctx, input, async (em) => {
      const unit = await UnitService.requireInReach(ctx, em, input.leadUnit, 'leadUnit', CAMPAIGN_WRITERS);
      if (!noNul('name', input.name).trim()) throw invalid('name', 'name must not be empty');
      if (!noNul('theme', input.theme).trim()) throw invalid('theme', 'theme must not be empty');
      CampaignService.checkPeriod(input.periodStart, input.periodEnd);
      const campaign = em.create(Campaign, {
        name: input.name.trim(),
        kind: input.kind,
        theme: input.theme.trim(),
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        leadUnit: unit,
        unitPath: unit.path,
      } as never);
      await em.flush();
      return { campaign };
    }, { campaign: null });
  }

  static update(ctx: RequestContext, input: CampaignUpdateInput): Promise<CampaignPayload> {
    return runMutation<CampaignPayload>(ctx, input, async (em) => {
      const c = await CampaignService.requireWritable(ctx, em, input.id, 'id');
      checkVersion(c, input.version, 'The campaign');
      if (input.name != null) {
        if (!noNul('name', input.name).trim()) throw invalid('name', 'name must not be empty');
        c.name = input.name.trim();
      }
      if (input.theme != null) {
        if (!noNul('theme', input.theme).trim()) throw invalid('theme', 'theme must not be empty');
        c.theme = input.theme.trim();
      }
      if (input.kind != null) c.kind = input.kind;
      const start = input.periodStart ?? dateOf(c.periodStart);
      const end = input.periodEnd ?? dateOf(c.periodEnd);
      CampaignService.checkPeriod(start, end);
      const outside = await em.count(CampaignBatch, { campaign: c.id, $or: [{ listedOn: { $lt: start } }, { listedOn: { $gt: end } }] });
      if (outside) throw conflict(`${outside} batch(es) of the campaign were listed outside the new period; the period must hold every batch`, ['input', input.periodStart != null ? 'periodStart' : 'periodEnd']);
      c.periodStart = start;
      c.periodEnd = end;
      await em.flush();
      return { campaign: c };
    }, { campaign: null });
  }

  static addBatch(ctx: RequestContext, input: CampaignBatchAddInput): Promise<CampaignBatchPayload> {
    return runMutation<CampaignBatchPayload>(ctx, input, async (em) => {
      const c = await CampaignService.requireWritable(ctx, em, input.campaign, 'campaign');
      if (!noNul('name', input.name).trim()) throw invalid('name', 'name must not be empty');
      if (!isCalendarDate(input.listedOn)) throw invalid('listedOn', 'listedOn must be a calendar date');
      const [start, end] = [dateOf(c.periodStart), dateOf(c.periodEnd)];
      if (input.listedOn < start || input.listedOn > end) throw invalid('listedOn', `listedOn must lie inside the campaign period (${start} to ${end})`);
      const existing = await em.find(CampaignBatch, { campaign: c.id });
      const number = input.number ?? existing.reduce((m, b) => Math.max(m, b.number), 0) + 1;
      if (existing.some((b) => b.number === number)) throw conflict(`The campaign already has a batch number ${number}`, ['input', 'number']);
      const batch = em.create(CampaignBatch, { campaign: c, number, name: input.name.trim(), listedOn: input.listedOn } as never);
      await em.flush();
      return { batch, campaign: c };
    }, { batch: null, campaign: null });
  }
}

