/**
 * How many GraphQL operations execute at once in this process; the others wait their turn in
 * arrival order.
 *
 * Node runs one operation's JavaScript at a time, and the database pool runs `DB_POOL_MAX`
 * statements at a time. Operations started beyond what those two can serve do not finish any
 * sooner: they wait for a connection while holding their half-built answers in memory, so under
 * a burst the heap (and the garbage collector's work) grows with the number of open requests
 * rather than with the work being done. Admitting a bounded number and queueing the rest keeps
 * memory proportional to the limit and serves requests first come, first served.
 *
 * A request that waits longer than the request timeout leaves the queue without running; a
 * request that finds the queue full is refused at once (503, SERVER_BUSY, Retry-After).
 */
export class ExecutionGate {
  private running = 0;
  private readonly queue: Waiter[] = [];
  private head = 0;
  private abandonedInQueue = 0;

  constructor(
    readonly maxConcurrent: number,
    readonly maxQueued: number,
  ) {}

  /** Operations executing now. */
  get active(): number {
    return this.running;
  }

  /** Operations waiting for a turn. */
  get waiting(): number {
    return this.queue.length - this.head - this.abandonedInQueue;
  }

  /**
   * A turn: resolves to a `release` function once the operation may run, or to null when the
   * queue is full. `abandon` (e.g. the request timed out) takes a waiting request out of the queue.
   */
  enter(): { turn: Promise<(() => void) | null>; abandon: () => void } {
    if (this.running < this.maxConcurrent && this.waiting === 0) {
      this.running++;
      return { turn: Promise.resolve(this.releaser()), abandon: () => undefined };
    }
    if (this.waiting >= this.maxQueued) return { turn: Promise.resolve(null), abandon: () => undefined };
    const waiter: Waiter = { admit: () => undefined, state: 'waiting' };
    const turn = new Promise<(() => void) | null>((resolve) => {
      waiter.admit = resolve;
    });
    this.queue.push(waiter);
    return {
      turn,
      abandon: () => {
        if (waiter.state !== 'waiting') return;
        waiter.state = 'abandoned';
        this.abandonedInQueue++;
      },
    };
  }

  /** A release that works once, whatever calls it twice. */
  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.running--;
      this.admitNext();
    };
  }

  private admitNext(): void {
    while (this.running < this.maxConcurrent && this.head < this.queue.length) {
      const next = this.queue[this.head];
      this.queue[this.head++] = undefined as never;
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      if (next.state === 'abandoned') {
        this.abandonedInQueue--;
        continue;
      }
      next.state = 'admitted';
      this.running++;
      next.admit(this.releaser());
    }
  }
}

interface Waiter {
  admit: (release: () => void) => void;
  state: 'waiting' | 'admitted' | 'abandoned';
}
