import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { ConnectionArgs } from '../../common/connection';
import { keyOf } from '../../common/relay';
import { notFound } from '../../common/errors';
import { Unit } from '../units/unit.entity';
import { UnitService } from '../units/unit.service';
import { Official } from '../officials/official.entity';
import { OfficialService } from '../officials/official.service';
import { Assessment, ResponsibilityItem, ResponsibilityLetter } from './letter.entity';
import { LetterService } from './letter.service';
import {
  AssessmentConnection,
  AssessmentFilter,
  AssessmentPayload,
  AssessmentProposeVetoInput,
  LetterAssessInput,
  LetterConnection,
  LetterCreateInput,
  LetterFilter,
  LetterItemAddInput,
  LetterItemPayload,
  LetterItemReportProgressInput,
  LetterItemUpdateInput,
  LetterPayload,
  LetterPublishInput,
  LetterSignInput,
  LetterUpdateInput,
  LetterViewerCan,
} from './letter.types';

@Resolver(() => ResponsibilityLetter)
export class LetterResolver {
  @Query(() => LetterConnection, { nullable: true, description: '责任书列表 (letters the caller may see; PARTY_COMMITTEE, DISCIPLINE_COMMISSION, DISPATCHED_TEAM, UNIT)' })
  letters(
    @Arg('filter', () => LetterFilter, { nullable: true, description: '筛选 (filter)' }) filter: LetterFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return LetterService.list(ctx, filter, args);
  }

  @Query(() => ResponsibilityLetter, { nullable: true, description: '责任书 (one letter); out of scope: null with NOT_FOUND' })
  async letter(@Arg('id', () => ID, { description: '全局标识 (global id)' }) id: string, @Ctx() ctx: RequestContext): Promise<ResponsibilityLetter> {
    const l = await LetterService.findVisible(ctx, keyOf(id, ResponsibilityLetter.typename));
    if (!l) throw notFound('No letter with this id');
    return l;
  }

  @FieldResolver(() => Unit, { nullable: true, description: '签发单位 (issuing party committee\'s unit); null when outside the caller\'s scope' })
  issuerUnit(@Root() l: ResponsibilityLetter, @Ctx() ctx: RequestContext): Promise<Unit | null> {
    return UnitService.findVisible(ctx, l.issuerUnit.id);
  }

  @FieldResolver(() => Unit, { description: '责任单位 (the unit whose principal signs the letter)' })
  async unit(@Root() l: ResponsibilityLetter, @Ctx() ctx: RequestContext): Promise<Unit> {
    return (await ctx.loaders.row(Unit, l.unit.id))!;
  }

  @FieldResolver(() => Official, { nullable: true, description: '责任人 (principal who signs); null when not set or outside the caller\'s scope' })
  principal(@Root() l: ResponsibilityLetter, @Ctx() ctx: RequestContext): Promise<Official | null> | null {
    return l.principal ? OfficialService.findVisible(ctx, l.principal.id) : null;
  }

  @FieldResolver(() => [ResponsibilityItem], { description: '责任事项 (items, in the order they were added)' })
  items(@Root() l: ResponsibilityLetter, @Ctx() ctx: RequestContext) {
    return LetterService.items(ctx, l);
  }

  @FieldResolver(() => [Assessment], { description: '考核 (assessments of this letter, half-year first)' })
  assessments(@Root() l: ResponsibilityLetter, @Ctx() ctx: RequestContext) {
    return LetterService.assessments(ctx, l);
  }

  @FieldResolver(() => LetterViewerCan, { description: '当前账号可做之事 (what the caller may do with this letter now)' })
  viewerCan(@Root() l: ResponsibilityLetter, @Ctx() ctx: RequestContext): LetterViewerCan {
    return LetterService.viewerCan(ctx, l);
  }

  @Mutation(() => LetterPayload, { nullable: true, description: '起草责任书 (draft a letter; issuing PARTY_COMMITTEE)' })
  letterCreate(@Arg('input', () => LetterCreateInput, { description: '输入 (input)' }) input: LetterCreateInput, @Ctx() ctx: RequestContext) {
    return LetterService.create(ctx, input);
  }

  @Mutation(() => LetterPayload, { nullable: true, description: '修改草拟中的责任书 (edit title or principal of a letter in DRAFT; issuing PARTY_COMMITTEE)' })
  letterUpdate(@Arg('input', () => LetterUpdateInput, { description: '输入 (input)' }) input: LetterUpdateInput, @Ctx() ctx: RequestContext) {
    return LetterService.update(ctx, input);
  }

  @Mutation(() => LetterPayload, { nullable: true, description: '签订责任书 (sign: DRAFT → SIGNED; needs a principal and at least one item; issuing PARTY_COMMITTEE)' })
  letterSign(@Arg('input', () => LetterSignInput, { description: '输入 (input)' }) input: LetterSignInput, @Ctx() ctx: RequestContext) {
    return LetterService.sign(ctx, input);
  }

