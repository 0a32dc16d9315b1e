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

export interface AppServer {
  httpServer: http.Server;
  url: string;
  stop(): Promise<void>;
}

function unauthenticatedError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

const KNOWN_CODES = new Set<string>([...Object.values(ErrorCode), 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', LIMIT_CODE, 'REQUEST_TIMEOUT']);

/**
 * Every error a client sees: a known code, no stack, no SQL, no internal message. Unexpected
 * errors were logged (with the request id) by the plugin below and are answered as
 * INTERNAL_SERVER_ERROR. In production, "Did you mean …" suggestions (which leak the schema,
 * also from variable coercion) are cut.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    let code = formatted.extensions?.code as string | undefined;
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

export async function createServer(opts: { config: Config; orm: MikroORM; clock?: Clock }): Promise<AppServer> {
  const { config, orm } = opts;
  const clock = opts.clock ?? systemClock;
  const { protectedSchema } = await buildAppSchema();
  const verifier = await createTokenVerifier(config);
  const armor = armorProtection(config);
  const rateLimiter = new RateLimiter(config.rateLimit.perMinute, config.rateLimit.burst);
  const trusted = TrustedDocuments.load(config.trustedDocumentsFile);

  const apollo = new ApolloServer<RequestContext>({
    schema: protectedSchema,
    introspection: !config.production,
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
                if (!code || code === ErrorCode.INTERNAL_SERVER_ERROR || !KNOWN_CODES.has(code)) {
                  console.error(`[lianzheng] request ${contextValue?.requestId ?? '-'} failed:`, e.originalError ?? e);
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
              if (operationName) contextValue.operationName = operationName.slice(0, 200);
            },
            async willSendResponse({ contextValue }) {
              if (contextValue?.audit) await flushRequestAudit(orm.em.fork(), contextValue);
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

  const httpServer = http.createServer(async (req, res) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/healthz') return send(200, { status: 'ok' });
      if (url.pathname !== '/graphql') return send(404, { error: 'not found' });
      if (req.method !== 'GET' && req.method !== 'POST') return send(405, { error: 'method not allowed' }, { allow: 'GET, POST' });

      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > config.limits.maxBodyBytes) return send(413, { errors: [{ message: 'Request body too large', extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
        chunks.push(chunk as Buffer);
      }
      const raw = Buffer.concat(chunks).toString('utf8');
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

      const tooMany = tokenLimitError((body as { query?: unknown } | undefined)?.query ?? url.searchParams.get('query'), config.limits.maxTokens);
      if (tooMany) return send(400, { errors: [{ message: tooMany.message, extensions: { code: LIMIT_CODE } }] });

      const requestId = (typeof req.headers['x-request-id'] === 'string' && /^[\w.-]{1,64}$/.test(req.headers['x-request-id']) ? req.headers['x-request-id'] : randomUUID());
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), config.requestTimeoutMs);
      });
      const execution = apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method!, headers, search: url.search, body },
        context: async () => {
          const em = orm.em.fork();
          const now = clock.now();
          const today = localDate(now);
          const clientIp = req.socket.remoteAddress ?? '';
          const operationName = typeof (body as { operationName?: unknown } | undefined)?.operationName === 'string' ? ((body as { operationName: string }).operationName.slice(0, 200)) : null;
          let viewer: Viewer;
          try {
            viewer = await viewerFor(headers.get('authorization'), verifier, { em, today });
          } catch (e) {
            if (!(e instanceof AuthFailure)) throw e;
            // refused credentials are audited; the token itself is never written anywhere
            await em.fork().transactional((tem) =>
              appendAudit(tem as never, { at: new Date().toISOString(), requestId, accountId: null, accountUsername: null, grants: [], clientAddress: clientIp || null, operationName, action: 'AUTHENTICATE', recordType: null, recordId: null, fields: [], outcome: 'DENIED', detail: e.message }),
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
          return { viewer, em, loaders: new Loaders(em), requestId, clientIp, operationName, audit: new AuditCollector(), today, now };
        },
      });
      execution.catch(() => undefined); // a late failure after a timeout must not become an unhandled rejection
      const raced = await Promise.race([execution, timedOut]);
      clearTimeout(timer);
      if (raced === 'timeout') {
        console.error(`[lianzheng] request ${requestId} timed out after ${config.requestTimeoutMs} ms`);
        return send(503, { errors: [{ message: 'The request took too long and was abandoned', extensions: { code: 'REQUEST_TIMEOUT' } }] }, { 'x-request-id': requestId });
      }
      const result = raced;
      const outHeaders: Record<string, string> = { 'x-request-id': requestId };
      for (const [k, v] of result.headers) outHeaders[k] = v;
      res.writeHead(result.status ?? 200, outHeaders);
      if (result.body.kind === 'complete') res.end(result.body.string);
      else {
        for await (const part of result.body.asyncIterator) res.write(part);
        res.end();
      }
    } catch (e) {
      console.error('[lianzheng] request failed:', e);
      if (!res.headersSent) send(500, { errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
      else res.end();
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
    async stop() {
      await subscriptions.close();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await apollo.stop();
    },
  };
}

export type { GraphQLRequestContext };
