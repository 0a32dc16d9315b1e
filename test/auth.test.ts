import http from 'node:http';
import { startTestApp, type TestApp, codes } from './support/app';
import { DEV_JWT_SECRET } from '../src/config';

/** Authentication: a token names an account; everything else about it is checked and nothing about roles is trusted. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.stop());

const jose = () => import('jose');
const key = new TextEncoder().encode(DEV_JWT_SECRET);

async function hs256(claims: Record<string, unknown>, opts: { sub?: string; iss?: string; aud?: string; exp?: string | number } = {}) {
  const j = await jose();
  let t = new j.SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  if (opts.sub !== undefined) t = t.setSubject(opts.sub);
  t = t.setIssuer(opts.iss ?? 'lianzheng').setAudience(opts.aud ?? 'lianzheng-api');
  if (opts.exp !== undefined) t = t.setExpirationTime(opts.exp);
  return t.sign(key);
}

async function asToken(token: string, query = '{ viewer { account { username } } }') {
  const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as any };
}

test('a valid token names the account; viewer reports its grants and scope', async () => {
  const r = await app.gql('qs-team1', '{ viewer { account { username kind } grants { role teamCode active } scopes { role kind units { code } } } }');
  expect(r.body.errors).toBeUndefined();
  expect(r.body.data.viewer.account).toEqual({ username: 'qs-team1', kind: 'PERSON' });
  expect(r.body.data.viewer.grants).toEqual([{ role: 'DISPATCHED_TEAM', teamCode: 'QS-T1', active: true }]);
  expect(r.body.data.viewer.scopes[0].units.map((u: any) => u.code).sort()).toEqual(['QS-CZ', 'QS-JY']);
});

test('roles in the token are ignored: only the database grants count', async () => {
  const token = await hs256({ roles: ['DISCIPLINE_COMMISSION'], role: 'SYSTEM_ADMIN' }, { sub: 'qs-finance', exp: '1h' });
  const before = await app.fingerprint();
  const r = await asToken(token, 'mutation { unitCreate(input: { code: "ZZ", name: "x", kind: COUNTY, partyOrgKind: BRANCH }) { unit { code } } }');
  expect(r.body.errors.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN']);
  expect(r.body.data).toEqual({ unitCreate: null });
  expect(await app.fingerprint()).toBe(before);
});

describe('refused tokens get UNAUTHENTICATED (401) and no resolver runs', () => {
  const cases: [string, () => Promise<string>][] = [
    ['expired', () => hs256({}, { sub: 'qs-party', exp: Math.floor(Date.now() / 1000) - 60 })],
    ['without expiry', () => hs256({}, { sub: 'qs-party' })],
    ['wrong issuer', () => hs256({}, { sub: 'qs-party', iss: 'someone-else', exp: '1h' })],
    ['wrong audience', () => hs256({}, { sub: 'qs-party', aud: 'other-api', exp: '1h' })],
    ['unknown account', () => hs256({}, { sub: 'nobody-here', exp: '1h' })],
    ['without sub', () => hs256({}, { exp: '1h' })],
    [
      'tampered payload',
      async () => {
        const t = await hs256({}, { sub: 'qs-finance', exp: '1h' });
        const [h, p, s] = t.split('.');
        const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
        payload.sub = 'qs-discipline';
        return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
      },
    ],
    [
      'alg none',
      async () => {
        const h = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
        const p = Buffer.from(JSON.stringify({ sub: 'qs-discipline', iss: 'lianzheng', aud: 'lianzheng-api', exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url');
        return `${h}.${p}.`;
      },
    ],
    [
      'signed with another secret',
      async () => {
        const j = await jose();
        return new j.SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('qs-discipline').setIssuer('lianzheng').setAudience('lianzheng-api').setExpirationTime('1h').sign(new TextEncoder().encode('x'.repeat(48)));
      },
    ],
    ['garbage', async () => 'not-a-jwt'],
  ];
  test.each(cases)('%s', async (_name, make) => {
    const before = await app.fingerprint();
    const r = await asToken(await make(), 'mutation { unitCreate(input: { code: "ZZ", name: "x", kind: COUNTY, partyOrgKind: BRANCH }) { unit { code } } }');
    expect(r.status).toBe(401);
    expect(r.body.errors.map((e: any) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    expect(r.body.data).toBeUndefined();
    expect(await app.fingerprint()).toBe(before);
  });

  test('a header that is not Bearer', async () => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Basic YWJjOmRlZg==' }, body: JSON.stringify({ query: '{ viewer { account { username } } }' }) });
    expect(res.status).toBe(401);
  });
});

test('a disabled account is refused from the next request; re-enabled, it works again', async () => {
  const id = await app.gid('Account', "select id from account where username = 'qs-org'");
  const ok = await app.gql('qs-org', '{ viewer { account { username } } }');
  expect(ok.body.data.viewer.account.username).toBe('qs-org');
  const v = (await app.sql("select version from account where username = 'qs-org'"))[0].version;
  const dis = await app.gql('secadmin', 'mutation($i: AccountSetDisabledInput!) { accountSetDisabled(input: $i) { account { disabled version } userErrors { code } } }', { i: { id, version: v, disabled: true } });
  expect(dis.body.data.accountSetDisabled.account.disabled).toBe(true);
  const refused = await app.gql('qs-org', '{ viewer { account { username } } }');
  expect(refused.status).toBe(401);
  expect(codes(refused)).toEqual(['UNAUTHENTICATED']);
  await app.gql('secadmin', 'mutation($i: AccountSetDisabledInput!) { accountSetDisabled(input: $i) { userErrors { code } } }', { i: { id, version: v + 1, disabled: false } });
  expect((await app.gql('qs-org', '{ viewer { account { username } } }')).status).toBe(200);
});

test('a token verified once is still refused once it expires (verified tokens are remembered only until exp)', async () => {
  const exp = Math.floor(Date.now() / 1000) + 30;
  const token = await hs256({}, { sub: 'qs-org', exp });
  expect((await asToken(token)).status).toBe(200);
  expect((await asToken(token)).status).toBe(200); // answered from the remembered verification
  // the clock (Date only: timers, I/O and the database run as usual) moves past the token's exp
  jest.useFakeTimers({ now: exp * 1000 + 1000, doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
  try {
    const late = await asToken(token);
    expect(late.status).toBe(401);
    expect(late.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  } finally {
    jest.useRealTimers();
  }
  // a token of the same account that is still valid works: only the expired text was refused
  expect((await asToken(await hs256({}, { sub: 'qs-org', exp: '1h' }))).status).toBe(200);
});

test('no token: UNAUTHENTICATED on every protected root field, but __typename answers', async () => {
  expect((await app.gql(null, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
  const r = await app.gql(null, '{ viewer { account { username } } }');
  expect(codes(r)).toEqual(['UNAUTHENTICATED']);
});

describe('RS256 against a JWKS URL', () => {
  let jwksServer: http.Server;
  let rsApp: TestApp;
  let privateKey: Parameters<InstanceType<typeof import("jose", { with: { "resolution-mode": "import" } }).SignJWT>["sign"]>[0];
  beforeAll(async () => {
    const j = await jose();
    const pair = await j.generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    const jwk = { ...(await j.exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwksServer = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
    const port = (jwksServer.address() as any).port;
    rsApp = await startTestApp({ env: { JWT_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`, JWT_SECRET: '' } });
  });
  afterAll(async () => {
    await rsApp?.stop();
    jwksServer?.close();
  });

  const send = async (token: string) => {
    const res = await fetch(rsApp.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ viewer { account { username } } }' }) });
    return { status: res.status, body: (await res.json()) as any };
  };

  test('an RS256 token from the key set is accepted', async () => {
    const j = await jose();
    const t = await new j.SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('qs-party').setIssuer('lianzheng').setAudience('lianzheng-api').setExpirationTime('5m').sign(privateKey);
    const r = await send(t);
    expect(r.body.data.viewer.account.username).toBe('qs-party');
  });

  test('HS256 is refused when RS256 is configured, and so is an unknown key id', async () => {
    expect((await send(await hs256({}, { sub: 'qs-party', exp: '1h' }))).status).toBe(401);
    const j = await jose();
    const other = (await j.generateKeyPair('RS256')).privateKey;
    const t = await new j.SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'unknown' }).setSubject('qs-party').setIssuer('lianzheng').setAudience('lianzheng-api').setExpirationTime('5m').sign(other);
    expect((await send(t)).status).toBe(401);
  });
});
