import { auditServer, type AuditResult } from 'graphql-http';
import { startTestApp, type TestApp } from './support/app';

/**
 * GraphQL over HTTP conformance (https://graphql.github.io/graphql-over-http/), checked with the
 * reference audits of graphql-http against the real server in its development profile.
 * The audits send anonymous requests; `{ __typename }` needs no grant.
 */

let app: TestApp;
let results: AuditResult[];

beforeAll(async () => {
  app = await startTestApp({ env: { NODE_ENV: 'development' } });
  results = await auditServer({ url: app.url });
  // The audits only read the bodies of some responses; release the rest.
  for (const r of results) if (r.status !== 'ok' && !r.response.bodyUsed) await r.response.body?.cancel().catch(() => undefined);
});
afterAll(async () => app?.stop());

const describeResult = (r: AuditResult) => `${r.id} ${r.name}${r.status === 'ok' ? '' : `: ${r.reason}`}`;

test('the audits ran', () => {
  expect(results.length).toBeGreaterThan(30);
  expect(results.filter((r) => r.name.startsWith('MUST')).length).toBeGreaterThan(10);
});

test('no MUST audit fails', () => {
  const failed = results.filter((r) => r.name.startsWith('MUST') && r.status === 'error').map(describeResult);
  expect(failed).toEqual([]);
});

test('no audit at any level errors', () => {
  // graphql-http marks only MUST audits as `error`; SHOULD and MAY come out as `warn` or `notice`.
  const errors = results.filter((r) => r.status === 'error').map(describeResult);
  expect(errors).toEqual([]);
});

test('SHOULD recommendations not followed are listed', () => {
  const warnings = results.filter((r) => r.name.startsWith('SHOULD') && r.status !== 'ok').map(describeResult);
  const notices = results.filter((r) => r.name.startsWith('MAY') && r.status !== 'ok').map(describeResult);
  console.log(
    `GraphQL over HTTP audits: ${results.length} run, ${results.filter((r) => r.status === 'ok').length} ok\n` +
      `SHOULD not followed (${warnings.length}):\n${warnings.map((w) => `  - ${w}`).join('\n') || '  (none)'}\n` +
      `MAY not followed (${notices.length}):\n${notices.map((w) => `  - ${w}`).join('\n') || '  (none)'}`,
  );
  // Recommendations are reported, not enforced: they must only never be errors.
  expect(results.filter((r) => !r.name.startsWith('MUST') && r.status === 'error')).toEqual([]);
});
