import { Entity, Enum, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity, VersionedEntity } from '../../db/base.entity';
import { Node } from '../../common/relay';
import { DateTimeScalar, LocalDateScalar } from '../../common/scalars';
import { PetitionChannel, PetitionStatus } from './petition.enums';

/**
 * 信访举报: a report from the public. The reporter's identity is only ever stored sealed
 * (reporterEnc, AES-256-GCM under the key reporterKeyId) and opened for the petition office.
 */
@ObjectType('Petition', { implements: [Node, VersionedEntity], description: '信访举报件 (petition): a report from the public, received directly or from a petition system' })
@Entity({ tableName: 'petition' })
export class Petition extends VersionedEntity implements Node {
  static readonly typename = 'Petition';

  /** The petition system that pushed it in (null: recorded by hand). */
  @Property({ type: 'integer', nullable: true })
  systemAccountId?: number | null;

  @Field(() => String, { nullable: true, description: '来源系统编号 (the source system\'s own id)' })
  @Property({ type: 'text', nullable: true })
  externalId?: string | null;

  /** sha256 of the normalised submission, for idempotent retries. */
  @Property({ type: 'text' })
  contentHash!: string;

  @Field(() => PetitionChannel, { nullable: true, description: '渠道 (channel)' })
  @Enum({ items: () => PetitionChannel, nativeEnumName: 'petition_channel' })
  channel!: PetitionChannel;

  @Field(() => DateTimeScalar, { description: '收到时间 (received at)' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  receivedAt!: Date;

  @Field(() => LocalDateScalar, { nullable: true, description: '收到日期 (date received, China time); deadlines run from it' })
  @Property({ type: 'date' })
  receivedOn!: string;

  @Field(() => Boolean, { nullable: true, description: '匿名 (anonymous: no reporter details were given)' })
  @Property({ type: 'boolean' })
  anonymous!: boolean;

  @Property({ type: 'text', nullable: true })
  reporterKeyId?: string | null;

  @Property({ type: 'text', nullable: true })
  reporterEnc?: string | null;

  @Property({ type: 'integer', nullable: true })
  subjectOfficialId?: number | null;

  @Property({ type: 'integer', nullable: true })
  subjectUnitId?: number | null;

  @Field(() => String, { nullable: true, description: '被反映对象（文字） (subject as written, when not matched to the registry)' })
  @Property({ type: 'text', nullable: true })
  subjectText?: string | null;

  @Field(() => Boolean, { nullable: true, description: '对象未匹配 (subjectUnresolved: a code or identity number was given that matches no record; kept as text)' })
  @Property({ type: 'boolean', default: false })
  subjectUnresolved: boolean = false;

  @Field(() => String, { nullable: true, description: '反映内容 (content)' })
  @Property({ type: 'text' })
  content!: string;

  /** The unit the petition is handled under (the subject's unit, else the county). */
  @Property({ type: 'integer' })
  unitId!: number;

  @Property({ type: 'text' })
  unitPath!: string;

  @Field(() => PetitionStatus, { description: '状态 (status)' })
  @Enum({ items: () => PetitionStatus, nativeEnumName: 'petition_status', default: PetitionStatus.RECEIVED })
  status: PetitionStatus = PetitionStatus.RECEIVED;

  @Field(() => String, { nullable: true, description: '查询码 (receipt code: 16 digits the reporter checks the status with)' })
  @Property({ type: 'character', length: 16 })
  receiptCode!: string;

  @Property({ type: 'integer', nullable: true })
  probableRepeatOfId?: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '受理期限 (accept or forward by: 5 working days after receipt)' })
  @Property({ type: 'date' })
  acceptDeadline!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: '受理告知期限 (tell a real-name reporter of acceptance by: 15 working days after receipt); null when anonymous' })
  @Property({ type: 'date', nullable: true })
  acceptanceNoticeDeadline?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '受理告知日期 (date the reporter was told of acceptance)' })
  @Property({ type: 'date', nullable: true })
  acceptanceNotifiedOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '受理日期 (date registered)' })
  @Property({ type: 'date', nullable: true })
  registeredOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '转办日期 (date forwarded)' })
  @Property({ type: 'date', nullable: true })
  transferredOn?: string | null;

  @Property({ type: 'integer', nullable: true })
  transferUnitId?: number | null;

  @Property({ type: 'integer', nullable: true })
  transferTeamId?: number | null;

  @Field(() => String, { nullable: true, description: '转办说明 (note on the transfer)' })
  @Property({ type: 'text', nullable: true })
  transferNote?: string | null;

  @Property({ type: 'integer', nullable: true })
  clueId?: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '事项办结日期 (date the matter itself closed)' })
  @Property({ type: 'date', nullable: true })
  matterClosedOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '结果告知期限 (tell a real-name reporter of the result by: 15 working days after the matter closed)' })
  @Property({ type: 'date', nullable: true })
  resultNoticeDeadline?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: '办结反馈日期 (date concluded with feedback)' })
  @Property({ type: 'date', nullable: true })
  concludedOn?: string | null;

  @Field(() => String, { nullable: true, description: '反馈意见 (feedback text for the reporter)' })
  @Property({ type: 'text', nullable: true })
  feedback?: string | null;

  get nodeId(): string {
    return Node.globalId(Petition.typename, this.id);
  }
}

export { BaseEntity };
