import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { UserError } from '../../common/errors';
import { OfficialRelation, RelationKind } from './relation.entity';

@InputType('OfficialRelationAddInput', { description: '登记亲属关系 (declare a close relation between two officials)' })
export class OfficialRelationAddInput {
  @Field(() => ID, { description: '干部 (the official who declares)' })
  official!: string;

  @Field(() => ID, { description: '亲属 (the related official)' })
  relative!: string;

  @Field(() => RelationKind, { description: '关系 (kind, seen from the declaring official)' })
  kind!: RelationKind;
}

@InputType('OfficialRelationRemoveInput', { description: '撤除亲属关系 (remove a declared relation)' })
export class OfficialRelationRemoveInput {
  @Field(() => ID, { description: '亲属关系 (the relation)' })
  id!: string;
}

@ObjectType('OfficialRelationPayload', { description: '亲属关系变更结果 (result of a relation mutation)' })
export class OfficialRelationPayload {
  @Field(() => OfficialRelation, { nullable: true, description: '亲属关系 (the relation, null when nothing was changed or it was removed)' })
  relation!: OfficialRelation | null;

  @Field(() => [UserError], { description: '用户错误 (why nothing was changed)' })
  userErrors!: UserError[];
}
