import type { RequestContext } from './context';

/** Each module registers how to fetch one of its records by key, scoped to the viewer (null when not visible). */
type Fetcher = (ctx: RequestContext, id: number) => Promise<object | null>;
const fetchers = new Map<string, Fetcher>();

export function registerNodeFetcher(typename: string, fetcher: Fetcher): void {
  fetchers.set(typename, fetcher);
}

export function nodeFetcher(typename: string): Fetcher | undefined {
  return fetchers.get(typename);
}
