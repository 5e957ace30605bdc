import {
  Inject,
  Injectable,
  type MessageEvent,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import {
  EVENT_STORE,
  type EventStore,
  type Position,
  type RecordedEvent,
  type Subscription,
} from '@oxyledger/event-store';
import { type FollowedProjection, PROJECTIONS, projectionsReached } from '@oxyledger/read-models';
import { Observable, type Subscriber } from 'rxjs';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { readScopeOf } from '../access/authorization';
import { isVisibleTo, liveChangeOf } from './live-change';

export const HEARTBEAT_MS = 15_000;
/** How long a change waits for the read models to apply it before it is sent anyway. */
const WAIT_FOR_PROJECTIONS_MS = 5_000;

/** The read models and what each follows, so a change waits for its own. */
const FOLLOWED: FollowedProjection[] = PROJECTIONS.map((create) => create()).map(
  ({ name, filter }) => ({ name, filter }),
);

/**
 * One ledger subscription per connected page, from the position the page last saw
 * (`Last-Event-ID`) or from where the read models are now. Each change is sent once the read
 * models have applied it, so the page's refetch sees it, with the ledger position as its id.
 */
@Injectable()
export class LiveEventsService implements BeforeApplicationShutdown {
  /** Open streams: ended on shutdown, or the HTTP server would wait for them forever. */
  private readonly open = new Set<Subscriber<MessageEvent>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  /** Throws when `position` is not one of this store's positions. */
  checkPosition(position: string): Position {
    this.store.comparePositions(position as Position, position as Position);
    return position as Position;
  }

  stream(actor: Actor, lastEventId?: Position): Observable<MessageEvent> {
    const scope = readScopeOf(actor);
    return new Observable<MessageEvent>((subscriber) => {
      let subscription: Subscription | undefined;
      let stopped = false;
      this.open.add(subscriber);
      // The first bytes commit the response's headers, so the page knows it is connected. A
      // comment only: any other message without an id would get a counter as its id from Nest,
      // which is no ledger position to resume from.
      subscriber.next({ comment: 'connected' } as MessageEvent);
      const heartbeat = setInterval(
        () => subscriber.next({ comment: 'heartbeat' } as MessageEvent),
        HEARTBEAT_MS,
      );
      const handle = async (events: RecordedEvent[]) => {
        await projectionsReached(this.store, this.dataSource, FOLLOWED, events, {
          timeoutMs: WAIT_FOR_PROJECTIONS_MS,
          onTimeout: 'return',
          pollMs: 25,
        });
        const driverTrips =
          scope.kind === 'driver' ? await this.tripsOf(scope.driverUserId) : undefined;
        for (const event of events) {
          const change = liveChangeOf(event);
          if (stopped) return;
          if (change && isVisibleTo(scope, change, driverTrips)) {
            subscriber.next({ id: event.position, type: 'change', data: change });
          }
        }
      };
      void (async () => {
        const after = lastEventId ?? (await this.currentPosition());
        if (stopped) return;
        subscription = this.store.subscribeToAll({
          after,
          batchSize: 200,
          handle,
          onError: (error) => subscriber.error(error),
        });
      })().catch((error: unknown) => subscriber.error(error));
      return () => {
        this.open.delete(subscriber);
        stopped = true;
        clearInterval(heartbeat);
        void subscription?.stop();
      };
    });
  }

  /**
   * Ends every open stream before the HTTP server closes (it waits for open connections); the
   * page reconnects, with its Last-Event-ID, to another api.
   */
  beforeApplicationShutdown(): void {
    for (const subscriber of [...this.open]) subscriber.complete();
  }

  /** Where the read models are: the furthest checkpoint, or the start of an empty ledger. */
  private async currentPosition(): Promise<Position | 'start'> {
    const rows = (await this.dataSource.query(
      'SELECT position FROM app.projection_checkpoints WHERE position IS NOT NULL',
    )) as { position: Position }[];
    return rows.reduce<Position | 'start'>(
      (furthest, row) =>
        furthest === 'start' || this.store.comparePositions(row.position, furthest) > 0
          ? row.position
          : furthest,
      'start',
    );
  }

  private async tripsOf(driverUserId: string): Promise<Set<string>> {
    const rows = (await this.dataSource.query(
      'SELECT trip_id FROM app.trips WHERE driver_id = $1',
      [driverUserId],
    )) as { trip_id: string }[];
    return new Set(rows.map((row) => row.trip_id));
  }
}
