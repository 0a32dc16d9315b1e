import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../common/relay';
import { DateTimeScalar } from '../../common/scalars';

/** An API key of a service account: only sha256 of its secret is kept; the key itself is shown once. */
@ObjectType('ApiKey', { implements: Node, description: 'API 密钥 (API key of a service account): only its public prefix and times are kept readable' })
@Entity({ tableName: 'api_key' })
export class ApiKey implements Node {
  static readonly typename = 'ApiKey';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  accountId!: number;

  @Field({ description: '公开前缀 (public prefix: the key reads lzk_<prefix>_<secret>)' })
  @Property({ type: 'text' })
  prefix!: string;

  @Property({ type: 'text' })
  hash!: string;

  @Field(() => DateTimeScalar, { description: '创建时间 (created at)' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => DateTimeScalar, { nullable: true, description: '吊销时间 (revoked at); null while valid' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: '最近使用时间 (last used at)' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastUsedAt?: Date | null;

  get nodeId(): string {
    return Node.globalId(ApiKey.typename, this.id);
  }
}
