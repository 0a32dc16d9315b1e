import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, HeaderMap, type GraphQLRequestContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
  ApolloServerPluginSchemaReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from './config';
import { buildAppSchema } from './schema';
import { createTokenVerifier } from './auth/tokens';
import { AuthFailure, viewerFor } from './auth/authenticate';
import { attachSubscriptions } from './http/subscriptions';
import { Viewer } from './authz/viewer';
import { ErrorCode } from './common/errors';
import { localDate, systemClock, type Clock, type RequestContext } from './common/context';
import { Loaders } from './common/loaders';
import { AuditCollector } from './audit/collector';
import { appendAudit, flushRequestAudit } from './audit/audit.service';
import { LIMIT_CODE, armorProtection, isLimitMessage, tokenLimitError } from './http/limits';
import { RateLimiter } from './http/rate-limit';
import { TrustedDocuments } from './http/trusted-documents';
import { ExecutionGate } from './http/execution-gate';
import { logger } from './ops/logger';
import { dbPoolGauge, errorsTotal, operationsGauge, operationLabel, registry, requestDuration, requestsTotal } from './ops/metrics';
import { pendingMigrations } from './db/orm';
import { createIde } from './http/ide';
import { jitGateway } from './http/executor';
import { usePreparedStatements } from './db/read-only-rows';

export interface AppServer {
  httpServer: http.Server;
  url: string;
  /** Graceful stop: refuse new requests, let in-flight ones finish (bounded), close subscriptions. */
  stop(timeoutMs?: number): Promise<void>;
}

/** What /readyz checks besides the database. */
export interface Readiness {
  jobRunnerAlive?: () => boolean;
}

/** Whether a parsed request body holds a NUL character in any string (keys included). */
function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
}

/**
 * A request's body as text, or null as soon as it passes `max` bytes. Read from the stream's
 * events: an async iterator over the request (`for await`) cost about a twentieth of a small
 * request's CPU (its iterator, promises and listeners per request). A request closed or failed
 * before its end rejects.
 */
