import { EventEmitter } from 'node:events';

/**
 * Publish/subscribe for subscription events. In memory within one process; the Redis-backed
 * implementation (several API instances) has the same shape.
 */
export interface AppPubSub {
  publish(topic: string, payload: unknown): void;
  subscribe(topic: string): AsyncIterable<unknown>;
}

export class MemoryPubSub implements AppPubSub {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(topic: string, payload: unknown): void {
    this.emitter.emit(topic, payload);
  }

  subscribe(topic: string): AsyncIterable<unknown> {
    const emitter = this.emitter;
    return {
      [Symbol.asyncIterator]() {
        const queue: unknown[] = [];
        let wake: ((r: IteratorResult<unknown>) => void) | null = null;
        let done = false;
        const onEvent = (payload: unknown) => {
          if (wake) {
            const w = wake;
            wake = null;
            w({ value: payload, done: false });
          } else if (queue.length < 1000) queue.push(payload);
        };
        emitter.on(topic, onEvent);
        const finish = (): Promise<IteratorResult<unknown>> => {
          done = true;
          emitter.off(topic, onEvent);
          if (wake) wake({ value: undefined, done: true });
          return Promise.resolve({ value: undefined, done: true });
        };
        return {
          next: () => {
            if (done) return Promise.resolve({ value: undefined, done: true });
            if (queue.length) return Promise.resolve({ value: queue.shift(), done: false });
            return new Promise((resolve) => (wake = resolve));
          },
          return: finish,
          throw: (e?: unknown) => {
            void finish();
            return Promise.reject(e);
          },
        };
      },
    };
  }
}

/** The process's pub/sub, replaced at start when a shared one is configured. */
export let pubSub: AppPubSub = new MemoryPubSub();
export function setPubSub(p: AppPubSub): void {
  pubSub = p;
}
