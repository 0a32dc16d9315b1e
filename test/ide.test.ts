import 'reflect-metadata';
import http from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from './support/app';
import { createIde, prefersHtml } from '../src/http/ide';
import { loadConfig } from '../src/config';
import { DEMO_ACCOUNTS } from '../src/seed/demo';
import { buildAppSchema } from '../src/schema';

/**
 * The in-browser IDE: GraphiQL bundled from npm at build time (dist/ide), served at GET /graphql to
 * a browser outside production, with a picker of the demo accounts in development; driven here in
 * Debian's headless Chromium through playwright-core.
 */

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(__dirname, 'artifacts');

beforeAll(() => {
  // the same step `npm start` and .ci/run take; a no-op when dist/ide is current
  execFileSync(process.execPath, ['scripts/build-ide.mjs'], { stdio: 'inherit', timeout: 300_000 });
}, 320_000);

describe('serving the page', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.stop());

  test('a browser GET on /graphql gets the bundled page, whose every script and style is served from this server', async () => {
    const r = await fetch(app.url, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(r.headers.get('content-security-policy')).toMatch(/connect-src 'self'/);
    const html = await r.text();
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => !u.startsWith('data:'));
    expect(refs.length).toBeGreaterThanOrEqual(2);
    for (const ref of refs) {
      expect(ref).toMatch(/^\/graphql\/ide\/assets\//);
      const asset = await fetch(new URL(ref, app.url));
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/^(text\/javascript|text\/css)/);
      expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    }
  });

  test('API clients are not affected: JSON GETs and POSTs on /graphql still reach GraphQL', async () => {
    const get = await fetch(`${app.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(get.headers.get('content-type')).toMatch(/json/);
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    // fetch's default Accept (*/*) is not a browser asking for a page
    const star = await fetch(`${app.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(star.headers.get('content-type')).toMatch(/json/);
    const post = await app.gql('qs-party', '{ viewer { account { username } } }');
    expect(post.body.data.viewer.account.username).toBe('qs-party');
  });

  test('assets: only hashed files under assets/, no dot files, no path traversal', async () => {
    // raw paths: fetch would normalise the dot segments away
    const rawStatus = (p: string) =>
      new Promise<number>((resolve, reject) => {
        const { hostname, port } = new URL(app.url);
        http.get({ hostname, port, path: p }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject);
      });
    for (const p of ['/graphql/ide/.build-stamp.json', '/graphql/ide/.bundled-packages.json', '/graphql/ide/assets/../.build-stamp.json', '/graphql/ide/assets/../../../package.json', '/graphql/ide/assets/%2e%2e%2f.build-stamp.json', '/graphql/ide/assets/..%2f..%2f..%2fpackage.json', '/graphql/ide/assets/nope.js', '/graphql/ide/assets/']) {
      expect([p, await rawStatus(p)]).toEqual([p, 404]);
    }
  });

  test('config.json names the endpoint and, with the development secret, the demo accounts', async () => {
    const r = await fetch(new URL('/graphql/ide/config.json', app.url));
    const body = (await r.json()) as { endpoint: string; demoAccounts: { username: string }[] };
    expect(body.endpoint).toBe('/graphql');
    expect(body.demoAccounts.map((a: { username: string }) => a.username)).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
  });

  test('dev-token signs a token for a demo account, which the API accepts; anything else is refused', async () => {
    const r = await fetch(new URL('/graphql/ide/dev-token?account=qs-discipline', app.url));
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const { token } = (await r.json()) as { token: string };
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ viewer { account { username } } }' }) });
    expect(((await res.json()) as { data: { viewer: { account: { username: string } } } }).data.viewer.account.username).toBe('qs-discipline');

    for (const q of ['account=nobody', 'account=', '', 'account=QS-PARTY']) {
      const bad = await fetch(new URL(`/graphql/ide/dev-token?${q}`, app.url));
      expect([q, bad.status]).toEqual([q, 400]);
      expect(JSON.stringify(await bad.json())).not.toMatch(/ey[A-Za-z0-9_-]{10,}\./);
    }
    const post = await fetch(new URL('/graphql/ide/dev-token?account=qs-party', app.url), { method: 'POST' });
    expect(post.status).toBe(405);
  });
});

