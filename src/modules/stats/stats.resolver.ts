import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { StatisticsService } from './stats.service';
import { exportStatistics } from './stats.export';
import { BulkService } from './bulk.service';
import {
  OfficialChangeFeed,
  OfficialLookup,
  Statistics,
  StatisticsExportFormat,
  StatisticsFile,
  StatisticsPeriodInput,
  UnitLookup,
} from './stats.types';

@Resolver(() => Statistics)
export class StatisticsResolver {
  @Query(() => Statistics, {
    nullable: true,
    description:
      '统计数据 (figures the leaders read for a unit\'s subtree and a period, with 同比; PARTY_COMMITTEE, DISCIPLINE_COMMISSION, DISPATCHED_TEAM). Unit or campaign out of scope: null with NOT_FOUND; a period ending before it starts: BAD_USER_INPUT',
  })
  statistics(
    @Arg('unit', () => ID, { description: '单位 (the unit whose subtree is counted)' }) unit: string,
    @Arg('period', () => StatisticsPeriodInput, { description: '统计期间 (period)' }) period: StatisticsPeriodInput,
    @Arg('campaign', () => ID, { nullable: true, description: '专项行动 (count only this campaign\'s records)' }) campaign: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Statistics> {
    return StatisticsService.compute(ctx, { unit, period, campaign });
  }

  @Query(() => StatisticsFile, { nullable: true, description: '导出统计数据 (the same figures, with the same masking, as an .xlsx workbook or CSV, base64)' })
  async statisticsExport(
    @Arg('unit', () => ID, { description: '单位 (the unit whose subtree is counted)' }) unit: string,
    @Arg('period', () => StatisticsPeriodInput, { description: '统计期间 (period)' }) period: StatisticsPeriodInput,
    @Arg('format', () => StatisticsExportFormat, { description: '格式 (format)' }) format: StatisticsExportFormat,
    @Arg('campaign', () => ID, { nullable: true, description: '专项行动 (count only this campaign\'s records)' }) campaign: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<StatisticsFile> {
    return exportStatistics(await StatisticsService.compute(ctx, { unit, period, campaign }), format);
  }
}

@Resolver()
export class BulkResolver {
  @Query(() => [UnitLookup], { nullable: true, description: '按代码批量查单位 (units by code, at most 500; answered per code in the order asked, unknown or out of reach: NOT_FOUND)' })
  unitsByCodes(@Arg('codes', () => [String], { description: '单位代码 (unit codes)' }) codes: string[], @Ctx() ctx: RequestContext): Promise<UnitLookup[]> {
    return BulkService.unitsByCodes(ctx, codes);
  }

  @Query(() => [OfficialLookup], {
    nullable: true,
    description: '按身份证号批量查干部 (officials by identity number, at most 500; answered per number in the order asked; each lookup is audited as a sensitive read)',
  })
  officialsByIdentityNumbers(
    @Arg('identityNumbers', () => [String], { description: '身份证号 (identity numbers)' }) identityNumbers: string[],
    @Ctx() ctx: RequestContext,
  ): Promise<OfficialLookup[]> {
    return BulkService.officialsByIdentityNumbers(ctx, identityNumbers);
  }

  @Query(() => OfficialChangeFeed, { nullable: true, description: '干部变更订阅 (officials in reach changed after the cursor, by change time then id; officials are never deleted)' })
  officialsChangedSince(
    @Arg('cursor', () => String, { nullable: true, description: '游标 (the nextCursor of the previous page; none: from the beginning)' }) cursor: string | null,
    @Arg('first', () => Int, { nullable: true, description: '条数 (page size, 1 to 500, default 100)' }) first: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<OfficialChangeFeed> {
    return BulkService.officialsChangedSince(ctx, cursor, first);
  }
}
