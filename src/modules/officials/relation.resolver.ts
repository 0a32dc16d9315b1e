import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../common/context';
import { tryKeyOf } from '../../common/relay';
import { conflict, invalid, missing } from '../../common/errors';
import { runMutation } from '../../common/mutation';
import { Role } from '../../authz/roles';
import { Official } from './official.entity';
import { OfficialService } from './official.service';
import { OfficialRelation } from './relation.entity';
import { OfficialRelationAddInput, OfficialRelationPayload, OfficialRelationRemoveInput } from './relation.types';

/** 亲属关系: declared by the registry (SYSTEM_ADMIN); recusal follows it both ways. */
@Resolver(() => OfficialRelation)
export class OfficialRelationResolver {
  @FieldResolver(() => Official, { nullable: true, description: '干部 (the declaring official); null outside the caller\'s scope' })
  official(@Root() r: OfficialRelation, @Ctx() ctx: RequestContext) {
    return OfficialService.findVisible(ctx, r.official.id);
  }

  @FieldResolver(() => Official, { nullable: true, description: '亲属 (the related official); null outside the caller\'s scope' })
  relative(@Root() r: OfficialRelation, @Ctx() ctx: RequestContext) {
    return OfficialService.findVisible(ctx, r.relative.id);
  }

  @Mutation(() => OfficialRelationPayload, { nullable: true, description: '登记亲属关系 (declare a close relation; SYSTEM_ADMIN); recusal applies from the next request' })
  officialRelationAdd(@Arg('input', () => OfficialRelationAddInput, { description: '输入 (input)' }) input: OfficialRelationAddInput, @Ctx() ctx: RequestContext) {
    return runMutation<OfficialRelationPayload>(ctx, input, async (em: EntityManager) => {
      const official = await OfficialService.requireInReach(ctx, em, input.official, 'official', [Role.SYSTEM_ADMIN]);
      const relative = await OfficialService.requireInReach(ctx, em, input.relative, 'relative', [Role.SYSTEM_ADMIN]);
      if (official.id === relative.id) throw invalid('relative', 'An official cannot be related to themselves');
      const existing = await em.count(OfficialRelation, { $or: [{ official, relative }, { official: relative, relative: official }] });
      if (existing) throw conflict('This relation is already declared', ['input', 'relative']);
      const relation = em.create(OfficialRelation, { official, relative, kind: input.kind } as never);
      await em.flush();
      return { relation };
    }, { relation: null });
  }

  @Mutation(() => OfficialRelationPayload, { nullable: true, description: '撤除亲属关系 (remove a declared relation; SYSTEM_ADMIN)' })
  officialRelationRemove(@Arg('input', () => OfficialRelationRemoveInput, { description: '输入 (input)' }) input: OfficialRelationRemoveInput, @Ctx() ctx: RequestContext) {
    return runMutation<OfficialRelationPayload>(ctx, input, async (em: EntityManager) => {
      const id = tryKeyOf(input.id, OfficialRelation.typename);
      if (id === null) throw invalid('id', '"id" is not a valid OfficialRelation id');
      const relation = await em.findOne(OfficialRelation, { id });
      if (!relation) throw missing('id', 'No relation with this id');
      em.remove(relation);
      await em.flush();
      return { relation: null };
    }, { relation: null });
  }
}

/** Official.relations: both directions, for the roles that may read them. */
@Resolver(() => Official)
export class OfficialRelationsFieldResolver {
  @FieldResolver(() => [OfficialRelation], { nullable: true, description: '亲属关系 (declared close relations, both ways); null with FORBIDDEN for roles that may not read them' })
  relations(@Root() o: Official, @Ctx() ctx: RequestContext) {
    return ctx.loaders
      .custom<number, OfficialRelation[]>('relationsByOfficial', async (ids) => {
        const rows = await ctx.em.find(OfficialRelation, { $or: [{ official: { $in: [...ids] } }, { relative: { $in: [...ids] } }] }, { orderBy: { id: 'asc' } });
        return ids.map((id) => rows.filter((r) => r.official.id === id || r.relative.id === id));
      })
      .load(o.id);
  }
}
