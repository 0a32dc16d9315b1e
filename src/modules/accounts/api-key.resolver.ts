import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { UserError, conflict, invalid, missing } from '../../common/errors';
import { runMutation } from '../../common/mutation';
import { tryKeyOf } from '../../common/relay';
import { newApiKey } from '../../auth/api-keys';
import { Account, AccountKind, RoleGrant } from './account.entity';
import { ApiKey } from './api-key.entity';

@InputType('ApiKeyCreateInput', { description: '新建 API 密钥 (create an API key for a service account)' })
export class ApiKeyCreateInput {
  @Field(() => ID, { description: '账号 (the service account)' })
  account!: string;
}

@InputType('ApiKeyRevokeInput', { description: '吊销 API 密钥 (revoke an API key)' })
export class ApiKeyRevokeInput {
  @Field(() => ID, { description: 'API 密钥 (the key)' })
  id!: string;
}

@ObjectType('ApiKeyPayload', { description: 'API 密钥变更结果 (result of an API key mutation)' })
export class ApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: 'API 密钥 (the key record; null when nothing was changed)' })
  apiKey!: ApiKey | null;

  @Field(() => String, { nullable: true, description: '密钥明文 (the key itself, shown this once on creation and never again; send it as "Authorization: ApiKey <key>")' })
  plainKey?: string | null;

  @Field(() => [UserError], { description: '用户错误 (user errors)' })
  userErrors!: UserError[];
}

@Resolver()
export class ApiKeyResolver {
  @Mutation(() => ApiKeyPayload, { nullable: true, description: '新建 API 密钥 (create an API key for a service account; SECURITY_ADMIN). A service may hold two valid keys during a rotation' })
  apiKeyCreate(@Arg('input', () => ApiKeyCreateInput, { description: '输入 (input)' }) input: ApiKeyCreateInput, @Ctx() ctx: RequestContext) {
    let plain: string | null = null;
    return runMutation<ApiKeyPayload>(ctx, input, async (em) => {
      const id = tryKeyOf(input.account, Account.typename);
      if (id === null) throw invalid('account', '"account" is not a valid Account id');
      const account = await em.findOne(Account, { id });
      if (!account) throw missing('account', 'No account with this id');
      if (account.kind !== AccountKind.SERVICE) throw invalid('account', 'API keys are for service accounts only');
      if (account.disabled) throw conflict('The account is disabled', ['input', 'account']);
      if (!(await em.count(RoleGrant, { account, revokedAt: null }))) throw invalid('account', 'The account holds no role');
      if ((await em.count(ApiKey, { accountId: account.id, revokedAt: null })) >= 2) {
        throw conflict('The account already has two valid keys: revoke one first', ['input', 'account']);
      }
      const k = newApiKey();
      const apiKey = em.create(ApiKey, { accountId: account.id, prefix: k.prefix, hash: k.hash, createdAt: ctx.now } as never);
      await em.flush();
      plain = k.plain;
      return { apiKey };
    }, { apiKey: null }).then((p) => ({ ...p, plainKey: p.userErrors.length ? null : plain }));
  }

  @Mutation(() => ApiKeyPayload, { nullable: true, description: '吊销 API 密钥 (revoke an API key; SECURITY_ADMIN): refused from the next request' })
  apiKeyRevoke(@Arg('input', () => ApiKeyRevokeInput, { description: '输入 (input)' }) input: ApiKeyRevokeInput, @Ctx() ctx: RequestContext) {
    return runMutation<ApiKeyPayload>(ctx, input, async (em) => {
      const id = tryKeyOf(input.id, ApiKey.typename);
      if (id === null) throw invalid('id', '"id" is not a valid ApiKey id');
      const apiKey = await em.findOne(ApiKey, { id });
      if (!apiKey) throw missing('id', 'No API key with this id');
      if (apiKey.revokedAt) throw conflict('The key is already revoked', ['input', 'id']);
      apiKey.revokedAt = ctx.now;
      await em.flush();
      return { apiKey };
    }, { apiKey: null });
  }
}
