import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { AppModule } from '.';
import { AUTHENTICATED, ROW } from '../authz/table';
import { Node, decodeGlobalId } from '../common/relay';
import { badInput, notFound } from '../common/errors';
import { nodeFetcher } from '../common/node-registry';
import type { RequestContext } from '../common/context';

@Resolver()
class NodeResolver {
  @Query(() => Node, { nullable: true, description: '按全局标识取记录 (refetch any record by its global id); out of scope or missing: null with NOT_FOUND' })
  async node(@Arg('id', () => ID, { description: '全局标识 (global id)' }) id: string, @Ctx() ctx: RequestContext): Promise<Node | null> {
    const decoded = decodeGlobalId(id);
    if (!decoded) throw badInput('"id" is not a valid id');
    const fetch = nodeFetcher(decoded.typename);
    if (!fetch) throw badInput('"id" is not a valid id');
    const row = await fetch(ctx, decoded.id);
    if (!row) throw notFound(`No ${decoded.typename} with this id`);
    return row as Node;
  }
}

export const commonModule: AppModule = {
  resolvers: [NodeResolver],
  rules: [
    { type: 'Query', fields: { node: AUTHENTICATED } },
    { type: 'PageInfo', fields: { '*': ROW } },
    { type: 'UserError', fields: { '*': ROW } },
  ],
};
