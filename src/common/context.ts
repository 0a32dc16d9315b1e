import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../authz/viewer';
import type { Loaders } from './loaders';
import type { AuditCollector } from '../audit/collector';

/** What every resolver, rule and service of one request shares. */
export interface RequestContext {
  viewer: Viewer;
  /** A fork of the ORM's entity manager for this request alone. */
  em: EntityManager;
  loaders: Loaders;
  requestId: string;
  clientIp: string;
  /** The operation name the client sent, for the audit log. */
  operationName: string | null;
  /** Sensitive reads and refusals of this request, written to the audit log at its end. */
  audit: AuditCollector;
  /**
   * What the request log and metrics need to learn from inside Apollo, which shallow-copies the
   * context: the operation name once resolved, and the error codes of the response.
   */
  trace: { operationName: string | null; errorCodes: string[] | null };
  /** Today's date (YYYY-MM-DD, in the service's time zone), from the injectable clock. */
  today: string;
  now: Date;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The calendar date of an instant in China Standard Time (UTC+8, no daylight saving). */
export function localDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
