import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { GraphQLError, getOperationAST, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { MikroORM } from '@mikro-orm/postgresql';
import { viewerFor } from '../auth/authenticate';
import type { TokenVerifier } from '../auth/tokens';
import type { Viewer } from '../authz/viewer';
import { AuditCollector } from '../audit/collector';
import { Loaders } from '../common/loaders';
import { localDate, type Clock, type RequestContext } from '../common/context';

/**
 * Subscriptions over graphql-ws on the same path (/graphql). The client sends its token in the
 * connection_init payload ({ "authorization": "Bearer …" }); an unauthenticated connection is
 * closed. Only subscription operations are served here: queries and mutations go over HTTP,
 * where the limits, the rate limit and the audit of the request apply.
 */
export function attachSubscriptions(opts: {
  httpServer: http.Server;
  schema: GraphQLSchema;
  orm: MikroORM;
  verifier: TokenVerifier;
  clock: Clock;
  validationRules: ValidationRule[];
  production: boolean;
}): { close(): Promise<void> } {
  const wss = new WebSocketServer({ server: opts.httpServer, path: '/graphql' });
  const viewers = new WeakMap<object, Viewer>();
  const disposable = useServer(
    {
      schema: opts.schema,
      onConnect: async (ctx) => {
        const params = (ctx.connectionParams ?? {}) as Record<string, unknown>;
        const header = typeof params.authorization === 'string' ? params.authorization : typeof params.Authorization === 'string' ? params.Authorization : undefined;
        try {
          const viewer = await viewerFor(header, opts.verifier, { em: opts.orm.em.fork(), today: localDate(opts.clock.now()) });
          if (!viewer.authenticated) return false;
          viewers.set(ctx, viewer);
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        const viewer = viewers.get(ctx);
        if (!viewer) return [new GraphQLError('Not authenticated', { extensions: { code: 'UNAUTHENTICATED' } })];
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (e) {
          return [e instanceof GraphQLError ? e : new GraphQLError('Syntax error')];
        }
        const op = getOperationAST(document, payload.operationName);
        if (!op || op.operation !== 'subscription') {
          return [new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP', { extensions: { code: 'BAD_REQUEST' } })];
        }
        const errors = validate(opts.schema, document, [...specifiedRules, ...opts.validationRules]);
        if (errors.length) return errors;
        const em = opts.orm.em.fork();
        const now = opts.clock.now();
        const contextValue: RequestContext = {
          viewer,
          em,
          loaders: new Loaders(em),
          requestId: randomUUID(),
          clientIp: (ctx.extra as { request?: http.IncomingMessage }).request?.socket.remoteAddress ?? '',
          operationName: payload.operationName ?? null,
          audit: new AuditCollector(),
          today: localDate(now),
          now,
          trace: { operationName: payload.operationName ?? null, errorCodes: null },
        };
        return { schema: opts.schema, document, operationName: payload.operationName, variableValues: payload.variables ?? undefined, contextValue };
      },
    },
    wss,
  );
  return {
    async close() {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
