import { loadConfig } from '../config';
import { signDevToken } from '../auth/tokens';

/**
 * `npm run token -- <account> [ttl]`: prints an HS256 token for an account, signed with
 * JWT_SECRET (or the development default). The token names the account only; its roles
 * are read from the database on every request.
 */
async function main() {
  const [username, ttl] = process.argv.slice(2);
  if (!username) {
    console.error('usage: npm run token -- <account> [ttl, e.g. 12h]');
    process.exit(2);
  }
  const config = loadConfig();
  process.stdout.write(`${await signDevToken(config, username, ttl)}\n`);
}
main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
