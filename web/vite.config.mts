import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * The GraphiQL page, bundled at build time from npm packages: the server serves dist/ide/ at
 * /graphql/ide/ and its index.html at GET /graphql. Everything the page loads (scripts, styles,
 * fonts, Monaco's workers) is emitted here, so it makes no request to another host.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/ide', import.meta.url));

/**
 * Records which installed packages (and their versions) went into the bundle, workers included,
 * so that scripts/build-ide.mjs rebuilds only when one of them, or web/, changed.
 */
function bundledPackages(seen: Set<string>, write: boolean): Plugin {
  return {
    name: 'lz-bundled-packages',
    transform(_code, id) {
      const m = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(id.replace(/\?.*$/, ''));
      if (m) seen.add(m[1]);
    },
    closeBundle() {
      if (!write) return;
      const versions: Record<string, string> = {};
      for (const dir of [...seen].sort()) {
        try {
          versions[path.relative(path.dirname(root), dir)] = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
        } catch {
          // a folder inside a package without its own package.json: the package itself is listed
        }
      }
      mkdirSync(outDir, { recursive: true });
      writeFileSync(path.join(outDir, '.bundled-packages.json'), `${JSON.stringify(versions, null, 1)}\n`);
    },
  };
}

const seen = new Set<string>();

export default defineConfig({
  root,
  base: '/graphql/ide/',
  logLevel: 'warn',
  publicDir: false,
  esbuild: { jsx: 'automatic' },
  plugins: [bundledPackages(seen, true)],
  worker: { format: 'es', plugins: () => [bundledPackages(seen, false)] },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Monaco is large by nature; the page is a development tool served from this machine
    chunkSizeWarningLimit: 6000,
    assetsInlineLimit: 0,
    rollupOptions: {
      onwarn(warning, warn) {
        // React's "use client" markers mean nothing in a client-only bundle
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
