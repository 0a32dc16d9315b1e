import http from 'node:http';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startTestApp, type TestApp, codes } from './support/app';
import { TrustedDocuments } from '../src/http/trusted-documents';
import { createLogger, logger, setLogger } from '../src/ops/logger';
import { AUDIT_CHAIN_LOCK } from '../src/audit/audit.service';

/** The endpoint against hostile clients: limits, production errors, CSRF, batching, body size, APQ, trusted documents, rate limits, timeouts. */

const post = async (app: TestApp, body: unknown, headers: Record<string, string> = {}, as: string | null = 'qs-discipline') => {
  const h: Record<string, string> = { 'content-type': 'application/json', ...headers };
  if (as) h.authorization = `Bearer ${await app.token(as)}`;
  const res = await fetch(app.url, { method: 'POST', headers: h, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, json: (() => { try { return JSON.parse(text); } catch { return null; } })(), headers: res.headers };
};
const codesOf = (r: { json: any }) => (r.json?.errors ?? []).map((e: any) => e.extensions?.code);

describe('query limits (small limits configured for the test)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { LIMIT_MAX_DEPTH: '5', LIMIT_MAX_ALIASES: '40', LIMIT_MAX_DIRECTIVES: '3', LIMIT_MAX_TOKENS: '300', LIMIT_MAX_COST: '400', MAX_BODY_BYTES: '4000' } });
  });
  afterAll(async () => app?.stop());

  test('within the limits: served', async () => {
    const r = await post(app, { query: '{ units(first: 2) { nodes { code } } }' });
    expect(r.status).toBe(200);
    expect(r.json.data.units.nodes).toHaveLength(2);
  });

  test.each([
    ['depth', '{ units { nodes { children { nodes { children { nodes { code } } } } } } }'],
    ['aliases, counting an aliased __typename', `{ ${Array.from({ length: 41 }, (_, i) => `a${i}: __typename`).join(' ')} }`],
    ['directives', '{ units @include(if: true) { totalCount @include(if: true) nodes @skip(if: false) { code @include(if: true) } } }'],
    ['cost', `{ ${Array.from({ length: 12 }, (_, i) => `u${i}: units { nodes { code name kind depth path officials { nodes { name post rank } } } }`).join(' ')} }`],
    ['tokens', `{ ${' x'.repeat(400)} }`],
  ])('%s: 400 with QUERY_LIMIT_EXCEEDED, never a 500', async (_name, query) => {
    const r = await post(app, { query });
    expect(r.status).toBe(400);
    expect(codesOf(r)).toEqual(['QUERY_LIMIT_EXCEEDED']);
    expect(r.text).not.toMatch(/stacktrace|    at /);
  });

  test('a body over the size limit: 413', async () => {
    const r = await post(app, { query: `{ __typename } # ${'x'.repeat(5000)}` });
    expect(r.status).toBe(413);
  });

  /** A POST whose body is written in pieces, with a pause between them (so that they arrive as separate chunks). */
  const inPieces = async (pieces: Buffer[], opts: { abortAfter?: number } = {}) => {
    const token = await app.token('qs-discipline');
    const url = new URL(app.url);
    return new Promise<{ status: number; text: string } | 'aborted'>((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, text }));
          res.on('error', () => resolve('aborted'));
        },
      );
      req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' || opts.abortAfter !== undefined ? resolve('aborted') : reject(e)));
      const write = async () => {
        for (let i = 0; i < pieces.length; i++) {
          if (opts.abortAfter === i) {
            req.destroy();
            return;
          }
          req.write(pieces[i]);
          await new Promise((r) => setTimeout(r, 20));
        }
        req.end();
      };
      void write();
    });
  };

  test('a body read in pieces is read whole, a character cut between two pieces included', async () => {
    // 廉 is three bytes in UTF-8: the first piece ends inside it. The operation name comes back in
    // the error, so a character decoded piece by piece (U+FFFD) would show
    const body = Buffer.from(JSON.stringify({ query: 'query A { __typename }', operationName: '廉政' }));
    const cut = body.indexOf(Buffer.from('廉')) + 1;
    const r = await inPieces([body.subarray(0, cut), body.subarray(cut, cut + 5), body.subarray(cut + 5)]);
    expect(r).not.toBe('aborted');
    const { status, text } = r as { status: number; text: string };
    expect(status).toBe(400);
    expect(JSON.parse(text).errors[0].message).toBe('Unknown operation named "廉政".');
    // and a whole document in pieces is answered
    const whole = Buffer.from(JSON.stringify({ query: '{ __typename } # 廉政' }));
    const ok = await inPieces([whole.subarray(0, 7), whole.subarray(7, 20), whole.subarray(20)]);
    expect(ok).toEqual({ status: 200, text: JSON.stringify({ data: { __typename: 'Query' } }) });
  });

  test('a body that passes the limit in its later pieces: 413, and the server goes on serving', async () => {
    const piece = Buffer.from(`{"query":"{ __typename } #${'x'.repeat(1500)}`);
    const r = await inPieces([piece, Buffer.from('x'.repeat(1500)), Buffer.from('x'.repeat(1500)), Buffer.from('"}')]);
    // the answer is written before the connection is dropped; a client still writing may see the reset first
    if (r !== 'aborted') expect(r.status).toBe(413);
    expect((await post(app, { query: '{ __typename }' })).status).toBe(200);
  });

  test('a client that goes away in the middle of its body: nothing is answered, and the server goes on serving', async () => {
    const r = await inPieces([Buffer.from('{"query":"{ __typ'), Buffer.from('ename }"}')], { abortAfter: 1 });
    expect(r).toBe('aborted');
    expect((await post(app, { query: '{ __typename }' })).status).toBe(200);
  });
});

