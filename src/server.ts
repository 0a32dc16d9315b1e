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
import { createTokenVerifier, TokenError, type TokenVerifier } from './auth/tokens';
import { loadViewer } from './auth/viewer-loader';
import { Viewer } from './authz/viewer';
import { ErrorCode } from './common/errors';
import { localDate, systemClock, type Clock, type RequestContext } from './common/context';
import { Loaders } from './common/loaders';
import { AuditCollector } from './audit/collector';
import { appendAudit, flushRequestAudit } from './audit/audit.service';

export interface AppServer {
  httpServer: http.Server;
  url: string;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

function unauthenticatedError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

class AuthFailure extends Error {}

/** Authorization header → Viewer. No header: anonymous (root rules then answer UNAUTHENTICATED). */
async function viewerFor(header: string | undefined, verifier: TokenVerifier, ctx: { em: RequestContext['em']; today: string }): Promise<Viewer> {
  if (!header) return Viewer.anonymous();
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) throw new AuthFailure('The Authorization header must be "Bearer <token>"');
  let sub: string;
  try {
    ({ sub } = await verifier.verify(m[1]));
  } catch (e) {
    if (e instanceof TokenError) throw new AuthFailure('The token is invalid or expired');
    throw e;
  }
  const viewer = await loadViewer(ctx.em, sub, ctx.today);
  if (!viewer) throw new AuthFailure('The token names no active account');
  return viewer;
}

export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code as string | undefined;
    const known = code && code !== ErrorCode.INTERNAL_SERVER_ERROR;
    if (!known) {
      const original = error instanceof GraphQLError ? error.originalError ?? error : error;
      // Unexpected: log it whole, answer without internals.
      if (!(error instanceof GraphQLError && !error.originalError && code)) {
        console.error('[lianzheng] unexpected error:', original);
      }
      if (production || !(error instanceof GraphQLError) || error.originalError) {
        return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
      }
    }
    const { stacktrace: _s, ...ext } = (formatted.extensions ?? {}) as Record<string, unknown>;
    return { ...formatted, extensions: ext };
  };
}

export async function createServer(opts: { config: Config; orm: MikroORM; clock?: Clock }): Promise<AppServer> {
  const { config, orm } = opts;
  const clock = opts.clock ?? systemClock;
  const { protectedSchema } = await buildAppSchema();
  const verifier = await createTokenVerifier(config);

  const apollo = new ApolloServer<RequestContext>({
    schema: protectedSchema,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.production,
    persistedQueries: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    formatError: formatError(config.production),
    plugins: [
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
        if (size > MAX_BODY_BYTES) return send(413, { errors: [{ message: 'Request body too large', extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
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

      const requestId = (typeof req.headers['x-request-id'] === 'string' && /^[\w.-]{1,64}$/.test(req.headers['x-request-id']) ? req.headers['x-request-id'] : randomUUID());
      const result = await apollo.executeHTTPGraphQLRequest({
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
          return { viewer, em, loaders: new Loaders(em), requestId, clientIp, operationName, audit: new AuditCollector(), today, now };
        },
      });
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

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const addr = httpServer.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  return {
    httpServer,
    url: `http://127.0.0.1:${port}/graphql`,
    async stop() {
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await apollo.stop();
    },
  };
}

export type { GraphQLRequestContext };
