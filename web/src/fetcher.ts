import { getOperationAST, parse } from 'graphql';
import { createClient } from 'graphql-ws';

/**
 * The fetcher GraphiQL runs operations with: queries and mutations are POSTed as JSON to the
 * endpoint with the headers of the header editor; subscriptions go over graphql-ws on the same
 * path, with the Authorization header sent in the connection_init payload.
 */
export interface GraphQLParams {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

type Headers = Record<string, string>;

function isSubscription(params: GraphQLParams): boolean {
  try {
    return getOperationAST(parse(params.query), params.operationName ?? undefined)?.operation === 'subscription';
  } catch {
    return false;
  }
}

function subscribe(wsUrl: string, params: GraphQLParams, headers: Headers): AsyncIterable<unknown> {
  const authorization = headers.Authorization ?? headers.authorization;
  return {
    [Symbol.asyncIterator]() {
      const client = createClient({ url: wsUrl, lazy: true, retryAttempts: 0, connectionParams: authorization ? { authorization } : {} });
      const it = client.iterate({ query: params.query, operationName: params.operationName ?? undefined, variables: params.variables ?? undefined });
      return {
        next: () => it.next(),
        async return() {
          await it.return?.();
          await client.dispose();
          return { done: true as const, value: undefined };
        },
      };
    },
  };
}

export function createFetcher(endpoint: string) {
  const http = new URL(endpoint, window.location.href);
  const wsUrl = `${http.protocol === 'https:' ? 'wss:' : 'ws:'}//${http.host}${http.pathname}`;
  return async (params: GraphQLParams, opts?: { headers?: Headers }) => {
    const headers = opts?.headers ?? {};
    if (isSubscription(params)) return subscribe(wsUrl, params, headers);
    const res = await fetch(http.href, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
      body: JSON.stringify(params),
      credentials: 'omit',
    });
    const text = await res.text();
    try {
      return JSON.parse(text);
    } catch {
      return { errors: [{ message: `HTTP ${res.status}: ${text.slice(0, 500)}` }] };
    }
  };
}
