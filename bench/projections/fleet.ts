import { randomUUID } from 'node:crypto';
import {
  type CylinderEvent,
  type CylinderState,
  cylinderStreamName,
  decideCompleteTrip,
  decideCylinder,
  decideDeliverAtStop,
  decideFillCylinders,
  decideLoadTrip,
  decideRegisterCylinders,
  decideTrip,
  decideUnloadTrip,
  type FacilityRef,
  evolveCylinder,
  evolveTrip,
  initialCylinderState,
  initialTripState,
  STANDARD_CYLINDER_CONFIG,
  type StreamEvents,
  type TripEvent,
  type TripState,
  tripStreamName,
} from '@oxyledger/domain';
import type { Actor, AppendRequest } from '@oxyledger/event-store';

/**
 * A fleet of cylinders going round the supply loop, every event decided by the domain's own
 * deciders and operations (so each is one the ledger could hold), and each decision folded into
 * the fleet's state with `evolveCylinder` / `evolveTrip` before the next one.
 *
 * The fleet is split into groups of `groupSize` cylinders that travel together: registered EMPTY
 * at a plant, then each cycle is 7 operations, one event per cylinder each:
 *
 *  1. fill at the plant                         CylinderFilled
 *  2. delivery trip created and loaded          TripCreated, TripLoaded       / CylinderLoaded
 *  3. delivered at the hospital, trip completed TripStopCompleted, TripCompleted / CylinderDelivered
 *  4. put in use at the hospital                CylinderPutInUse
 *  5. marked empty                              CylinderMarkedEmpty
 *  6. collection trip created, collects them    TripCreated, TripStopCompleted / CylinderCollected
 *  7. unloaded at the plant, trip completed     TripUnloaded, TripCompleted   / CylinderUnloaded
 *
 * So a cylinder has 1 + 7 × cycles events (50 for 7 cycles) and a group 8 trip events a cycle.
 */
export interface FleetOptions {
  cylinders: number;
  groupSize: number;
  plants: number;
  hospitals: number;
  /** Registration time of the first group; operations run from there. */
  startAt: string;
}

export interface Operation {
  at: string;
  actor: Actor;
  streams: StreamEvents[];
}

export interface FleetGroup {
  index: number;
  serials: string[];
  plant: FacilityRef;
  hospital: FacilityRef;
  /** Operations done so far: 0 before registration, then 1 + 7 per cycle. */
  step: number;
  trip: TripState;
}

export const OPERATIONS_PER_CYCLE = 7;
const HOUR = 3_600_000;
const CYCLE_MS = 3 * 24 * HOUR;
/** When each operation of a cycle happens, after the cycle's start. */
const OFFSETS_MS = [0, 1, 4, 24, 48, 50, 54].map((hours) => hours * HOUR);
const SIZES = ['D', 'E', 'F', 'J'];
const OWNERS = ['rafidain-oxygen', 'basra-gas', 'najaf-medical', 'kirkuk-industrial'];
const CAPACITY = { D: 40, E: 40, F: 30, J: 20 };

export class CylinderFleet {
  readonly groups: FleetGroup[];
  private readonly cylinders = new Map<string, CylinderState>();
  private readonly start: number;

  constructor(options: FleetOptions) {
    this.start = Date.parse(options.startAt);
    const groupCount = Math.ceil(options.cylinders / options.groupSize);
    this.groups = Array.from({ length: groupCount }, (_, index) => {
      const first = index * options.groupSize;
      const size = Math.min(options.groupSize, options.cylinders - first);
      return {
        index,
        serials: Array.from({ length: size }, (_, i) => serialOf(first + i)),
        plant: { id: `plant-${(index % options.plants) + 1}`, kind: 'producer' },
        hospital: { id: `hospital-${(index % options.hospitals) + 1}`, kind: 'hospital' },
        step: 0,
        trip: initialTripState(),
      };
    });
  }

