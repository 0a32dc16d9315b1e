import { Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { VersionedEntity } from '../../db/base.entity';
import { Node } from '../../common/relay';
import { LocalDateScalar } from '../../common/scalars';
import { Unit } from '../units/unit.entity';
import { Official } from '../officials/official.entity';
import { AssessmentPeriod, Grade, ItemKind, LetterStatus } from './letter.enums';

/** 党风廉政建设责任书: a yearly letter a party committee signs with a subordinate unit's principal. */
@ObjectType('ResponsibilityLetter', { implements: [Node, VersionedEntity], description: '党风廉政建设责任书 (responsibility letter): a yearly letter a party committee signs with a subordinate unit\'s principal' })
@Entity({ tableName: 'responsibility_letter' })
@Index({ properties: ['year', 'unitPath'] })
export class ResponsibilityLetter extends VersionedEntity implements Node {
  static readonly typename = 'ResponsibilityLetter';

  @Field(() => Int, { description: '年度 (year)' })
  @Property({ type: 'integer' })
  year!: number;

  @Field({ description: '标题 (title)' })
  @Property({ type: 'text' })
  title!: string;

  /** The party committee's unit that issues the letter. */
  @ManyToOne(() => Unit, { ref: true })
  issuerUnit!: Ref<Unit>;

  @Property({ type: 'text' })
  issuerPath!: string;

  /** The unit whose principal signs it. */
  @ManyToOne(() => Unit, { ref: true, index: true })
  unit!: Ref<Unit>;

  @Index({ name: 'letter_unit_path_idx', expression: 'create index "letter_unit_path_idx" on "responsibility_letter" ("unit_path" text_pattern_ops)' })
  @Property({ type: 'text' })
  unitPath!: string;

  @ManyToOne(() => Official, { ref: true, nullable: true })
  principal?: Ref<Official> | null;

  @Field(() => LetterStatus, { description: '状态 (status)' })
  @Enum({ items: () => LetterStatus, nativeEnumName: 'letter_status', default: LetterStatus.DRAFT })
  status: LetterStatus = LetterStatus.DRAFT;

  @Field(() => LocalDateScalar, { nullable: true, description: '签订日期 (date signed)' })
  @Property({ type: 'date', nullable: true })
  signedDate?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '公示日期 (date published)' })
  @Property({ type: 'date', nullable: true })
  publishedDate?: string | null;

  get nodeId(): string {
    return Node.globalId(ResponsibilityLetter.typename, this.id);
  }
}

/** 规定动作 / 自选动作: one task in a letter. */
@ObjectType('ResponsibilityItem', { implements: [Node, VersionedEntity], description: '责任事项 (responsibility item): one task of a letter, mandatory (规定动作) or self-chosen (自选动作)' })
@Entity({ tableName: 'responsibility_item' })
export class ResponsibilityItem extends VersionedEntity implements Node {
  static readonly typename = 'ResponsibilityItem';

  @ManyToOne(() => ResponsibilityLetter, { ref: true, index: true, deleteRule: 'cascade' })
  letter!: Ref<ResponsibilityLetter>;

  /** Copy of the letter's unit path. */
  @Property({ type: 'text' })
  unitPath!: string;

  @Field(() => ItemKind, { description: '类型 (kind)' })
  @Enum({ items: () => ItemKind, nativeEnumName: 'item_kind' })
  kind!: ItemKind;

  @Field({ description: '任务内容 (task)' })
  @Property({ type: 'text' })
  content!: string;

  @Field({ description: '工作措施 (measures)' })
  @Property({ type: 'text' })
  measures!: string;

  @Field(() => LocalDateScalar, { description: '完成时限 (deadline)' })
  @Property({ type: 'date' })
  deadline!: string;

  @Field(() => String, { nullable: true, description: '进展情况 (progress report)' })
  @Property({ type: 'text', nullable: true })
  progress?: string | null;

  @Field(() => Int, { nullable: true, description: '完成百分比 (percent complete, 0-100)' })
  @Property({ type: 'integer', nullable: true })
  progressPercent?: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '进展报告日期 (date of the last progress report)' })
  @Property({ type: 'date', nullable: true })
  progressReportedOn?: string | null;

  get nodeId(): string {
    return Node.globalId(ResponsibilityItem.typename, this.id);
  }
}

/** 考核: half-year or year-end assessment of a letter. */
@ObjectType('Assessment', { implements: [Node, VersionedEntity], description: '考核 (assessment): half-year or year-end assessment of a letter' })
@Entity({ tableName: 'assessment' })
@Unique({ properties: ['letter', 'period'] })
export class Assessment extends VersionedEntity implements Node {
  static readonly typename = 'Assessment';

  @ManyToOne(() => ResponsibilityLetter, { ref: true, deleteRule: 'cascade' })
  letter!: Ref<ResponsibilityLetter>;

  @ManyToOne(() => Unit, { ref: true })
  unit!: Ref<Unit>;

  @Index({ name: 'assessment_unit_path_idx', expression: 'create index "assessment_unit_path_idx" on "assessment" ("unit_path" text_pattern_ops)' })
  @Property({ type: 'text' })
  unitPath!: string;

  @Field(() => Int, { description: '年度 (year of the letter)' })
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => AssessmentPeriod, { description: '考核期 (period)' })
  @Enum({ items: () => AssessmentPeriod, nativeEnumName: 'assessment_period' })
  period!: AssessmentPeriod;

  @Field(() => Float, { nullable: true, description: '得分 (score, 0-100); null until assessed' })
  @Property({ type: 'decimal', precision: 5, scale: 2, nullable: true, runtimeType: 'number' })
  score?: number | null;

  @Field(() => Grade, { nullable: true, description: '等次 (grade); null until assessed' })
  @Enum({ items: () => Grade, nativeEnumName: 'grade', nullable: true })
  grade?: Grade | null;

  @Field({ description: '一票否决 (one-vote veto applied)' })
  @Property({ type: 'boolean', default: false })
  vetoed: boolean = false;

  @Field(() => String, { nullable: true, description: '否决理由 (reason for the veto)' })
  @Property({ type: 'text', nullable: true })
  vetoReason?: string | null;

  @Field({ description: '纪委建议否决 (the discipline commission proposes a veto)' })
  @Property({ type: 'boolean', default: false })
  vetoProposed: boolean = false;

  @Field(() => String, { nullable: true, description: '否决建议理由 (reason of the veto proposal)' })
  @Property({ type: 'text', nullable: true })
  vetoProposalReason?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '考核日期 (date assessed)' })
  @Property({ type: 'date', nullable: true })
  assessedDate?: string | null;

  get nodeId(): string {
    return Node.globalId(Assessment.typename, this.id);
  }
}