describe('HTTP: CSRF, GET, batching, persisted queries, malformed bodies', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.stop());

  test('CSRF prevention: a simple (non-preflighted) request is refused', async () => {
    const plain = await post(app, JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'text/plain' });
    expect(plain.status).toBe(400);
    const get = await fetch(`${app.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(400);
  });

  test('a GET cannot run a mutation: 405', async () => {
    const q = encodeURIComponent('mutation { unitCreate(input: { code: "GX", name: "x", kind: COUNTY, partyOrgKind: BRANCH }) { unit { code } } }');
    const before = await app.fingerprint();
    const r = await fetch(`${app.url}?query=${q}`, { headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${await app.token('sysadmin')}` } });
    expect(r.status).toBe(405);
    expect(await app.fingerprint()).toBe(before);
  });

  test('array-batched requests are refused', async () => {
    const r = await post(app, [{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(r.status).toBe(400);
  });

  test('automatic persisted queries are off', async () => {
    const r = await post(app, { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } });
    expect(codesOf(r)).toEqual(['PERSISTED_QUERY_NOT_SUPPORTED']);
    expect(r.json.data).toBeUndefined();
  });

  test('malformed JSON and a wrong Authorization scheme: 400 / 401, no stack', async () => {
    const bad = await post(app, '{"query": ');
    expect(bad.status).toBe(400);
    const scheme = await post(app, { query: '{ __typename }' }, { authorization: 'Token abc' }, null);
    expect(scheme.status).toBe(401);
    for (const r of [bad, scheme]) expect(r.text).not.toMatch(/    at /);
  });
});

describe('production profile', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(48) } });
  });
  afterAll(async () => app?.stop());

  test('introspection is off', async () => {
    const r = await post(app, { query: '{ __schema { types { name } } }' });
    expect(r.status).toBe(400);
    expect(r.text).not.toContain('Official');
  });

  test.each([
    ['unknown field', { query: '{ officals { totalCount } }' }],
    ['unknown field inside a type', { query: '{ officials { nodes { nam } } }' }],
    ['enum literal', { query: '{ units(filter: { kinds: [COUNTYY] }) { totalCount } }' }],
    ['enum variable', { query: 'query($k: [UnitKind!]) { units(filter: { kinds: $k }) { totalCount } }', variables: { k: ['TOWNSHIPP'] } }],
    ['input field', { query: 'query($f: UnitFilter) { units(filter: $f) { totalCount } }', variables: { f: { kindz: ['COUNTY'] } } }],
  ])('no "Did you mean" for an %s', async (_name, body) => {
    const r = await post(app, body);
    expect(r.status).toBe(400);
    expect(r.text).not.toMatch(/Did you mean/i);
    expect(r.text).not.toMatch(/officials|COUNTY"|TOWNSHIP"|kinds"/);
  });

  test('an unexpected failure is INTERNAL_SERVER_ERROR with no SQL, stack or internal message', async () => {
    const admin = new Client({ connectionString: app.dbUrl });
    await admin.connect();
    await admin.query('revoke select on pledge from lianzheng_app');
    try {
      const logFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'lz-hard-')), 'app.log');
      const previous = logger();
      setLogger(createLogger({ destination: logFile }));
      const r = await post(app, { query: '{ pledges(first: 1) { nodes { title } } }' }, { 'x-request-id': 'req-broken' });
      setLogger(previous);
      const errors = readFileSync(logFile, 'utf8').trim().split('\n');
      expect(codesOf(r)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(r.json.errors[0].message).toBe('Internal server error');
      expect(r.text).not.toMatch(/permission|pledge"|select|    at /i);
      // logged on the server with the request id
      expect(errors.some((e) => e.includes('req-broken') && /permission denied/.test(e))).toBe(true);
    } finally {
      await admin.query('grant select on pledge to lianzheng_app');
      await admin.end();
    }
  });

  test('the GET landing page and GraphiQL are off', async () => {
    const r = await fetch(app.url, { headers: { accept: 'text/html' } });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(await r.text()).not.toMatch(/graphiql|<html/i);
  });
});