  @Mutation(() => LetterPayload, { nullable: true, description: '公示责任书 (publish: SIGNED → PUBLISHED; issuing PARTY_COMMITTEE)' })
  letterPublish(@Arg('input', () => LetterPublishInput, { description: '输入 (input)' }) input: LetterPublishInput, @Ctx() ctx: RequestContext) {
    return LetterService.publish(ctx, input);
  }

  @Mutation(() => AssessmentPayload, { nullable: true, description: '考核责任书 (assess a letter; YEAR_END moves it to ASSESSED; issuing PARTY_COMMITTEE)' })
  letterAssess(@Arg('input', () => LetterAssessInput, { description: '输入 (input)' }) input: LetterAssessInput, @Ctx() ctx: RequestContext) {
    return LetterService.assess(ctx, input);
  }

  @Mutation(() => AssessmentPayload, { nullable: true, description: '提出一票否决建议 (propose a one-vote veto, without a score; DISCIPLINE_COMMISSION)' })
  assessmentProposeVeto(@Arg('input', () => AssessmentProposeVetoInput, { description: '输入 (input)' }) input: AssessmentProposeVetoInput, @Ctx() ctx: RequestContext) {
    return LetterService.proposeVeto(ctx, input);
  }
}

@Resolver(() => ResponsibilityItem)
export class ResponsibilityItemResolver {
  @FieldResolver(() => Boolean, { description: '已逾期 (overdue: past the deadline and not complete)' })
  overdue(@Root() i: ResponsibilityItem, @Ctx() ctx: RequestContext): boolean {
    return LetterService.itemOverdue(ctx, i);
  }

  @FieldResolver(() => Boolean, { description: '需提醒 (reminder due: the deadline is within the next 5 days and the item is not complete)' })
  reminderDue(@Root() i: ResponsibilityItem, @Ctx() ctx: RequestContext): boolean {
    return LetterService.itemReminderDue(ctx, i);
  }

  @FieldResolver(() => ResponsibilityLetter, { description: '所属责任书 (the letter)' })
  async letter(@Root() i: ResponsibilityItem, @Ctx() ctx: RequestContext): Promise<ResponsibilityLetter> {
    // an item shares its letter's unit path, so whoever sees the item sees the letter
    return (await ctx.loaders.load(ResponsibilityLetter, i.letter.id))!;
  }

  @Mutation(() => LetterItemPayload, { nullable: true, description: '添加责任事项 (add an item to a letter in DRAFT; issuing PARTY_COMMITTEE)' })
  letterItemAdd(@Arg('input', () => LetterItemAddInput, { description: '输入 (input)' }) input: LetterItemAddInput, @Ctx() ctx: RequestContext) {
    return LetterService.addItem(ctx, input);
  }

  @Mutation(() => LetterItemPayload, { nullable: true, description: '修改责任事项 (edit an item of a letter in DRAFT; issuing PARTY_COMMITTEE)' })
  letterItemUpdate(@Arg('input', () => LetterItemUpdateInput, { description: '输入 (input)' }) input: LetterItemUpdateInput, @Ctx() ctx: RequestContext) {
    return LetterService.updateItem(ctx, input);
  }

  @Mutation(() => LetterItemPayload, { nullable: true, description: '报告事项进展 (report progress on an item of a SIGNED or PUBLISHED letter, until its deadline; the unit itself or the issuing PARTY_COMMITTEE)' })
  letterItemReportProgress(@Arg('input', () => LetterItemReportProgressInput, { description: '输入 (input)' }) input: LetterItemReportProgressInput, @Ctx() ctx: RequestContext) {
    return LetterService.reportProgress(ctx, input);
  }
}

@Resolver(() => Assessment)
export class AssessmentResolver {
  @Query(() => AssessmentConnection, { nullable: true, description: '考核列表 (assessments the caller may see; also ORGANIZATION_DEPT, which does not see letters)' })
  assessments(
    @Arg('filter', () => AssessmentFilter, { nullable: true, description: '筛选 (filter)' }) filter: AssessmentFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return LetterService.listAssessments(ctx, filter, args);
  }

  @FieldResolver(() => Unit, { description: '被考核单位 (the unit assessed)' })
  async unit(@Root() a: Assessment, @Ctx() ctx: RequestContext): Promise<Unit> {
    return (await ctx.loaders.row(Unit, a.unit.id))!;
  }

  @FieldResolver(() => ResponsibilityLetter, { nullable: true, description: '责任书 (the letter assessed); null when the caller may not see letters' })
  letter(@Root() a: Assessment, @Ctx() ctx: RequestContext): Promise<ResponsibilityLetter | null> {
    return LetterService.findVisible(ctx, a.letter.id);
  }
}
