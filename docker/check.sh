#!/usr/bin/env bash
# No Docker engine runs on the build machines: check what can be checked without one.
# 1. The Dockerfile's build steps, run here the same way (npm ci, npm run build, prune).
# 2. The runtime stage runs as a non-root user and starts the compiled entry point.
set -euo pipefail
cd "$(dirname "$0")/.."
grep -q '^USER lianzheng' docker/Dockerfile || { echo "docker/Dockerfile: the runtime must run as a non-root user"; exit 1; }
grep -q 'CMD \["node", "dist/src/main.js"\]' docker/Dockerfile || { echo "docker/Dockerfile: unexpected entry point"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r package.json package-lock.json tsconfig.json tsconfig.build.json src migrations "$tmp"/
( cd "$tmp" && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent && npm prune --omit=dev --loglevel=error && test -f dist/src/main.js )
# the entry point refuses to start in production with development defaults
if ( cd "$tmp" && NODE_ENV=production node dist/src/main.js ) >/dev/null 2>&1; then
  echo "production start without JWT_SECRET and DATABASE_URL should have been refused"; exit 1
fi
echo "docker/check.sh: build steps ok, non-root runtime, production refuses dev defaults"
