import { Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity, VersionedEntity } from '../../db/base.entity';
import { Node } from '../../common/relay';
import { LocalDateScalar } from '../../common/scalars';
import { Role } from '../../authz/roles';
import { Unit } from '../units/unit.entity';
import { Official } from '../officials/official.entity';
import { FindingSeverity, InspectionTourStatus } from './inspection.enums';

/** 巡察常见问题类别: a category of the configurable common-problem list. */
@ObjectType('ProblemCategory', { implements: Node, description: '巡察常见问题类别 (category of the common-problem list used to classify inspection findings)' })
@Entity({ tableName: 'problem_category' })
export class ProblemCategory extends BaseEntity implements Node {
  static readonly typename = 'ProblemCategory';

  @Field({ description: '编号 (code), e.g. 1' })
  @Unique()
  @Property({ type: 'text' })
  code!: string;

  @Field({ description: '名称 (name), e.g. 落实党的路线方针政策和党中央重大决策部署方面' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Int, { description: '排序 (position in the list)' })
  @Property({ type: 'integer' })
  sortOrder!: number;

  get nodeId(): string {
    return Node.globalId(ProblemCategory.typename, this.id);
  }
}

/** 巡察常见问题: one item of a category of the common-problem list. */
@ObjectType('ProblemItem', { implements: Node, description: '巡察常见问题 (item of the common-problem list)' })
@Entity({ tableName: 'problem_item' })
export class ProblemItem extends BaseEntity implements Node {
  static readonly typename = 'ProblemItem';

  @ManyToOne(() => ProblemCategory, { ref: true, index: true })
  category!: Ref<ProblemCategory>;

  @Field({ description: '编号 (code), e.g. 1.2' })
  @Unique()
  @Property({ type: 'text' })
  code!: string;

  @Field({ description: '名称 (name), e.g. 贯彻落实上级决策部署打折扣、搞变通' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Int, { description: '排序 (position within its category)' })
  @Property({ type: 'integer' })
  sortOrder!: number;

  get nodeId(): string {
    return Node.globalId(ProblemItem.typename, this.id);
  }
}

/** 巡察: a round in which an inspection group examines units, records findings and hands clues over. */
@ObjectType('InspectionTour', { implements: [Node, VersionedEntity], description: '巡察 (inspection tour): an inspection group examines units for a period, records findings and hands clues over' })
@Entity({ tableName: 'inspection_tour' })
export class InspectionTour extends VersionedEntity implements Node {
  static readonly typename = 'InspectionTour';

  @Field({ description: '轮次 (round), e.g. 2026年第一轮巡察' })
  @Property({ type: 'text' })
  round!: string;

  @Field({ description: '名称 (name), e.g. 县委第一巡察组常规巡察' })
  @Property({ type: 'text' })
  name!: string;

  /** The unit whose party committee organises the tour (e.g. the county). */
  @ManyToOne(() => Unit, { ref: true })
  organizerUnit!: Ref<Unit>;

  /** Copy of the organiser's path: the commission and committee above it manage the tour. */
  @Index({ name: 'inspection_tour_unit_path_idx', expression: 'create index "inspection_tour_unit_path_idx" on "inspection_tour" ("unit_path" text_pattern_ops)' })
  @Property({ type: 'text' })
  unitPath!: string;

  @Field(() => LocalDateScalar, { description: '进驻日期 (start date, included)' })
  @Property({ type: 'date' })
  startDate!: string;

  @Field(() => LocalDateScalar, { description: '结束日期 (end date, included)' })
  @Property({ type: 'date' })
  endDate!: string;

  statusOn(today: string): InspectionTourStatus {
    if (today < this.startDate) return InspectionTourStatus.PLANNED;
    if (today > this.endDate) return InspectionTourStatus.FINISHED;
    return InspectionTourStatus.IN_PROGRESS;
  }

  runningOn(today: string): boolean {
    return this.statusOn(today) === InspectionTourStatus.IN_PROGRESS;
  }

  get nodeId(): string {
    return Node.globalId(InspectionTour.typename, this.id);
  }
}

/** 被巡察单位: a unit a tour inspects. */
@Entity({ tableName: 'inspection_tour_unit' })
@Unique({ properties: ['tour', 'unit'] })
export class InspectionTourUnit extends BaseEntity {
  @ManyToOne(() => InspectionTour, { ref: true, deleteRule: 'cascade' })
  tour!: Ref<InspectionTour>;