describe('where the IDE and the token endpoint exist', () => {
  async function serve(env: Record<string, string>) {
    const config = loadConfig({ HOST: '127.0.0.1', DATABASE_URL: 'postgres://127.0.0.1:1/none', ...env });
    const ide = createIde(config);
    const server = http.createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (ide && (await ide.handle(req, res, url))) return;
      res.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { ide, base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  test('production: no IDE at all', async () => {
    const s = await serve({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(48) });
    try {
      expect(s.ide).toBeNull();
      for (const p of ['/graphql', '/graphql/ide/config.json', '/graphql/ide/dev-token?account=qs-party']) {
        expect((await fetch(s.base + p, { headers: { accept: 'text/html' } })).status).toBe(418);
      }
    } finally {
      await s.close();
    }
  });

  test('development with a real secret: the page, but no demo accounts and no token endpoint', async () => {
    const s = await serve({ NODE_ENV: 'development', JWT_SECRET: 's'.repeat(48) });
    try {
      expect((await fetch(`${s.base}/graphql`, { headers: { accept: 'text/html' } })).status).toBe(200);
      const config = await (await fetch(`${s.base}/graphql/ide/config.json`)).json();
      expect(config).toEqual({ endpoint: '/graphql' });
      expect((await fetch(`${s.base}/graphql/ide/dev-token?account=qs-party`)).status).toBe(404);
    } finally {
      await s.close();
    }
  });

  test('development and test with the default secret: tokens for demo accounts', async () => {
    for (const NODE_ENV of ['development', 'test']) {
      const s = await serve({ NODE_ENV });
      try {
        const r = await fetch(`${s.base}/graphql/ide/dev-token?account=qs-party`);
        expect([NODE_ENV, r.status]).toEqual([NODE_ENV, 200]);
      } finally {
        await s.close();
      }
    }
  });

  test('a browser is told apart from an API client by its Accept header', () => {
    expect(prefersHtml('text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8')).toBe(true);
    expect(prefersHtml('text/html')).toBe(true);
    expect(prefersHtml(undefined)).toBe(false);
    expect(prefersHtml('*/*')).toBe(false);
    expect(prefersHtml('application/json')).toBe(false);
    expect(prefersHtml('application/graphql-response+json, application/json;q=0.9')).toBe(false);
    expect(prefersHtml('application/json, text/html')).toBe(false);
    expect(prefersHtml('text/html;q=0.5, application/json')).toBe(false);
    expect(prefersHtml('text/html;q=0, */*')).toBe(false);
  });
});

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) {
  console.warn(`test/ide.test.ts: ${CHROMIUM} is missing, the browser test is skipped (apt-get install -y chromium)`);
}

describe('in headless Chromium', () => {
  if (!haveChromium) {
    if (process.env.CI) {
      test('Chromium is installed', () => {
        throw new Error(`${CHROMIUM} is missing: .ci/run installs it with apt-get install -y chromium`);
      });
    } else {
      test.skip(`SKIPPED: ${CHROMIUM} is missing (apt-get install -y chromium)`, () => undefined);
    }
    return;
  }

  let app: TestApp;
  let userDataDir: string;
  beforeAll(async () => {
    app = await startTestApp();
    userDataDir = mkdtempSync(path.join(os.tmpdir(), 'lz-chromium-'));
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await app?.stop();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  test('pick qs-discipline: the identity number; pick qs-party: the masked one; nothing leaves for another host', async () => {
    // the values the API gives each role, to compare with what the page shows
    const officialId = await app.gid('Official', "select id from official where identity_number is not null and unit_path = (select path from unit where code = 'QS') order by id limit 1");
    const query = `query Official {\n  official(id: "${officialId}") {\n    name\n    post\n    identityNumber\n  }\n}\n`;
    const full = (await app.gql('qs-discipline', query)).body.data.official;
    const masked = (await app.gql('qs-party', query)).body.data.official;
    expect(full.identityNumber).toMatch(/^\d{17}[\dX]$/);
    expect(masked.identityNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(masked.identityNumber).not.toBe(full.identityNumber);

    const { chromium } = await import('playwright-core');
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1440, height: 900 },
    });
    const requests: string[] = [];
    const problems: string[] = [];
    context.on('request', (r) => void requests.push(r.url()));
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
      });
      page.on('pageerror', (e) => void problems.push(`page error: ${e.message}`));
      page.on('worker', (w) => void requests.push(w.url()));

      await page.goto(`${app.url}?query=${encodeURIComponent(query)}`);
      const picker = page.getByTestId('demo-account');
      await picker.waitFor({ timeout: 30_000 });
      await page.locator('.graphiql-query-editor .view-lines').filter({ hasText: officialId }).waitFor({ timeout: 30_000 });

      const run = async (account: string, expected: string) => {
        await picker.selectOption(account);
        await page.getByTestId('demo-account-status').filter({ hasText: account }).waitFor();
        // the token is in the header editor, where a developer sees and may edit it
        expect((await page.locator('.graphiql-editor-tool').innerText()).replace(/\u00a0/g, ' ')).toMatch(/"Authorization": "Bearer ey/);
        const answered = page.waitForResponse((r) => r.url() === app.url && r.request().method() === 'POST' && (r.request().postData() ?? '').includes(officialId));
        await page.locator('.graphiql-execute-button').click();
        const body = await (await answered).json();
        expect(body.data.official.identityNumber).toBe(expected);
        await page.waitForFunction((s) => ((globalThis as unknown as { document: { querySelector(q: string): { textContent: string | null } | null } }).document.querySelector('.graphiql-response')?.textContent ?? '').includes(s), expected, { timeout: 15_000 });
        return (await page.locator('.graphiql-response').textContent()) ?? '';
      };

      const asDiscipline = await run('qs-discipline', full.identityNumber);
      expect(asDiscipline).toContain(full.name);
      await page.screenshot({ path: path.join(ARTIFACTS, 'ide-qs-discipline.png') });

      const asParty = await run('qs-party', masked.identityNumber);
      expect(asParty).not.toContain(full.identityNumber);
      await page.screenshot({ path: path.join(ARTIFACTS, 'ide-qs-party.png') });

      // the schema was introspected and the docs explorer reads it, descriptions in Chinese first
      await page.locator('[aria-label="Show Documentation Explorer"]').click();
      const docs = page.locator('.graphiql-doc-explorer');
      await docs.getByText('Query', { exact: true }).first().click({ timeout: 15_000 });
      await docs.getByText('viewer', { exact: true }).first().waitFor({ timeout: 15_000 });
      await docs.getByText('viewer', { exact: true }).first().click();
      const described = (await buildAppSchema()).schema.getQueryType()!.getFields().viewer.description!;
      await docs.getByText(described.slice(0, 8)).first().waitFor({ timeout: 15_000 });
      await page.screenshot({ path: path.join(ARTIFACTS, 'ide-docs.png') });
    } finally {
      await context.close();
    }

    const origin = new URL(app.url).origin;
    const elsewhere = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(requests.length).toBeGreaterThan(3);
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);
});