describe('trusted documents', () => {
  let app: TestApp;
  const registered = 'query OrgOfficials { officials(first: 1) { totalCount } }';
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lz-trusted-'));
    const file = path.join(dir, 'trusted.json');
    writeFileSync(file, JSON.stringify({ 'qs-org': [TrustedDocuments.hash(registered)] }));
    app = await startTestApp({ env: { TRUSTED_DOCUMENTS_FILE: file } });
  });
  afterAll(async () => app?.stop());

  test('a listed account runs only its registered documents; others are not restricted', async () => {
    const ok = await post(app, { query: registered }, {}, 'qs-org');
    expect(ok.status).toBe(200);
    expect(ok.json.data.officials.totalCount).toBeGreaterThan(0);
    const other = await post(app, { query: '{ officials(first: 2) { totalCount } }' }, {}, 'qs-org');
    expect(other.status).toBe(403);
    expect(codesOf(other)).toEqual(['FORBIDDEN']);
    const unrestricted = await post(app, { query: '{ officials(first: 2) { totalCount } }' }, {}, 'qs-party');
    expect(unrestricted.status).toBe(200);
  });
});

describe('rate limit and timeouts', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '60', RATE_LIMIT_BURST: '5', DB_STATEMENT_TIMEOUT_MS: '300' } });
  });
  afterAll(async () => app?.stop());

  test('per account: past the burst, RATE_LIMITED (429) with Retry-After; another account is not affected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await post(app, { query: '{ __typename }' }, {}, 'qs-finance')).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await post(app, { query: '{ __typename }' }, {}, 'qs-finance');
    expect(codesOf(limited)).toEqual(['RATE_LIMITED']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await post(app, { query: '{ __typename }' }, {}, 'qs-party')).status).toBe(200);
  });

  test('the statement timeout is set on the service\'s database connections', async () => {
    const em = app.orm.em.fork();
    await expect(em.execute('select pg_sleep(2)')).rejects.toThrow(/statement timeout/);
  });
});

/**
 * The execution gate (GRAPHQL_MAX_CONCURRENT, GRAPHQL_MAX_QUEUED). A request with a refused token
 * appends to the audit chain inside its execution; while the test holds the chain's advisory lock
 * that request cannot finish, so it keeps its turn for as long as the test wants.
 */
