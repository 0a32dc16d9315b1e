import { loadConfig, ConfigError, DEV_JWT_SECRET } from '../src/config';

/** Configuration: every setting validated at start, with a message that names the variable. */
const prod = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/lz', JWT_SECRET: 'a'.repeat(40) };

test('development defaults: embedded database, dev secret flagged', () => {
  const c = loadConfig({});
  expect(c.port).toBe(4000);
  expect(c.databaseUrl).toBeUndefined();
  expect(c.jwt.secretIsDevDefault).toBe(true);
  expect(c.seedDemo).toBe(true);
});

test('PORT is honoured', () => {
  expect(loadConfig({ PORT: '4100' }).port).toBe(4100);
});

test.each([
  [{ ...prod, JWT_SECRET: '' }, /JWT_SECRET/],
  [{ ...prod, JWT_SECRET: DEV_JWT_SECRET }, /JWT_SECRET is the development default/],
  [{ ...prod, DATABASE_URL: '' }, /DATABASE_URL must be set/],
  [{ PORT: 'abc' }, /PORT must be a whole number/],
  [{ PORT: '70000' }, /PORT must be between/],
  [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must use/],
  [{ DATABASE_URL: 'not a url' }, /DATABASE_URL is not a valid URL/],
  [{ JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32/],
  [{ NODE_ENV: 'staging' }, /NODE_ENV must be/],
  [{ SEED_DEMO: 'maybe' }, /SEED_DEMO must be true or false/],
  [{ REDIS_URL: 'http://x' }, /REDIS_URL must use redis: or rediss:/],
  [{ DATABASE_REPLICA_URLS: 'postgres://a/b, nonsense' }, /DATABASE_REPLICA_URLS\[1\] is not a valid URL/],
  [{ LOG_LEVEL: 'chatty' }, /LOG_LEVEL must be one of/],
])('refused: %j', (env, message) => {
  expect(() => loadConfig(env as Record<string, string>)).toThrow(ConfigError);
  expect(() => loadConfig(env as Record<string, string>)).toThrow(message);
});

test('production with its own secret and database starts, with no demo seed and no automatic migration', () => {
  const c = loadConfig(prod);
  expect(c.production).toBe(true);
  expect(c.seedDemo).toBe(false);
  expect(c.autoMigrate).toBe(false);
});
