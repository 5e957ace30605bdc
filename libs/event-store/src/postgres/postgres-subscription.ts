import type { Position, RecordedEvent, Subscription } from '../event-store.port';
import type { LedgerWakeUp } from './postgres-wake-up';

interface Page {
  events: RecordedEvent[];
  lastScanned?: Position;
  reachedEnd: boolean;
}

export interface PollingSubscriptionOptions {
  after: Position | 'start';
  batchSize: number;
  pollIntervalMs: number;
  readPage: (after: Position | 'start', limit: number) => Promise<Page>;
  eventsHeldBack: (after: Position | 'start') => Promise<boolean>;
  handle: (events: RecordedEvent[]) => Promise<void>;
  onError?: (error: unknown) => void;
  wakeUp: LedgerWakeUp;
}

/** Events held back by an open transaction: look again after 2 ms, 4 ms, … up to a poll. */
const FIRST_HELD_BACK_DELAY_MS = 2;

/**
 * Catch-up then live, with one loop: read the next page after the checkpoint, hand it to the
 * handler, move the checkpoint; when the log is exhausted, sleep until woken by a commit or
 * until the poll interval passes. Catch-up reads full pages back to back; live reads see small
 * ones.
 */
export class PollingSubscription implements Subscription {
  readonly done: Promise<void>;
  private stopped = false;
  private wake?: () => void;
  private woken = false;

  constructor(private readonly options: PollingSubscriptionOptions) {
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeNow();
    await this.done;
  }

  private wakeNow(): void {
    this.woken = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    let after = this.options.after;
    let heldBackDelayMs = FIRST_HELD_BACK_DELAY_MS;
    // During catch-up, the next page is read while the handler works on this one.
    let next: Promise<Page> | undefined;
    const unregister = await this.options.wakeUp.onWake(() => this.wakeNow());
    try {
      while (!this.stopped) {
        this.woken = false;
        const page = await (next ?? this.options.readPage(after, this.options.batchSize));
        next = undefined;
        if (this.stopped) break;
        if (page.lastScanned) after = page.lastScanned;
        if (!page.reachedEnd) {
          next = this.options.readPage(after, this.options.batchSize);
          next.catch(() => undefined); // awaited next round, or dropped with the subscription
        }
        if (page.events.length) await this.options.handle(page.events);
        if (!page.reachedEnd || this.woken) {
          heldBackDelayMs = FIRST_HELD_BACK_DELAY_MS;
        } else if (await this.options.eventsHeldBack(after)) {
          await this.sleep(heldBackDelayMs);
          heldBackDelayMs = Math.min(heldBackDelayMs * 2, this.options.pollIntervalMs);
        } else {
          heldBackDelayMs = FIRST_HELD_BACK_DELAY_MS;
          await this.sleep(this.options.pollIntervalMs);
        }
      }
    } catch (error) {
      this.stopped = true;
      this.options.onError?.(error);
    } finally {
      // a read still under way must not outlive the subscription (its pool may be closing)
      await next?.catch(() => undefined);
      unregister();
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.options.wakeUp.keepListening();
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
