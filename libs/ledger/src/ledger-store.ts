import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@oxyledger/config';
import {
  cylinderStreamName,
  type CylinderState,
  type DomainEvent,
  evolveCylinder,
  evolveTrip,
  evolveVehicleBooking,
  fromStoredEvent,
  initialCylinderState,
  initialTripState,
  initialVehicleBookingState,
  isCylinderEvent,
  isTripEvent,
  isVehicleBookingEvent,
  type StreamEvents,
  tripStreamName,
  type TripState,
  vehicleBookingStreamName,
} from '@oxyledger/domain';
import {
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
  WrongExpectedVersionError,
} from '@oxyledger/event-store';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from './command-context';

/** Revisions read with the states, so the append can check nothing moved in between. */
export type ReadRevisions = Map<string, number | undefined>;

export interface LoadedCylinders {
  states: Map<string, CylinderState>;
  revisions: ReadRevisions;
}

/** Tried again against fresh state this many times when another command wrote first. */
const CONCURRENCY_ATTEMPTS = 5;

/**
 * The ledger as the command side sees it: aggregates rebuilt from their streams, and decisions
 * appended to every stream they touch at once, checked against the revisions that were read.
 */
@Injectable()
export class LedgerStore {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async loadCylinders(serials: readonly string[]): Promise<LoadedCylinders> {
    const states = new Map<string, CylinderState>();
    const revisions: ReadRevisions = new Map();
    const unique = [...new Set(serials)];
    const streams = await this.store.readStreams(unique.map(cylinderStreamName));
    for (const serial of unique) {
      const streamName = cylinderStreamName(serial);
      const recorded = streams.get(streamName) ?? [];
      revisions.set(streamName, lastRevision(recorded));
      if (recorded.length > 0) states.set(serial, cylinderStateFrom(recorded));
    }
    return { states, revisions };
  }

  async loadTrip(tripId: string): Promise<{ state: TripState; revisions: ReadRevisions }> {
    const streamName = tripStreamName(tripId);
    const recorded = await this.store.readStream(streamName);
    const state = toDomainEvents(recorded)
      .filter(isTripEvent)
      .reduce(evolveTrip, initialTripState());
    return { state, revisions: new Map([[streamName, lastRevision(recorded)]]) };
  }

  /** An aggregate's state from its stream, and the revision to append after. */
  async loadAggregate<Event extends DomainEvent, State>(
    streamName: string,
    isEvent: (event: DomainEvent) => event is Event,
    evolve: (state: State, event: Event) => State,
    initial: State,
  ): Promise<{ state: State; revision: number | undefined }> {
    const recorded = await this.store.readStream(streamName);
    const state = toDomainEvents(recorded).filter(isEvent).reduce(evolve, initial);
    return { state, revision: lastRevision(recorded) };
  }

  /** A vehicle's bookings (its open trip), and the revision to append after. */
  loadVehicleBooking(vehicleId: string) {
    return this.loadAggregate(
      vehicleBookingStreamName(vehicleId),
      isVehicleBookingEvent,
      evolveVehicleBooking,
      initialVehicleBookingState(),
    );
  }

  async history(streamName: string): Promise<RecordedEvent[]> {
    return this.store.readStream(streamName);
  }

  /** Appends every stream's events in one atomic append; returns the ledger position. */
  async append(streams: StreamEvents[], revisions: ReadRevisions, context: CommandContext) {
    const skewMs = this.config.ledger.maxClockSkewSeconds * 1_000;
    if (Date.parse(context.occurredAt) > Date.now() + skewMs) {
      throw new OccurredInTheFutureError(
        context.occurredAt,
        this.config.ledger.maxClockSkewSeconds,
      );
    }
    const written = streams.filter((stream) => stream.events.length > 0);
    if (written.length === 0) return undefined;
    const result = await this.store.appendToStreams(
      written.map(({ streamName, events }) => {
        const revision = revisions.get(streamName);
        return {
          streamName,
          expectedRevision: revision === undefined ? 'no_stream' : revision,
          events: events.map((event) => toEventToAppend(event, context)),
        };
      }),
    );
    return result.position;
  }

  /**
   * Runs a command; when another command wrote to one of its streams between read and append,
   * runs it again against the fresh state (which may now refuse it, with the domain's reason).
   */
  async withRetryOnConflict<T>(attempt: () => Promise<T>): Promise<T> {
    for (let tries = 1; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || tries >= CONCURRENCY_ATTEMPTS) {
          throw error;
        }
      }
    }
  }
}

/** A device clock ahead of the server's by more than the allowed skew: nothing is recorded. */
export class OccurredInTheFutureError extends Error {
  readonly httpStatus = HttpStatus.UNPROCESSABLE_ENTITY;
  readonly code = 'command.occurred-in-the-future';

  constructor(
    readonly occurredAt: string,
    readonly maxClockSkewSeconds: number,
  ) {
    super(
      `occurredAt ${occurredAt} is in the future: a device's clock may be ahead of the ` +
        `server's by at most ${maxClockSkewSeconds} s (OCCURRED_AT_MAX_SKEW_SECONDS)`,
    );
  }

  toJSON(): Record<string, unknown> {
    return {
      field: 'occurredAt',
      rule: `occurredAt may be at most ${this.maxClockSkewSeconds} s ahead of the server's clock`,
      occurredAt: this.occurredAt,
    };
  }
}

function lastRevision(recorded: RecordedEvent[]): number | undefined {
  return recorded.length ? recorded[recorded.length - 1].revision : undefined;
}

/** A cylinder's state rebuilt from its stream. */
export function cylinderStateFrom(recorded: RecordedEvent[]): CylinderState {
  return toDomainEvents(recorded)
    .filter(isCylinderEvent)
    .reduce(evolveCylinder, initialCylinderState());
}

export function toDomainEvents(recorded: RecordedEvent[]): DomainEvent[] {
  return recorded.map((event) => fromStoredEvent(event));
}

function toEventToAppend(event: DomainEvent, context: CommandContext) {
  return {
    id: randomUUID(),
    type: event.type,
    data: event.data,
    metadata: {
      schemaVersion: event.version,
      occurredAt: context.occurredAt,
      correlationId: context.correlationId,
      causationId: context.causationId,
      actor: {
        userId: context.actor.userId,
        role: context.actor.role,
        ...(context.actor.facilityId ? { facilityId: context.actor.facilityId } : {}),
      },
    },
  };
}
