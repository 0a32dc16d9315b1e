import type { AppModule } from '..';
import { registerNodeFetcher } from '../../common/node-registry';
import { Account } from './account.entity';
import { AccountResolver, RoleGrantResolver } from './account.resolver';
import { accountRules } from './account.rules';
import { AccountService } from './account.service';

registerNodeFetcher(Account.typename, (ctx, id) => AccountService.findAccount(ctx, id));

export const accountsModule: AppModule = { resolvers: [AccountResolver, RoleGrantResolver], rules: accountRules };
