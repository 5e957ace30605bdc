import type { Position, RecordedEvent, Subscription } from '../event-store.port';

/** What the client's `subscribeToAll` returns (a paused object-mode `Readable`), as used here. */
export interface SubscriptionSource {
  read(): unknown;
  on(
    event: 'readable' | 'end' | 'close' | 'error',
    listener: (...args: unknown[]) => void,
  ): unknown;
  unsubscribe(): Promise<void>;
}

export interface BatchingSubscriptionOptions {
  source: SubscriptionSource;
  after: Position | 'start';
  batchSize: number;
  /** The event to deliver for what the source yields, or `undefined` to pass over it. */
  toEvent: (item: unknown) => RecordedEvent | undefined;
  comparePositions: (a: Position, b: Position) => number;
  handle: (events: RecordedEvent[]) => Promise<void>;
  onError?: (error: unknown) => void;
  /** How long a batch that is not full waits for more events. */
  lingerMs?: number;
}

const DEFAULT_LINGER_MS = 5;

/**
 * Turns the server's push stream into sequential batches: it takes what the stream has buffered
 * (up to `batchSize`), waits a few milliseconds for more while the batch is not full, hands the
 * batch to `handle` and reads nothing more until that settles. While it waits, the stream's
 * buffer fills and backpressure pauses the server. Events at or before the last one delivered
 * are passed over, so each is delivered once and in log order.
 */
export class BatchingSubscription implements Subscription {
  readonly done: Promise<void>;
  private stopped = false;
  private ended = false;
  private failure?: { error: unknown };
  private wake?: () => void;
  private lastPosition?: Position;

  constructor(private readonly options: BatchingSubscriptionOptions) {
    const { source } = options;
    source.on('readable', this.wakeUp);
    source.on('end', this.markEnded);
    source.on('close', this.markEnded);
    // Always listened to: an unheard 'error' event would crash the process.
    source.on('error', (error: unknown) => {
      this.failure ??= { error };
      this.wakeUp();
    });
    this.lastPosition = options.after === 'start' ? undefined : options.after;
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp();
    await this.done;
  }

  private async run(): Promise<void> {
    try {
      for (;;) {
        const batch = await this.nextBatch();
        if (this.stopped) break;
        if (!batch) throw new Error('The server ended the $all subscription');
        await this.options.handle(batch);
      }
    } catch (error) {
      this.stopped = true;
      this.options.onError?.(error);
    } finally {
      this.stopped = true;
      await this.options.source.unsubscribe().catch(() => undefined);
    }
  }

  /** A non-empty batch; `undefined` when the stream ended; empty only once stopped. */
  private async nextBatch(): Promise<RecordedEvent[] | undefined> {
    const batch: RecordedEvent[] = [];
    let deadline: number | undefined;
    for (;;) {
      if (this.stopped) return batch;
      this.takeBuffered(batch);
      if (batch.length >= this.options.batchSize) return batch;
      if (this.failure) {
        // Deliver what arrived before the failure; the next call reports it.
        if (batch.length) return batch;
        throw this.failure.error;
      }
      if (this.ended) return batch.length ? batch : undefined;
      if (batch.length === 0) {
        await this.sleep();
        continue;
      }
      deadline ??= Date.now() + (this.options.lingerMs ?? DEFAULT_LINGER_MS);
      const remaining = deadline - Date.now();
      if (remaining <= 0) return batch;
      await this.sleep(remaining);
    }
  }

  private takeBuffered(batch: RecordedEvent[]): void {
    const { source, toEvent, comparePositions, batchSize } = this.options;
    while (batch.length < batchSize) {
      const item: unknown = source.read();
      if (item === null) return;
      const event = toEvent(item);
      if (!event) continue;
      if (this.lastPosition && comparePositions(event.position, this.lastPosition) <= 0) continue;
      this.lastPosition = event.position;
      batch.push(event);
    }
  }

  /** Until the stream has news (data, end, error), `stop()` is called, or `ms` pass. */
  private sleep(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(this.wakeUp, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private readonly wakeUp = (): void => {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  };

  private readonly markEnded = (): void => {
    this.ended = true;
    this.wakeUp();
  };
}
