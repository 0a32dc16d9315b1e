import type http from 'node:http';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import { DEV_JWT_SECRET, type Config } from '../config';
import { signDevToken } from '../auth/tokens';
import { DEMO_ACCOUNTS } from '../seed/demo';

const gzip = promisify(gzipCb);

/** Where the page and its assets are served; the page itself also answers GET /graphql from a browser. */
export const IDE_ENDPOINT = '/graphql';
export const IDE_BASE = '/graphql/ide/';
const DEV_TOKEN_PATH = `${IDE_BASE}dev-token`;
const DEV_TOKEN_TTL = '1h';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The page may load and connect to this origin only: a request to any other host is refused by
 * the browser itself. Monaco sets inline styles, hence 'unsafe-inline' for styles (not scripts).
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
    "connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** The folder holding package.json: src/http (ts) and dist/src/http (compiled) both lead to it. */
function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

interface Preference {
  q: number;
  specificity: number;
  order: number;
}

/** How much an Accept header wants a media type: the best of the ranges that match it (RFC 9110 §12.5.1). */
function preference(accept: string, type: string): Preference | null {
  const [wantType, wantSub] = type.split('/');
  let best: Preference | null = null;
  accept.split(',').forEach((part, order) => {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    const [t, s] = range.trim().split('/');
    const specificity = t === wantType && s === wantSub ? 2 : t === wantType && s === '*' ? 1 : t === '*' && s === '*' ? 0 : -1;
    if (specificity < 0) return;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q)) return;
    if (!best || specificity > best.specificity || (specificity === best.specificity && order < best.order)) best = { q, specificity, order };
  });
  return best;
}

/**
 * Whether a GET prefers HTML to JSON (a browser's address bar), decided as Apollo decides for its
 * landing page: by quality, then specificity, then order in the header; a tie (e.g. "*\/*") is JSON.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const html = preference(accept, 'text/html');
  if (!html || html.q <= 0) return false;
  for (const other of ['application/json', 'application/graphql-response+json']) {
    const p = preference(accept, other);
    if (!p || p.q <= 0) continue;
    if (p.q > html.q) return false;
    if (p.q === html.q && (p.specificity > html.specificity || (p.specificity === html.specificity && p.order <= html.order))) return false;
  }
  return true;
}

export interface IdeHandler {
  /** Answers the request and returns true when it is the IDE's; otherwise returns false and touches nothing. */
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean>;
}

/**
 * GraphiQL, bundled at build time into dist/ide/ (`npm run build:ide`), served outside production:
 * GET /graphql from a browser answers the page, /graphql/ide/* its assets and its configuration.
 * In development and test with the development JWT secret, /graphql/ide/dev-token?account=<demo
 * account> signs a fresh token for one of the demo accounts (the secret is public anyway, in the
 * source); otherwise that path does not exist. In production there is no IDE: null.
 */
export function createIde(config: Config, dir = path.join(projectRoot(), 'dist', 'ide')): IdeHandler | null {
  if (config.production) return null;
  const devTokens = (config.nodeEnv === 'development' || config.nodeEnv === 'test') && !config.jwt.jwksUrl && config.jwt.secret === DEV_JWT_SECRET;
  const demo = new Map(DEMO_ACCOUNTS.map((a) => [a.username, a]));
  const cache = new Map<string, { raw: Buffer; gz: Buffer | null }>();

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(JSON.stringify(body));
  };

  async function file(rel: string): Promise<{ raw: Buffer; gz: Buffer | null } | null> {
    const full = path.resolve(dir, rel);
    if (!full.startsWith(dir + path.sep)) return null;
    const hit = cache.get(full);
    if (hit) return hit;
    let raw: Buffer;
    try {
      raw = await fs.readFile(full);
    } catch {
      return null;
    }
    const entry = { raw, gz: raw.length > 1024 && !/\.(png|woff2?)$/.test(full) ? await gzip(raw) : null };
    // index.html changes with each build; hashed assets never do
    if (rel !== 'index.html') cache.set(full, entry);
    return entry;
  }

  async function send(req: http.IncomingMessage, res: http.ServerResponse, rel: string, headers: Record<string, string>): Promise<boolean> {
    const f = await file(rel);
    if (!f) return false;
    const useGz = f.gz !== null && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = useGz ? f.gz! : f.raw;
    res.writeHead(200, {
      'content-type': TYPES[path.extname(rel)] ?? 'application/octet-stream',
      'content-length': String(body.length),
      vary: 'accept-encoding',
      ...(useGz ? { 'content-encoding': 'gzip' } : {}),
      ...headers,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }

  async function page(req: http.IncomingMessage, res: http.ServerResponse) {
    if (await send(req, res, 'index.html', { ...PAGE_HEADERS, 'cache-control': 'no-cache' })) return;
    res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...PAGE_HEADERS });
    res.end('<!doctype html><meta charset="utf-8"><title>GraphQL IDE</title><p>The GraphQL IDE has not been built: run <code>npm run build:ide</code> (or <code>npm start</code>, which builds it).</p>');
  }

  return {
    async handle(req, res, url) {
      const get = req.method === 'GET' || req.method === 'HEAD';
      if (url.pathname === IDE_ENDPOINT) {
        if (!get || !prefersHtml(req.headers.accept)) return false;
        await page(req, res);
        return true;
      }
      if (!url.pathname.startsWith(IDE_BASE)) return false;
      if (!get) {
        json(res, 405, { error: 'method not allowed' });
        return true;
      }
      const rel = url.pathname.slice(IDE_BASE.length);
      if (rel === '' || rel === 'index.html') {
        await page(req, res);
        return true;
      }
      if (url.pathname === `${IDE_BASE}config.json`) {
        json(res, 200, {
          endpoint: IDE_ENDPOINT,
          ...(devTokens
            ? { devTokenUrl: DEV_TOKEN_PATH, demoAccounts: DEMO_ACCOUNTS.map((a) => ({ username: a.username, displayName: a.displayName, role: a.role })) }
            : {}),
        });
        return true;
      }
      if (url.pathname === DEV_TOKEN_PATH) {
        if (!devTokens) {
          json(res, 404, { error: 'not found' });
          return true;
        }
        const account = url.searchParams.get('account') ?? '';
        if (!demo.has(account)) {
          json(res, 400, { error: 'account must be one of the demo accounts', accounts: [...demo.keys()] });
          return true;
        }
        json(res, 200, { account, token: await signDevToken(config, account, DEV_TOKEN_TTL), expiresIn: DEV_TOKEN_TTL });
        return true;
      }
      // hashed, immutable assets only: no dot files, no folders other than assets/
      let decoded: string;
      try {
        decoded = decodeURIComponent(rel);
      } catch {
        decoded = '';
      }
      const ok = /^assets\/[\w.-]+$/.test(decoded) && !decoded.includes('..');
      if (!ok || !(await send(req, res, decoded, { 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' }))) {
        json(res, 404, { error: 'not found' });
      }
      return true;
    },
  };
}
