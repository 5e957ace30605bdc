import fc from 'fast-check';
import { upcastDomainEvent } from '../domain-events';
import { DomainError } from '../shared/domain-error';
import { facilities } from '../testing/factories';
import { tripStateViolations } from '../testing/invariants';
import { TripCommand } from './trip.commands';
import { decideTrip, evolveTrip } from './trip.decider';
import { TripEvent, TripEventType } from './trip.events';
import { initialTripState, TripCylinder, TripState } from './trip.state';

/** Random command sequences on one trip: capacity, stops and completion hold whatever happens. */

const TRIP_ID = 'trip-p';
const SERIALS = ['A', 'B', 'C', 'D', 'E', 'F'];
const STOPS = [facilities.hospital, facilities.otherHospital, facilities.depot];
const UNLOAD_AT = [facilities.plant, facilities.depot, facilities.hospital];
const sizeOf = (serial: string) => (serial < 'D' ? 'E' : 'J');
const cylinder = (serial: string): TripCylinder => ({ serial, sizeCode: sizeOf(serial) });

const stepArb = fc.record({
  kind: fc.constantFrom('create', 'load', 'deliver', 'unload', 'complete', 'cancel', 'abort'),
  aimed: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
  serials: fc.subarray(SERIALS, { minLength: 1 }),
  others: fc.subarray(SERIALS),
  stop: fc.constantFrom(...STOPS),
  unloadAt: fc.constantFrom(...UNLOAD_AT),
  capacity: fc.option(
    fc.record({ E: fc.integer({ min: 0, max: 3 }), J: fc.integer({ min: 0, max: 2 }) }),
  ),
});
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

function commandFor(step: Step, state: TripState, at: string): TripCommand {
  const onBoard = state.status === 'NOT_CREATED' ? [] : state.onBoard.map((c) => c.serial);
  // Aimed commands move what is on board; others name any serials.
  const pick = (serials: string[]) =>
    step.aimed && onBoard.length > 0 ? serials.filter((s) => onBoard.includes(s)) : serials;
  const tripId = TRIP_ID;
  switch (step.kind) {
    case 'create':
      return {
        type: 'CreateTrip',
        data: {
          tripId,
          origin: facilities.plant,
          vehicle: { id: 'truck', ...(step.capacity ? { capacityBySize: step.capacity } : {}) },
          driverId: 'driver',
          stops: STOPS,
          plannedAt: at,
          at,
        },
      };
    case 'load':
      return { type: 'LoadTrip', data: { tripId, cylinders: step.serials.map(cylinder), at } };
    case 'deliver': {
      const delivered = pick(step.serials);
      return {
        type: 'DeliverAtStop',
        data: {
          tripId,
          facilityId: step.stop.id,
          delivered,
          collected: step.others.filter((s) => !delivered.includes(s)).map(cylinder),
          receivedBy: 'store',
          at,
        },
      };
    }
    case 'unload':
      return {
        type: 'UnloadTrip',
        data: { tripId, facility: step.unloadAt, serials: pick(step.serials), at },
      };
    case 'complete':
      return {
        type: 'CompleteTrip',
        data: { tripId, at, missingSerials: step.aimed ? onBoard : pick(step.others) },
      };
    case 'cancel':
      return { type: 'CancelTrip', data: { tripId, reason: 'truck broke down', at } };
    case 'abort':
      return {
        type: 'AbortTrip',
        data: {
          tripId,
          reason: 'road closed',
          returnTo: step.unloadAt,
          missingSerials: step.aimed ? [] : pick(step.others),
          at,
        },
      };
  }
}

describe('trip properties', () => {
  const seen = new Set<string>();

  it('no command sequence breaks capacity, stops or completion, and replay rebuilds the trip', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 30, size: 'max' }), (steps) => {
        let state = initialTripState();
        const stream: TripEvent[] = [];
        steps.forEach((step, index) => {
          const at = new Date(Date.UTC(2025, 0, 1) + index * 3_600_000).toISOString();
          const command = commandFor(index === 0 ? { ...step, kind: 'create' } : step, state, at);
          let events: TripEvent[];
          try {
            events = decideTrip(command, state);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            return;
          }
          if (['COMPLETED', 'CANCELLED', 'ABORTED'].includes(state.status))
            throw new Error(`${command.type} accepted on a ${state.status} trip`);
          if (command.type === 'CancelTrip' && state.status !== 'PLANNED')
            throw new Error(`a ${state.status} trip was cancelled`);
          for (const event of events) {
            state = evolveTrip(state, event);
            const broken = tripStateViolations(state);
            if (broken.length > 0) throw new Error(broken.join('; '));
            seen.add(event.type);
          }
          stream.push(...events);
        });
        if (state.status !== 'NOT_CREATED') {
          // A stop is served at most once.
          const served = stream.flatMap((e) =>
            e.type === TripEventType.StopCompleted ? [e.data.facilityId] : [],
          );
          expect(new Set(served).size).toBe(served.length);
        }
        const stored = stream.map(
          (event) => upcastDomainEvent(JSON.parse(JSON.stringify(event))) as TripEvent,
        );
        expect(stored.reduce(evolveTrip, initialTripState())).toEqual(state);
      }),
      // A fixed seed (FC_SEED overrides it to explore): CI must not depend on the draw, since
      // the coverage check below needs every event type to have been produced.
      { numRuns: 300, seed: Number(process.env.FC_SEED ?? 20261126) },
    );
  });

  it('exercised every kind of trip event', () => {
    expect([...seen].sort()).toEqual(Object.values(TripEventType).sort());
  });
});
