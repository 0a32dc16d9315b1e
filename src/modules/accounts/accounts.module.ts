import type { AppModule } from '..';
import { registerNodeFetcher } from '../../common/node-registry';
import { Account } from './account.entity';
import { AccountResolver, RoleGrantResolver } from './account.resolver';
import { accountRules } from './account.rules';
import { AccountService } from './account.service';
import { ApiKeyResolver } from './api-key.resolver';
import { ApiKey } from './api-key.entity';
import { Role } from '../../authz/roles';

registerNodeFetcher(Account.typename, (ctx, id) => AccountService.findAccount(ctx, id));
registerNodeFetcher(ApiKey.typename, (ctx, id) => (ctx.viewer.hasRole(Role.SECURITY_ADMIN) ? ctx.loaders.load(ApiKey, id) : Promise.resolve(null)));

export const accountsModule: AppModule = { resolvers: [AccountResolver, RoleGrantResolver, ApiKeyResolver], rules: accountRules };
