import { performance } from 'node:perf_hooks';
import type { DomainEvent, StreamEvents } from '@oxyledger/domain';
import type { Actor, AppendRequest, EventToAppend } from '@oxyledger/event-store';
import type { SeededRandom } from '../seeded-random';

interface PendingStream {
  expectedRevision: number | undefined;
  events: EventToAppend[];
}

/**
 * The generator's way to the ledger: the decisions of many commands gathered per stream and
 * written in large multi-stream appends, each checked against the revisions the generator's
 * in-memory state was built from (so a wrong model fails loudly rather than writing nonsense).
 * Events carry the metadata `LedgerStore.append` gives a command's events; ids come from the
 * seeded generator, so the same seed writes the same ledger.
 */
export class BulkLedgerWriter {
  private readonly revisions = new Map<string, number>();
  private pending = new Map<string, PendingStream>();
  private pendingEvents = 0;
  private inFlight: Promise<void> = Promise.resolve();
  written = 0;
  /** Time the appends took, for the report: the rest is deciding. */
  appendMs = 0;

  constructor(
    private readonly append: (requests: AppendRequest[]) => Promise<unknown>,
    private readonly random: SeededRandom,
    private readonly eventsPerAppend = 4_000,
  ) {}

  /** Queues one command's decision, as one atomic append of its streams would record it. */
  async record(
    streams: readonly StreamEvents[],
    context: { actor: Actor; at: string; correlationId?: string },
  ): Promise<void> {
    const correlationId = context.correlationId ?? this.uuid();
    for (const { streamName, events } of streams) {
      if (events.length === 0) continue;
      let pending = this.pending.get(streamName);
      if (!pending) {
        pending = { expectedRevision: this.revisions.get(streamName), events: [] };
        this.pending.set(streamName, pending);
      }
      for (const event of events) pending.events.push(this.toAppend(event, context, correlationId));
      this.revisions.set(streamName, (this.revisions.get(streamName) ?? -1) + events.length);
      this.pendingEvents += events.length;
    }
    if (this.pendingEvents >= this.eventsPerAppend) await this.flush();
  }

  /** Starts writing what is queued; the next flush waits for it (one append in flight). */
  async flush(): Promise<void> {
    await this.inFlight;
    if (this.pendingEvents === 0) return;
    const batch = this.pending;
    const count = this.pendingEvents;
    this.pending = new Map();
    this.pendingEvents = 0;
    const started = performance.now();
    this.inFlight = this.append(
      [...batch].map(([streamName, { expectedRevision, events }]) => ({
        streamName,
        events,
        expectedRevision: expectedRevision === undefined ? 'no_stream' : expectedRevision,
      })),
    ).then(() => {
      this.appendMs += performance.now() - started;
      this.written += count;
    });
  }

  async close(): Promise<void> {
    await this.flush();
    await this.inFlight;
  }

  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.random.int(16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  private toAppend(
    event: DomainEvent,
    context: { actor: Actor; at: string },
    correlationId: string,
  ): EventToAppend {
    return {
      id: this.uuid(),
      type: event.type,
      data: event.data,
      metadata: {
        schemaVersion: event.version,
        occurredAt: context.at,
        correlationId,
        causationId: correlationId,
        actor: { ...context.actor },
      },
    };
  }
}