describe('execution gate: one operation at a time, one waiting', () => {
  let app: TestApp;
  let holder: Client;
  beforeAll(async () => {
    app = await startTestApp({ env: { GRAPHQL_MAX_CONCURRENT: '1', GRAPHQL_MAX_QUEUED: '1', REQUEST_TIMEOUT_MS: '4000' } });
    holder = new Client({ connectionString: app.dbUrl });
    await holder.connect();
  });
  afterAll(async () => {
    await holder?.end();
    await app?.stop();
  });

  const badToken = () => post(app, { query: '{ __typename }' }, { authorization: 'Bearer not-a-token' }, null);
  const deniedAuthentications = async () => Number((await app.sql("select count(*)::int as n from audit_log where action = 'AUTHENTICATE'"))[0].n);
  /** Waits until `n` sessions of the service wait on the audit chain's lock. */
  const lockWaiters = async (n: number) => {
    for (let i = 0; i < 200; i++) {
      const [{ w }] = await app.sql("select count(*)::int as w from pg_locks where locktype = 'advisory' and objid = $1 and not granted", [AUDIT_CHAIN_LOCK]);
      if (w >= n) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`expected ${n} sessions waiting on the audit lock`);
  };
  const gauge = async () => {
    const text = await (await fetch(app.url.replace('/graphql', '/metrics'))).text();
    const read = (state: string) => Number(new RegExp(`lianzheng_graphql_operations\\{state="${state}"\\} (\\d+)`).exec(text)?.[1]);
    return { executing: read('executing'), waiting: read('waiting') };
  };

  test('the second request waits for the first, the third is refused with 503 SERVER_BUSY and Retry-After, and both admitted ones are answered', async () => {
    const before = await deniedAuthentications();
    await holder.query('select pg_advisory_lock($1)', [AUDIT_CHAIN_LOCK]);
    let first: Promise<Awaited<ReturnType<typeof post>>>;
    let second: Promise<Awaited<ReturnType<typeof post>>>;
    try {
      first = badToken();
      await lockWaiters(1);
      second = post(app, { query: '{ viewer { account { username } } }' }, {}, 'qs-party');
      // the second is queued, not executing: it sends no statement while it waits
      for (let i = 0; i < 100 && (await gauge()).waiting < 1; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await gauge()).toEqual({ executing: 1, waiting: 1 });
      const third = await post(app, { query: '{ viewer { account { username } } }' }, {}, 'qs-party');
      expect(third.status).toBe(503);
      expect(codesOf(third)).toEqual(['SERVER_BUSY']);
      expect(third.headers.get('retry-after')).toBe('1');
    } finally {
      await holder.query('select pg_advisory_unlock($1)', [AUDIT_CHAIN_LOCK]);
    }
    expect((await first!).status).toBe(401);
    const r2 = await second!;
    expect(r2.status).toBe(200);
    expect(r2.json.data.viewer.account.username).toBe('qs-party');
    expect(await deniedAuthentications()).toBe(before + 1);
    expect(await gauge()).toEqual({ executing: 0, waiting: 0 });
  });

  /** Polls the gauge until `done` holds (or 2 s pass). */
  const settle = async (done: (g: { executing: number; waiting: number }) => boolean) => {
    for (let i = 0; i < 100 && !done(await gauge()); i++) await new Promise((r) => setTimeout(r, 20));
  };
  /** Runs `whileQueued` while a first request holds the only turn (it waits on the audit lock); answers the first's response. */
  const behindARunningOne = async (whileQueued: () => Promise<void>) => {
    await holder.query('select pg_advisory_lock($1)', [AUDIT_CHAIN_LOCK]);
    let first: ReturnType<typeof badToken>;
    try {
      first = badToken();
      await lockWaiters(1);
      await whileQueued();
    } finally {
      await holder.query('select pg_advisory_unlock($1)', [AUDIT_CHAIN_LOCK]);
    }
    return first!;
  };
  /** The gate is idle again and only the first request wrote its refusal to the audit log: the queued one never executed. */
  const onlyTheFirstRan = async (before: number) => {
    await settle((g) => g.executing === 0);
    expect(await gauge()).toEqual({ executing: 0, waiting: 0 });
    expect(await deniedAuthentications()).toBe(before + 1);
  };

  test('a request whose client goes away while it waits leaves the queue and never runs', async () => {
    const before = await deniedAuthentications();
    const first = await behindARunningOne(async () => {
      // the second waits for the first; its client gives up before its turn comes
      const gone = new AbortController();
      const second = fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' }, body: '{"query":"{ __typename }"}', signal: gone.signal });
      await settle((g) => g.waiting >= 1);
      expect(await gauge()).toEqual({ executing: 1, waiting: 1 });
      gone.abort();
      await expect(second).rejects.toThrow();
      await settle((g) => g.waiting === 0);
      expect(await gauge()).toEqual({ executing: 1, waiting: 0 });
    });
    expect((await first).status).toBe(401);
    await onlyTheFirstRan(before);
    const metrics = await (await fetch(app.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/lianzheng_requests_total\{[^}]*outcome="client_closed"[^}]*\} 1/);
  });

  test('a request that times out while waiting leaves the queue and never runs', async () => {
    const before = await deniedAuthentications();
    const first = await behindARunningOne(async () => {
      // queued behind the first for longer than REQUEST_TIMEOUT_MS: answered 503 REQUEST_TIMEOUT
      const waiting = await badToken();
      expect(waiting.status).toBe(503);
      expect(codesOf(waiting)).toEqual(['REQUEST_TIMEOUT']);
    });
    // the first one also passed the timeout (its answer is 503), but it ran to its end and gave its turn back
    expect((await first).status).toBe(503);
    await onlyTheFirstRan(before);
    const after = await post(app, { query: '{ viewer { account { username } } }' }, {}, 'qs-party');
    expect(after.status).toBe(200);
  });
});