function readBody(req: http.IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (err: Error | null, text: string | null) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      if (err) reject(err);
      else resolve(text);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) return settle(null, null);
      chunks.push(chunk);
    };
    const onEnd = () => settle(null, chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    const onError = (err: Error) => settle(err, null);
    const onClose = () => settle(new Error('The request was closed before its body was read'), null);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** The outcome label of a finished request, from its HTTP status and its errors' codes. */
function outcomeOf(status: number, codes: string[]): string {
  if (status === 401 || codes.includes('UNAUTHENTICATED')) return 'unauthenticated';
  if (status === 429) return 'rate_limited';
  if (status === 499) return 'client_closed';
  if (codes.includes('SERVER_BUSY')) return 'busy';
  if (codes.includes('QUERY_LIMIT_EXCEEDED')) return 'limit';
  if (status >= 500 || codes.includes('INTERNAL_SERVER_ERROR')) return 'error';
  if (codes.includes('FORBIDDEN')) return 'denied';
  if (status >= 400) return 'bad_request';
  return codes.length ? 'partial' : 'ok';
}

function unauthenticatedError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

const KNOWN_CODES = new Set<string>([...Object.values(ErrorCode), 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', LIMIT_CODE, 'REQUEST_TIMEOUT', 'SERVER_BUSY']);

/**
 * Every error a client sees: a known code, no stack, no SQL, no internal message. Unexpected
 * errors were logged (with the request id) by the plugin below and are answered as
 * INTERNAL_SERVER_ERROR. In production, "Did you mean …" suggestions (which leak the schema,
 * also from variable coercion) are cut.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    let code = formatted.extensions?.code as string | undefined;
    // graphql-js gives up after 50 bad variable values without a code: still the client's input
    if ((!code || code === ErrorCode.INTERNAL_SERVER_ERROR) && formatted.message.startsWith('Too many errors processing variables')) code = ErrorCode.BAD_USER_INPUT;
    // a known code was given on purpose (by graphql-js validation, Apollo, or this service); a scalar's
    // parse error keeps its TypeError as originalError and is still a client error
    const unexpected = !code || code === ErrorCode.INTERNAL_SERVER_ERROR || !KNOWN_CODES.has(code);
    if (unexpected) {
      return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
    let message = formatted.message;
    if (code === 'GRAPHQL_VALIDATION_FAILED' && isLimitMessage(message)) code = LIMIT_CODE;
    if (production) message = message.replace(/ ?Did you mean [^?]*\?/g, '');
    return { message, path: formatted.path, locations: formatted.locations, extensions: { code } };
  };
}

export async function createServer(opts: { config: Config; orm: MikroORM; clock?: Clock; readiness?: Readiness & { beforeMetrics?: () => Promise<void> } }): Promise<AppServer> {
  usePreparedStatements(opts.config.preparedStatements);
  const { config, orm } = opts;
  const clock = opts.clock ?? systemClock;
  const { protectedSchema } = await buildAppSchema();
  const verifier = await createTokenVerifier(config);
  const armor = armorProtection(config);
  const rateLimiter = new RateLimiter(config.rateLimit.perMinute, config.rateLimit.burst);
  const trusted = TrustedDocuments.load(config.trustedDocumentsFile);
  const ide = createIde(config); // GraphiQL outside production

  const apollo = new ApolloServer<RequestContext>({
    // graphql-jit behind Apollo's gateway interface, or graphql-js on the schema itself
    ...(config.executor === 'jit' ? { gateway: jitGateway(protectedSchema) } : { schema: protectedSchema }),
    introspection: !config.production,
    // one flat string: Apollo's default appends a newline, and the joined string is copied
    // again when its length is measured for the answer's content-length (a page is ~1 MB)
    stringifyResult: (value) => JSON.stringify(value),
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.production,
    persistedQueries: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    validationRules: armor.validationRules,
    validationOptions: { hideSuggestions: config.production } as never,
    formatError: formatError(config.production),
    plugins: [
      ...armor.plugins,
      {
        // unexpected errors are logged whole, with the request id; the client gets INTERNAL_SERVER_ERROR
        async requestDidStart() {
          return {
            async didEncounterErrors({ errors, contextValue }) {
              for (const e of errors) {
                const code = e.extensions?.code as string | undefined;
                if ((!code || code === ErrorCode.INTERNAL_SERVER_ERROR || !KNOWN_CODES.has(code)) && !e.message.startsWith('Too many errors processing variables')) {
                  const err = (e.originalError ?? e) as Error;
                  logger().error({ requestId: contextValue?.requestId, err: { type: err.name, message: err.message, stack: err.stack } }, 'request failed');
                }
              }
            },
          };
        },
      },
      {
        // one audit record per request for the sensitive fields it resolved, before the answer leaves
        async requestDidStart() {
          return {
            // the operation's name as resolved from the document, for every audit record of the request
            async didResolveOperation({ contextValue, operationName }) {
              if (operationName) contextValue.operationName = contextValue.trace.operationName = operationName.slice(0, 200);
            },
            async willSendResponse({ contextValue, response }) {
              if (contextValue?.audit && !contextValue.audit.isEmpty) await flushRequestAudit(orm.em.fork(), contextValue);
              if (contextValue && response.body.kind === 'single') {
                contextValue.trace.errorCodes = (response.body.singleResult.errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
              }
            },
          };
        },
      },
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
  });
  await apollo.start();

  let inFlight = 0;
  let draining = false;
  const gate = new ExecutionGate(config.maxConcurrentOperations, config.maxQueuedOperations);

  /** /graphql over HTTP: one log line and the metrics per request. */
  async function handleGraphQL(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const started = process.hrtime.bigint();
    const requestId = typeof req.headers['x-request-id'] === 'string' && /^[\w.-]{1,64}$/.test(req.headers['x-request-id']) ? req.headers['x-request-id'] : randomUUID();
    let ctxSeen: RequestContext | undefined;
    let operation: string | null = null;
    let status = 200;
    let codes: string[] = [];
    const send = (st: number, body: { errors?: { message: string; extensions: { code: string } }[] } & Record<string, unknown>, headers: Record<string, string> = {}) => {
      status = st;
      codes = (body.errors ?? []).map((e) => e.extensions.code);
      res.writeHead(st, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestId, ...headers });
      res.end(JSON.stringify(body));
    };
    try {
      if (req.method !== 'GET' && req.method !== 'POST') return send(405, { errors: [{ message: 'Method not allowed', extensions: { code: 'BAD_REQUEST' } }] }, { allow: 'GET, POST' });
      const raw = await readBody(req, config.limits.maxBodyBytes);
      if (raw === null) {
        send(413, { errors: [{ message: 'Request body too large', extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
        // the rest of the body is not read: the connection goes once the answer is written
        req.destroy();
        return;
      }
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      let body: unknown = undefined;
      if (req.method === 'POST') {
        const ct = headers.get('content-type') ?? '';
        if (ct.includes('application/json')) {
          try {
            body = raw ? JSON.parse(raw) : undefined;
          } catch {
            return send(400, { errors: [{ message: 'The body is not valid JSON', extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
          }
        } else body = raw;
      }
      const sentName = (body as { operationName?: unknown } | undefined)?.operationName ?? url.searchParams.get('operationName');
      operation = typeof sentName === 'string' ? sentName.slice(0, 200) : null;

      // PostgreSQL text cannot hold NUL: refuse it at the door, whatever field it is in
      const queryText = (body as { query?: unknown } | undefined)?.query ?? url.searchParams.get('query');
      // also the escape \u0000 inside a string literal of the document
      if (containsNul(body) || containsNul(url.searchParams.get('query')) || containsNul(url.searchParams.get('variables')) || (typeof queryText === 'string' && queryText.includes('\\u0000'))) {
        return send(400, { errors: [{ message: 'Text may not contain the NUL character (U+0000)', extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
      }
      const tooMany = tokenLimitError((body as { query?: unknown } | undefined)?.query ?? url.searchParams.get('query'), config.limits.maxTokens);
      if (tooMany) return send(400, { errors: [{ message: tooMany.message, extensions: { code: LIMIT_CODE } }] });

      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), config.requestTimeoutMs);
      });
      // a turn to execute (see src/http/execution-gate.ts); the wait counts against the timeout
      const entry = gate.enter();
      const leaveQueue = () => {
        entry.abandon();
        void entry.turn.then((release) => release?.()); // admitted in the same instant: give the turn back
      };
      // a client that goes away while its request waits takes the request out of the queue:
      // nobody would read the answer (a load balancer's timeout, a closed tab, the end of a burst)
      let onClose: (() => void) | undefined;
      const clientGone = new Promise<'gone'>((resolve) => res.once('close', (onClose = () => resolve('gone'))));
      const release = await Promise.race([entry.turn, timedOut, clientGone]);
      res.off('close', onClose!);
      if (release === 'gone') {
        clearTimeout(timer);
        leaveQueue();
        // 499 (as nginx logs it): the request log and metrics count it, nobody receives it
        status = 499;
        logger().info({ requestId, waiting: gate.waiting }, 'client went away while the request waited for its turn; not run');
        return;
      }
      if (release === 'timeout') {
        leaveQueue();
        logger().error({ requestId, timeoutMs: config.requestTimeoutMs, waiting: gate.waiting }, 'request timed out waiting for its turn');
        return send(503, { errors: [{ message: 'The request took too long and was abandoned', extensions: { code: 'REQUEST_TIMEOUT' } }] });
      }
      if (release === null) {
        clearTimeout(timer);
        return send(503, { errors: [{ message: 'The server is busy: try again shortly', extensions: { code: 'SERVER_BUSY' } }] }, { 'retry-after': '1' });
      }
      const execution = apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method!, headers, search: url.search, body },
        context: async () => {
          const em = orm.em.fork();
          const now = clock.now();
          const today = localDate(now);
          const clientIp = req.socket.remoteAddress ?? '';
          let viewer: Viewer;
          try {
            viewer = await viewerFor(headers.get('authorization'), verifier, { em, today });
          } catch (e) {
            if (!(e instanceof AuthFailure)) throw e;
            // refused credentials are audited; the token itself is never written anywhere
            await em.fork().transactional((tem) =>
              appendAudit(tem as never, { at: new Date().toISOString(), requestId, accountId: null, accountUsername: null, grants: [], clientAddress: clientIp || null, operationName: operation, action: 'AUTHENTICATE', recordType: null, recordId: null, fields: [], outcome: 'DENIED', detail: e.message }),
            );
            throw unauthenticatedError(e.message);
          }
          const wait = rateLimiter.take(viewer.account ? `a:${viewer.account.id}` : `ip:${clientIp}`);
          if (wait > 0) {
            throw new GraphQLError(`Too many requests: try again in ${wait} s`, { extensions: { code: ErrorCode.RATE_LIMITED, http: { status: 429, headers: new HeaderMap([['retry-after', String(wait)]]) } } });
          }
          const query = (body as { query?: unknown } | undefined)?.query ?? url.searchParams.get('query');
          if (trusted && viewer.account && !trusted.allows(viewer.account.username, query)) {
            throw new GraphQLError('This client may run only the operations registered for it (trusted documents)', { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } });
          }
          ctxSeen = { viewer, em, loaders: new Loaders(em), requestId, clientIp, operationName: operation, audit: new AuditCollector(), today, now, trace: { operationName: operation, errorCodes: null } };
          return ctxSeen;
        },
      });
      // the turn is given back when the execution ends, even after a timeout answered the client
      execution.then(release, release);
      execution.catch(() => undefined); // a late failure after a timeout must not become an unhandled rejection
      const raced = await Promise.race([execution, timedOut]);
      clearTimeout(timer);
      if (raced === 'timeout') {
        logger().error({ requestId, timeoutMs: config.requestTimeoutMs }, 'request timed out');
        return send(503, { errors: [{ message: 'The request took too long and was abandoned', extensions: { code: 'REQUEST_TIMEOUT' } }] });
      }
      const result = raced;
      const outHeaders: Record<string, string> = { 'x-request-id': requestId };
      for (const [k, v] of result.headers) outHeaders[k] = v;
      status = result.status ?? 200;
      codes = ctxSeen?.trace.errorCodes ?? (status >= 400 ? [status === 401 ? 'UNAUTHENTICATED' : status === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST'] : []);
      res.writeHead(status, outHeaders);
      if (result.body.kind === 'complete') res.end(result.body.string);
      else {
        for await (const part of result.body.asyncIterator) res.write(part);
        res.end();
      }
    } catch (e) {
      const err = e as Error;
      logger().error({ requestId, err: { type: err.name, message: err.message, stack: err.stack } }, 'request failed');
      if (!res.headersSent) send(500, { errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
      else res.end();
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const op = operationLabel(ctxSeen?.trace.operationName ?? operation);
      const outcome = outcomeOf(status, codes);
      requestsTotal.inc({ operation: op, outcome });
      requestDuration.observe({ operation: op }, seconds);
      for (const c of codes) errorsTotal.inc({ code: c });
      // one line per request: ids, names, duration and outcome; never a token, a variable or a value
      logger().info({ requestId, account: ctxSeen?.viewer.account?.id ?? null, operation: ctxSeen?.trace.operationName ?? operation, durationMs: Math.round(seconds * 1000), status, outcome, errors: codes.length ? codes : undefined }, 'request');
    }
  }

  /** /readyz: the database answers, no migration is pending, the job runner (when enabled) is alive. */
  async function readiness(): Promise<{ ok: boolean; checks: Record<string, boolean> }> {
    const checks: Record<string, boolean> = { database: false, migrations: false };
    try {
      await orm.em.fork().execute('select 1');
      checks.database = true;
      checks.migrations = (await pendingMigrations(orm)).length === 0;
    } catch {
      /* reported as false */
    }
    if (opts.readiness?.jobRunnerAlive) checks.jobRunner = opts.readiness.jobRunnerAlive();
    if (draining) checks.draining = false;
    return { ok: Object.values(checks).every(Boolean), checks };
  }

  const httpServer = http.createServer(async (req, res) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/healthz') return json(200, { status: 'ok' });
      if (url.pathname === '/readyz') {
        const r = await readiness();
        return json(r.ok ? 200 : 503, { status: r.ok ? 'ready' : 'not ready', checks: r.checks });
      }
      if (url.pathname === '/metrics') {
        if (config.metricsToken && req.headers.authorization !== `Bearer ${config.metricsToken}`) return json(401, { error: 'a metrics token is required' });
        const pool = (orm.em.getConnection() as unknown as { getKnex(): { client: { pool?: { numUsed(): number; numFree(): number; numPendingAcquires(): number } } } }).getKnex().client.pool;
        if (pool) {
          dbPoolGauge.set({ state: 'used' }, pool.numUsed());
          dbPoolGauge.set({ state: 'free' }, pool.numFree());
          dbPoolGauge.set({ state: 'pending' }, pool.numPendingAcquires());
        }
        operationsGauge.set({ state: 'executing' }, gate.active);
        operationsGauge.set({ state: 'waiting' }, gate.waiting);
        await opts.readiness?.beforeMetrics?.();
        res.writeHead(200, { 'content-type': registry.contentType });
        return res.end(await registry.metrics());
      }
      if (ide && (await ide.handle(req, res, url))) return;
      if (url.pathname !== '/graphql') return json(404, { error: 'not found' });
      // while stopping, a request that still reaches us (on a connection opened before) is served, and its connection closed after it
      if (draining) res.setHeader('connection', 'close');
      inFlight++;
      try {
        await handleGraphQL(req, res, url);
      } finally {
        inFlight--;
      }
    } catch (e) {
      logger().error({ err: { message: (e as Error).message } }, 'request failed');
      if (!res.headersSent) json(500, { errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
    }
  });

  const subscriptions = attachSubscriptions({ httpServer, schema: protectedSchema, orm, verifier, clock, validationRules: armor.validationRules, production: config.production });

  // bounds on how long a client may take to send its request
  httpServer.requestTimeout = config.requestTimeoutMs;
  httpServer.headersTimeout = Math.min(config.requestTimeoutMs, 60_000);
  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const addr = httpServer.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  return {
    httpServer,
    url: `http://127.0.0.1:${port}/graphql`,
    async stop(timeoutMs = config.shutdownTimeoutMs) {
      // stop accepting; idle keep-alive connections are closed, busy ones finish their request
      draining = true;
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      const until = Date.now() + timeoutMs;
      while (inFlight > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
      httpServer.closeAllConnections();
      await subscriptions.close();
      await closed;
      await apollo.stop();
    },
  };
}

export type { GraphQLRequestContext };
