import { CylinderEvent, cylinderStreamName } from '../cylinder/cylinder.events';
import { CylinderState } from '../cylinder/cylinder.state';
import { DomainEvent } from '../domain-events';
import { BatchRefused, DomainError } from '../shared/domain-error';
import { TripEvent, tripStreamName } from '../trip/trip.events';

/**
 * The cylinders' current states, by serial, as the application layer loaded them. A serial
 * missing from the map has no stream: it is not registered.
 */
export type CylinderStates = ReadonlyMap<string, CylinderState>;

/** Events for one stream, ready to append (with the expected revision the caller read). */
export interface StreamEvents {
  streamName: string;
  events: DomainEvent[];
}

/** What a batch of cylinder commands decided: events per serial, in the command's order. */
export interface CylindersDecision {
  events: { cylinders: Map<string, CylinderEvent[]> };
  /** The same events per stream name, to append atomically in one multi-stream append. */
  streams: StreamEvents[];
}

/** What a trip command decided: the trip's events and each cylinder's, all or nothing. */
export interface TripOperationDecision {
  events: { trip: TripEvent[]; cylinders: Map<string, CylinderEvent[]> };
  /** The trip's stream first, then the cylinders' in the command's order. */
  streams: StreamEvents[];
}

export function cylindersDecision(cylinders: Map<string, CylinderEvent[]>): CylindersDecision {
  return { events: { cylinders }, streams: cylinderStreams(cylinders) };
}

export function tripOperationDecision(
  tripId: string,
  trip: TripEvent[],
  cylinders: Map<string, CylinderEvent[]>,
): TripOperationDecision {
  const streams =
    trip.length > 0 ? [{ streamName: tripStreamName(tripId), events: [...trip] }] : [];
  return { events: { trip, cylinders }, streams: [...streams, ...cylinderStreams(cylinders)] };
}

/** Throws every refusal found at once: nothing is decided unless everything is. */
export function refuseIfAny(errors: readonly DomainError[]): void {
  if (errors.length > 0) throw new BatchRefused(errors);
}

function cylinderStreams(cylinders: Map<string, CylinderEvent[]>): StreamEvents[] {
  return [...cylinders]
    .filter(([, events]) => events.length > 0)
    .map(([serial, events]) => ({ streamName: cylinderStreamName(serial), events: [...events] }));
}
