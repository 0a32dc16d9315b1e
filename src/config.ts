/**
 * Every setting, read from the environment once and validated at start.
 * A bad value stops the process with a message naming the variable.
 * Dev-only defaults (the JWT secret) are refused when NODE_ENV=production.
 */

export const DEV_JWT_SECRET = 'lianzheng-dev-only-secret-change-me-0123456789';
/** Development-only key for petition reporter fields (refused when NODE_ENV=production). */
export const DEV_PETITION_KEYS = 'dev:bGlhbnpoZW5nLWRldi1vbmx5LXBldGl0aW9uLWtleSE=';

export interface PetitionKey {
  id: string;
  key: Buffer;
}

export interface Config {
  nodeEnv: 'development' | 'test' | 'production';
  production: boolean;
  port: number;
  host: string;
  /** Unset: an embedded PostgreSQL under dataDir. */
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  dbPoolMax: number;
  statementTimeoutMs: number;
  /** Read statements prepared per connection (off behind a pooler that cannot keep them, e.g. PgBouncer in transaction mode before 1.21). */
  preparedStatements: boolean;
  jwt: {
    secret?: string;
    secretIsDevDefault: boolean;
    jwksUrl?: string;
    issuer: string;
    audience: string;
    /** Lifetime of tokens printed by `npm run token`. */
    devTokenTtl: string;
  };
  seedDemo: boolean;
  autoMigrate: boolean;
  limits: {
    maxDepth: number;
    maxAliases: number;
    maxDirectives: number;
    maxTokens: number;
    maxCost: number;
    maxBodyBytes: number;
  };
  rateLimit: { perMinute: number; burst: number };
  requestTimeoutMs: number;
  /** GraphQL operations executing at once; the others wait in arrival order (src/http/execution-gate.ts). */
  maxConcurrentOperations: number;
  /** Operations that may wait; past it a request is refused with 503 SERVER_BUSY. */
  maxQueuedOperations: number;
  trustedDocumentsFile?: string;
  jobsEnabled: boolean;
  metricsToken?: string;
  shutdownTimeoutMs: number;
  logLevel: string;
  /** The query executor: graphql-jit (compiled, cached per document) or graphql-js's own. */
  executor: 'jit' | 'graphql-js';
  logFile?: string;
  replicaUrls: string[];
  redisUrl?: string;
  dbConnectRetries: number;
  /** Base delay of the webhook outbox's exponential back-off (the first retry waits this long). */
  outboxRetryBaseMs: number;
  /** AES-256-GCM keys for petition reporter fields; the first one seals new rows. Empty: unset in production. */
  petitionKeys: { keys: PetitionKey[]; isDevDefault: boolean };
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, def: number, min = 0, max = 1_000_000_000): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function bool(env: Env, name: string, def: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function oneOf(env: Env, name: string, values: string[], def: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (!values.includes(raw)) throw new ConfigError(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
  return raw;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
  }
  return raw;
}

/** PETITION_KEYS="k1:<base64 of 32 bytes>,k2:…": ids unique, each key exactly 32 bytes. */
export function parsePetitionKeys(raw: string, name = 'PETITION_KEYS'): PetitionKey[] {
  const keys: PetitionKey[] = [];
  for (const part of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=_-]+)$/.exec(part);
    if (!m) throw new ConfigError(`${name} must be a comma-separated list of id:<base64 key>`);
    const key = Buffer.from(m[2], m[2].includes('-') || m[2].includes('_') ? 'base64url' : 'base64');
    if (key.length !== 32) throw new ConfigError(`${name}: key ${m[1]} must be 32 bytes (base64), got ${key.length}`);
    if (keys.some((k) => k.id === m[1])) throw new ConfigError(`${name}: key id ${m[1]} appears twice`);
    keys.push({ id: m[1], key });
  }
  if (!keys.length) throw new ConfigError(`${name} must name at least one key`);
  return keys;
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnvRaw = env.NODE_ENV || 'development';
  if (!['development', 'test', 'production'].includes(nodeEnvRaw)) {
    throw new ConfigError(`NODE_ENV must be development, test or production, got "${nodeEnvRaw}"`);
  }
  const nodeEnv = nodeEnvRaw as Config['nodeEnv'];
  const production = nodeEnv === 'production';

  const jwksUrl = url(env, 'JWT_JWKS_URL', ['https:', 'http:']);
  let secret = env.JWT_SECRET || undefined;
  let secretIsDevDefault = false;
  if (!secret && !jwksUrl) {
    if (production) throw new ConfigError('JWT_SECRET (or JWT_JWKS_URL) must be set when NODE_ENV=production');
    secret = DEV_JWT_SECRET;
    secretIsDevDefault = true;
  }
  if (secret === DEV_JWT_SECRET && production) {
    throw new ConfigError('JWT_SECRET is the development default, which is refused when NODE_ENV=production');
  }
  if (secret && secret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');

  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  if (production && !databaseUrl) {
    throw new ConfigError('DATABASE_URL must be set when NODE_ENV=production (the embedded PostgreSQL is for development only)');
  }

  const petitionKeysRaw = env.PETITION_KEYS || '';
  // production never falls back to the development key: without PETITION_KEYS, reporter details
  // can be neither sealed nor opened (submissions with a reporter fail) until it is set
  const petitionKeys = petitionKeysRaw ? parsePetitionKeys(petitionKeysRaw) : production ? [] : parsePetitionKeys(DEV_PETITION_KEYS);
  const devPetitionKey = parsePetitionKeys(DEV_PETITION_KEYS)[0];
  const usesDevPetitionKey = petitionKeys.some((k) => k.key.equals(devPetitionKey.key));
  if (usesDevPetitionKey && production) throw new ConfigError('PETITION_KEYS holds the development key, which is refused when NODE_ENV=production');

  return {
    nodeEnv,
    production,
    port: int(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir: env.DATA_DIR || '.data',
    embeddedPgPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    dbPoolMax: int(env, 'DB_POOL_MAX', 10, 1, 200),
    statementTimeoutMs: int(env, 'DB_STATEMENT_TIMEOUT_MS', 15000, 0),
    preparedStatements: bool(env, 'DB_PREPARED_STATEMENTS', true),
    jwt: {
      secret,
      secretIsDevDefault,
      jwksUrl,
      issuer: env.JWT_ISSUER || 'lianzheng',
      audience: env.JWT_AUDIENCE || 'lianzheng-api',
      devTokenTtl: env.DEV_TOKEN_TTL || '12h',
    },
    seedDemo: bool(env, 'SEED_DEMO', !production),
    autoMigrate: bool(env, 'AUTO_MIGRATE', !production),
    limits: {
      maxDepth: int(env, 'LIMIT_MAX_DEPTH', 12, 1, 100),
      maxAliases: int(env, 'LIMIT_MAX_ALIASES', 30, 0, 1000),
      maxDirectives: int(env, 'LIMIT_MAX_DIRECTIVES', 30, 0, 1000),
      maxTokens: int(env, 'LIMIT_MAX_TOKENS', 5000, 10, 1_000_000),
      maxCost: int(env, 'LIMIT_MAX_COST', 50000, 10, 100_000_000),
      maxBodyBytes: int(env, 'MAX_BODY_BYTES', 1_000_000, 1000, 100_000_000),
    },
    rateLimit: {
      perMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 1200, 0, 10_000_000),
      burst: int(env, 'RATE_LIMIT_BURST', 200, 1, 10_000_000),
    },
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 30000, 100, 3_600_000),
    trustedDocumentsFile: env.TRUSTED_DOCUMENTS_FILE || undefined,
    jobsEnabled: bool(env, 'JOBS_ENABLED', true),
    metricsToken: env.METRICS_TOKEN || undefined,
    shutdownTimeoutMs: int(env, 'SHUTDOWN_TIMEOUT_MS', 10000, 0, 600_000),
    maxConcurrentOperations: int(env, 'GRAPHQL_MAX_CONCURRENT', int(env, 'DB_POOL_MAX', 10, 1, 200), 1, 10_000),
    maxQueuedOperations: int(env, 'GRAPHQL_MAX_QUEUED', 1000, 0, 1_000_000),
    executor: oneOf(env, 'GRAPHQL_EXECUTOR', ['jit', 'graphql-js'], 'jit') as Config['executor'],
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    logFile: env.LOG_FILE || undefined,
    replicaUrls: (env.DATABASE_REPLICA_URLS || '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean)
      .map((u, i) => url({ [`DATABASE_REPLICA_URLS[${i}]`]: u }, `DATABASE_REPLICA_URLS[${i}]`, ['postgres:', 'postgresql:'])!),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    dbConnectRetries: int(env, 'DB_CONNECT_RETRIES', 10, 0, 1000),
    outboxRetryBaseMs: int(env, 'OUTBOX_RETRY_BASE_MS', 10_000, 1, 86_400_000),
    petitionKeys: { keys: petitionKeys, isDevDefault: usesDevPetitionKey },
  };
}
