import Redis from 'ioredis';
import type { Logger } from 'pino';
import { MemoryPubSub, setPubSub, type AppPubSub } from '../common/pubsub';

const CHANNEL_PREFIX = 'lianzheng:';

/**
 * Subscription events across API instances over Redis pub/sub: an event published by one
 * instance reaches the subscribers of every instance. Each instance relays Redis messages into
 * its own in-memory pub/sub. When Redis goes away, queries keep working; subscriptions get no
 * events from other instances until it is back (logged), and ioredis reconnects by itself.
 * Payloads carry ids and non-sensitive titles only.
 */
export class RedisPubSub implements AppPubSub {
  private readonly local = new MemoryPubSub();
  private readonly topics = new Set<string>();

  constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
  ) {
    this.sub.on('message', (channel: string, message: string) => {
      if (!channel.startsWith(CHANNEL_PREFIX)) return;
      try {
        this.local.publish(channel.slice(CHANNEL_PREFIX.length), JSON.parse(message));
      } catch {
        /* not ours */
      }
    });
  }

  publish(topic: string, payload: unknown): void {
    void this.pub.publish(CHANNEL_PREFIX + topic, JSON.stringify(payload)).catch(() => undefined);
  }

  subscribe(topic: string): AsyncIterable<unknown> {
    if (!this.topics.has(topic)) {
      this.topics.add(topic);
      void this.sub.subscribe(CHANNEL_PREFIX + topic).catch(() => undefined);
    }
    return this.local.subscribe(topic);
  }
}

/** REDIS_URL set: Redis pub/sub across instances; unset: in memory (one instance). */
export async function installSharedPubSub(redisUrl: string | undefined, log: Logger): Promise<{ close(): Promise<void> }> {
  if (!redisUrl) return { close: async () => undefined };
  const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true };
  const pub = new Redis(redisUrl, options);
  const sub = new Redis(redisUrl, { ...options, enableOfflineQueue: true });
  for (const [name, c] of [['publisher', pub], ['subscriber', sub]] as const) {
    c.on('error', (e) => log.error({ redis: name, error: e.message }, 'redis unavailable: subscription events from other instances are paused'));
  }
  await Promise.all([pub.connect(), sub.connect()]);
  setPubSub(new RedisPubSub(pub, sub));
  log.info('subscription events fan out over Redis');
  return {
    async close() {
      pub.disconnect();
      sub.disconnect();
    },
  };
}