  /** The group's next operation, decided against the fleet's state, which then moves on. */
  next(group: FleetGroup): Operation {
    const step = group.step++;
    if (step === 0) return this.register(group);
    const cycle = Math.floor((step - 1) / OPERATIONS_PER_CYCLE);
    const operation = (step - 1) % OPERATIONS_PER_CYCLE;
    const at = new Date(
      this.startOf(group) + HOUR + cycle * CYCLE_MS + OFFSETS_MS[operation],
    ).toISOString();
    const tripId = `T${group.index}-${cycle}-${operation < 5 ? 'out' : 'back'}`;
    switch (operation) {
      case 0:
        return this.fill(group, cycle, at);
      case 1:
        return this.dispatch(group, tripId, at);
      case 2:
        return this.deliver(group, tripId, at);
      case 3:
      case 4:
        return this.atHospital(
          group,
          operation === 3 ? 'PutCylinderInUse' : 'MarkCylinderEmpty',
          at,
        );
      case 5:
        return this.collect(group, tripId, at);
      default:
        return this.unload(group, tripId, at);
    }
  }

  private register(group: FleetGroup): Operation {
    const at = new Date(this.startOf(group)).toISOString();
    const decision = decideRegisterCylinders(
      {
        at,
        cylinders: group.serials.map((serial, i) => ({
          serial,
          sizeCode: SIZES[(group.index + i) % SIZES.length],
          ownerId: OWNERS[group.index % OWNERS.length],
          gasGrade: 'oxygen-99.5',
          manufactureDate: '2019-03-01',
          lastTestDate: '2024-03-01',
          facility: group.plant,
        })),
      },
      this.cylinders,
      STANDARD_CYLINDER_CONFIG,
    );
    this.evolve(group, [], decision.events.cylinders);
    return { at, actor: producer(group), streams: decision.streams };
  }

  private fill(group: FleetGroup, cycle: number, at: string): Operation {
    const decision = decideFillCylinders(
      {
        serials: group.serials,
        plantId: group.plant.id,
        manifoldId: `${group.plant.id}-m${group.index % 4}`,
        lot: `LOT-${at.slice(0, 10)}-${group.index % 4}`,
        purityPercent: 99.5 + (cycle % 5) / 10,
        pressureBar: 137,
        operatorId: `operator-${group.index % 12}`,
        at,
      },
      this.cylinders,
      STANDARD_CYLINDER_CONFIG,
    );
    this.evolve(group, [], decision.events.cylinders);
    return { at, actor: producer(group), streams: decision.streams };
  }

  /** A delivery trip from the plant to the group's hospital, created and loaded. */
  private dispatch(group: FleetGroup, tripId: string, at: string): Operation {
    const created = this.createTrip(group, tripId, at);
    const loaded = decideLoadTrip(
      { tripId, serials: group.serials, at },
      group.trip,
      this.cylinders,
    );
    this.evolve(group, loaded.events.trip, loaded.events.cylinders);
    return { at, actor: driver(group), streams: merge(created, loaded.streams) };
  }

  private deliver(group: FleetGroup, tripId: string, at: string): Operation {
    const delivered = decideDeliverAtStop(
      {
        tripId,
        facilityId: group.hospital.id,
        delivered: group.serials,
        collected: [],
        receivedBy: `storekeeper-${group.hospital.id}`,
        at,
      },
      group.trip,
      this.cylinders,
    );
    this.evolve(group, delivered.events.trip, delivered.events.cylinders);
    return {
      at,
      actor: driver(group),
      streams: merge(delivered.streams, this.completeTrip(group, tripId, at)),
    };
  }

  private atHospital(
    group: FleetGroup,
    type: 'PutCylinderInUse' | 'MarkCylinderEmpty',
    at: string,
  ): Operation {
    const events = new Map(
      group.serials.map((serial) => [
        serial,
        decideCylinder(
          { type, data: { serial, at, hospitalId: group.hospital.id } },
          this.stateOf(serial),
          STANDARD_CYLINDER_CONFIG,
        ),
      ]),
    );
    this.evolve(group, [], events);
    return {
      at,
      actor: {
        userId: `nurse-${group.hospital.id}`,
        role: 'hospital',
        facilityId: group.hospital.id,
      },
      streams: [...events].map(([serial, decided]) => ({
        streamName: cylinderStreamName(serial),
        events: decided,
      })),
    };
  }