  @ManyToOne(() => Unit, { ref: true, index: true })
  unit!: Ref<Unit>;

  /** Copy of the unit's path, for scoping. */
  @Property({ type: 'text' })
  unitPath!: string;

  @Property({ type: 'date' })
  addedOn!: string;
}

/** 巡察组成员: an official on a tour's inspection group; one of them leads it. */
@Entity({ tableName: 'inspection_group_member' })
@Unique({ properties: ['tour', 'official'] })
export class InspectionGroupMember extends BaseEntity {
  @ManyToOne(() => InspectionTour, { ref: true, deleteRule: 'cascade' })
  tour!: Ref<InspectionTour>;

  @ManyToOne(() => Official, { ref: true, index: true })
  official!: Ref<Official>;

  @Property({ type: 'boolean', default: false })
  isLeader: boolean = false;
}

/** 巡察发现问题: one problem an inspection found at an inspected unit. */
@ObjectType('InspectionFinding', { implements: [Node, VersionedEntity], description: '巡察发现问题 (inspection finding): a problem found at an inspected unit, classified by the common-problem list' })
@Entity({ tableName: 'inspection_finding' })
export class InspectionFinding extends VersionedEntity implements Node {
  static readonly typename = 'InspectionFinding';

  @ManyToOne(() => InspectionTour, { ref: true, index: true })
  tour!: Ref<InspectionTour>;

  @ManyToOne(() => Unit, { ref: true })
  unit!: Ref<Unit>;

  /** Copy of the unit's path, for scoping. */
  @Index({ name: 'inspection_finding_unit_path_idx', expression: 'create index "inspection_finding_unit_path_idx" on "inspection_finding" ("unit_path" text_pattern_ops)' })
  @Property({ type: 'text' })
  unitPath!: string;

  @ManyToOne(() => ProblemItem, { ref: true, index: true })
  item!: Ref<ProblemItem>;

  @Field(() => FindingSeverity, { description: '严重程度 (severity)' })
  @Enum({ items: () => FindingSeverity, nativeEnumName: 'finding_severity' })
  severity!: FindingSeverity;

  /** 问题描述: may name people and facts that are clue material; declared sensitive in the rules. */
  @Property({ type: 'text' })
  description!: string;

  @Field(() => LocalDateScalar, { description: '发现日期 (date found)' })
  @Property({ type: 'date' })
  foundOn!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: '移交日期 (date handed over to the discipline commission as a problem clue); null when not handed over' })
  @Property({ type: 'date', nullable: true })
  handedOverOn?: string | null;

  /** The problem clue this finding was handed over as (the clues module's record). */
  @Property({ type: 'integer', nullable: true })
  clueId?: number | null;

  get nodeId(): string {
    return Node.globalId(InspectionFinding.typename, this.id);
  }
}

/** 巡察整改月报: the monthly rectification report of a tour. */
@ObjectType('InspectionMonthlyReport', { implements: [Node, VersionedEntity], description: '巡察整改月报 (monthly rectification report of an inspection tour); one per month' })
@Entity({ tableName: 'inspection_monthly_report' })
@Unique({ properties: ['tour', 'month'] })
export class InspectionMonthlyReport extends VersionedEntity implements Node {
  static readonly typename = 'InspectionMonthlyReport';

  @ManyToOne(() => InspectionTour, { ref: true })
  tour!: Ref<InspectionTour>;

  /** Copy of the tour's organiser path. */
  @Property({ type: 'text' })
  unitPath!: string;

  @Field({ description: '月份 (month reported on, YYYY-MM)' })
  @Property({ type: 'text' })
  month!: string;

  @Field({ description: '报告内容 (text of the report)' })
  @Property({ type: 'text' })
  text!: string;

  @Field(() => LocalDateScalar, { description: '报送日期 (date filed)' })
  @Property({ type: 'date' })
  filedOn!: string;

  @Field(() => Role, { description: '报送方 (who filed it: INSPECTION_GROUP or DISCIPLINE_COMMISSION)' })
  @Enum({ items: () => Role, nativeEnumName: 'role' })
  filedByRole!: Role;

  get nodeId(): string {
    return Node.globalId(InspectionMonthlyReport.typename, this.id);
  }
}
