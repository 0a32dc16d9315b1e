import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one API process (served at /metrics). */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'lianzheng_process_' });

export const requestsTotal = new Counter({
  name: 'lianzheng_requests_total',
  help: 'GraphQL requests by operation name and outcome (ok, partial, error, denied, unauthenticated, rate_limited, limit, busy, client_closed, bad_request)',
  labelNames: ['operation', 'outcome'] as const,
  registers: [registry],
});

export const requestDuration = new Histogram({
  name: 'lianzheng_request_duration_seconds',
  help: 'GraphQL request latency by operation name',
  labelNames: ['operation'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const errorsTotal = new Counter({
  name: 'lianzheng_errors_total',
  help: 'GraphQL errors returned, by extensions.code',
  labelNames: ['code'] as const,
  registers: [registry],
});

export const auditWritesTotal = new Counter({
  name: 'lianzheng_audit_writes_total',
  help: 'Audit records written, by action kind (read, write, authenticate) and outcome',
  labelNames: ['kind', 'outcome'] as const,
  registers: [registry],
});

export const webhookDeliveriesTotal = new Counter({
  name: 'lianzheng_webhook_deliveries_total',
  help: 'Outbox webhook delivery attempts by result (delivered, failed, dead)',
  labelNames: ['result'] as const,
  registers: [registry],
});

export const dbPoolGauge = new Gauge({
  name: 'lianzheng_db_pool_connections',
  help: 'Database pool connections by state (used, free, pending acquires)',
  labelNames: ['state'] as const,
  registers: [registry],
});

export const operationsGauge = new Gauge({
  name: 'lianzheng_graphql_operations',
  help: 'GraphQL operations executing and waiting for their turn (GRAPHQL_MAX_CONCURRENT)',
  labelNames: ['state'] as const,
  registers: [registry],
});

export const jobBacklogGauge = new Gauge({
  name: 'lianzheng_job_backlog',
  help: 'Jobs waiting in the job runner, by queue',
  labelNames: ['queue'] as const,
  registers: [registry],
});

const seenOperations = new Set<string>();
const MAX_OPERATION_LABELS = 500;

/**
 * Operation names become label values: short, of a known shape, and at most 500 distinct ones
 * per process (then "other"), so a client cannot explode the label set.
 */
export function operationLabel(name: string | null | undefined): string {
  if (!name || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'anonymous';
  if (seenOperations.has(name)) return name;
  if (seenOperations.size >= MAX_OPERATION_LABELS) return 'other';
  seenOperations.add(name);
  return name;
}
