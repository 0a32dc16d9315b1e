/**
 * The Node.js flags the service runs with: package.json's `start` script, docker/Dockerfile's
 * CMD and the benchmark's API process pass them (test/ops.test.ts checks that they agree).
 *
 * --max-semi-space-size=32: a young generation of two 32 MB halves instead of 16 MB. A nested
 * page allocates ~5 MB while it is answered; with ten pages in flight the default young
 * generation was scavenged while most of its objects were still in use, so they were copied and
 * promoted to the old generation, to be collected there later at greater cost. Measured
 * (docs/performance.md): ~7 % less CPU per nested page at 10 and 50 connections with the same
 * peak RSS; 64 MB gained nothing more and added 60 MB of RSS.
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