  /** A collection trip from the plant: it takes the group's empties back from the hospital. */
  private collect(group: FleetGroup, tripId: string, at: string): Operation {
    const created = this.createTrip(group, tripId, at);
    const collected = decideDeliverAtStop(
      {
        tripId,
        facilityId: group.hospital.id,
        delivered: [],
        collected: group.serials,
        receivedBy: `storekeeper-${group.hospital.id}`,
        at,
      },
      group.trip,
      this.cylinders,
    );
    this.evolve(group, collected.events.trip, collected.events.cylinders);
    return { at, actor: driver(group), streams: merge(created, collected.streams) };
  }

  private unload(group: FleetGroup, tripId: string, at: string): Operation {
    const unloaded = decideUnloadTrip(
      { tripId, facility: group.plant, serials: group.serials, at },
      group.trip,
      this.cylinders,
    );
    this.evolve(group, unloaded.events.trip, unloaded.events.cylinders);
    return {
      at,
      actor: driver(group),
      streams: merge(unloaded.streams, this.completeTrip(group, tripId, at)),
    };
  }

  private createTrip(group: FleetGroup, tripId: string, at: string): StreamEvents[] {
    const events = decideTrip(
      {
        type: 'CreateTrip',
        data: {
          tripId,
          at,
          origin: group.plant,
          vehicle: { id: `truck-${group.index % 50}`, capacityBySize: CAPACITY },
          driverId: `driver-${group.index % 80}`,
          stops: [group.hospital],
          plannedAt: at,
        },
      },
      initialTripState(),
    );
    group.trip = initialTripState();
    this.evolve(group, events, new Map());
    return [{ streamName: tripStreamName(tripId), events }];
  }

  private completeTrip(group: FleetGroup, tripId: string, at: string): StreamEvents[] {
    const completed = decideCompleteTrip({ tripId, at }, group.trip, this.cylinders);
    this.evolve(group, completed.events.trip, completed.events.cylinders);
    return completed.streams;
  }

  private evolve(
    group: FleetGroup,
    trip: TripEvent[],
    cylinders: ReadonlyMap<string, CylinderEvent[]>,
  ): void {
    group.trip = trip.reduce(evolveTrip, group.trip);
    for (const [serial, events] of cylinders) {
      this.cylinders.set(serial, events.reduce(evolveCylinder, this.stateOf(serial)));
    }
  }

  /** Groups start in 5-minute slots over 12 hours, so a day's work spreads over the day. */
  private startOf(group: FleetGroup): number {
    return this.start + (group.index % 144) * 300_000;
  }

  private stateOf(serial: string): CylinderState {
    return this.cylinders.get(serial) ?? initialCylinderState();
  }
}

/**
 * The operation as the api would append it: one request per stream, each event with its schema
 * version and the command's context in its metadata. Expected revision `any`: the fleet's state
 * is the source of truth here, and the appends of one group never overlap.
 */
export function toAppendRequests(operation: Operation): AppendRequest[] {
  const correlationId = randomUUID();
  const metadata = (version: number) => ({
    schemaVersion: version,
    occurredAt: operation.at,
    correlationId,
    causationId: correlationId,
    actor: operation.actor,
  });
  return operation.streams.map(({ streamName, events }) => ({
    streamName,
    expectedRevision: 'any',
    events: events.map((event) => ({
      id: randomUUID(),
      type: event.type,
      data: event.data,
      metadata: metadata(event.version),
    })),
  }));
}

export const isCylinderStream = (streamName: string) => streamName.startsWith('cylinder-');

/** Several decisions' streams as one append: each stream once, its events in order. */
function merge(...parts: StreamEvents[][]): StreamEvents[] {
  const merged = new Map<string, StreamEvents>();
  for (const { streamName, events } of parts.flat()) {
    const stream = merged.get(streamName) ?? { streamName, events: [] };
    stream.events.push(...events);
    merged.set(streamName, stream);
  }
  return [...merged.values()];
}

function serialOf(n: number): string {
  return `BX-${String(n + 1).padStart(6, '0')}`;
}

function producer(group: FleetGroup): Actor {
  return { userId: `operator-${group.index % 12}`, role: 'producer', facilityId: group.plant.id };
}

function driver(group: FleetGroup): Actor {
  return { userId: `driver-${group.index % 80}`, role: 'driver' };
}
