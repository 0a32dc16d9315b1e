import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs (pino), one line per request and per notable event. What may be logged
 * is decided here and at each call site: ids, names of operations and fields, durations and
 * outcomes. Never a token, key, reporter field, identity number, phone or case fact: request
 * bodies, variables and responses are never logged, and errors are logged by message and stack,
 * whose texts come from code, not from data.
 */
export function createLogger(opts: { level?: string; destination?: string } = {}): Logger {
  const level = opts.level ?? 'info';
  const base = { service: 'lianzheng' };
  // never log these, even if a caller passes them by mistake
  const redact = { paths: ['authorization', 'token', 'headers.authorization', '*.authorization', 'apiKey', 'variables', 'body', 'query'], censor: '[redacted]' };
  if (opts.destination) return pino({ level, base, redact }, pino.destination({ dest: opts.destination, sync: true, mkdir: true }));
  return pino({ level, base, redact });
}

let current: Logger = createLogger({ level: process.env.LOG_LEVEL || 'info', destination: process.env.LOG_FILE || undefined });

export function logger(): Logger {
  return current;
}

export function setLogger(l: Logger): void {
  current = l;
}
