import { randomUUID } from 'node:crypto';
import {
  type CylinderCommand,
  type CylinderState,
  decideCompleteTrip,
  decideCylinder,
  decideDeliverAtStop,
  decideFillCylinders,
  decideLoadTrip,
  decideRegisterCylinders,
  decideTrip,
  decideUnloadTrip,
  evolveCylinder,
  evolveTrip,
  type FacilityRef,
  initialCylinderState,
  initialTripState,
  isCylinderEvent,
  isTripEvent,
  STANDARD_CYLINDER_CONFIG,
  type StreamEvents,
  tripStreamName,
  type TripState,
} from '@oxyledger/domain';
import type { AppendRequest, EventStore, Position } from '@oxyledger/event-store';
import { lastPosition, waitUntil } from './scratch-ledger';

/** One atomic append: events for one or more streams, with the revisions they expect. */
export type LedgerOperation = AppendRequest[];

const SIZES = ['D', 'E', 'F', 'J'];
const OWNERS = ['rafidain-oxygen', 'basra-gas'];
const HOUR = 3_600_000;

/**
 * A day-by-day life of a fleet, as valid ledger operations: every event is decided by the
 * domain's deciders from the states the workload keeps (so it is what the api would write).
 * Cylinders are registered and filled at two plants, carried by trips to hospitals, delivered,
 * used, emptied, collected and unloaded back at a plant or the depot; some are quarantined,
 * released, condemned, tested, lost (also on a trip) and found. Deterministic for a seed.
 *
 * Operations are generated ahead of appending: append them in the order given, each once.
 */
export class LedgerWorkload {
  readonly plants: FacilityRef[];
  readonly hospitals: FacilityRef[];
  readonly depot: FacilityRef;
  /** Events in the operations generated so far. */
  events = 0;
  private readonly cylinders = new Map<string, CylinderState>();
  private readonly trips = new Map<string, TripState>();
  private readonly revisions = new Map<string, number>();
  private readonly random: () => number;
  private clock: number;
  private serials = 0;
  private tripCount = 0;
  /** Trips on the road at the end of a round, finished at the start of the next. */
  private readonly openTrips: { tripId: string; plant: FacilityRef }[] = [];

  constructor(
    private readonly prefix = `W${randomUUID().slice(0, 6).toUpperCase()}`,
    seed = 20_260_301,
  ) {
    this.random = mulberry32(seed);
    this.clock = Date.parse('2026-03-01T05:00:00.000Z');
    this.plants = [1, 2].map((n) => ({ id: `${prefix}-plant-${n}`, kind: 'producer' as const }));
    this.hospitals = [1, 2, 3, 4, 5].map((n) => ({
      id: `${prefix}-hospital-${n}`,
      kind: 'hospital' as const,
    }));
    this.depot = { id: `${prefix}-depot`, kind: 'depot' };
  }

  /** Rounds (half-days) of operations until at least `events` events more were generated. */
  operations(events: number): LedgerOperation[] {
    const target = this.events + events;
    const operations: LedgerOperation[] = [];
    while (this.events < target) operations.push(...this.round());
    return operations;
  }

  /** One operation registering `count` new cylinders at a plant: one append, one transaction. */
  registration(count: number): LedgerOperation {
    return this.record(this.register(this.pick(this.plants), count));
  }

  /**
   * Half a day: yesterday's trips finished, new cylinders, fills, a trip per plant (left on the
   * road), use at hospitals, a few incidents.
   */
  round(): LedgerOperation[] {
    const operations: LedgerOperation[] = [];
    // Recorded as soon as decided: the next decision sees the states this one led to.
    const add = (streams: StreamEvents[]) => {
      if (streams.length > 0) operations.push(this.record(streams));
    };
    for (const trip of this.openTrips.splice(0)) this.finishTrip(trip, add);
    add(this.register(this.pick(this.plants), 25));
    for (const plant of this.plants) this.fill(plant, add);
    for (const plant of this.plants) this.startTrip(plant, add);
    for (const hospital of this.hospitals) add(this.hospitalUse(hospital));
    add(this.incidents());
    this.clock += 12 * HOUR;
    return operations;
  }

  private register(plant: FacilityRef, count: number): StreamEvents[] {
    const at = this.tick();
    return decideRegisterCylinders(
      {
        at,
        cylinders: Array.from({ length: count }, () => ({
          serial: `${this.prefix}-${String(++this.serials).padStart(5, '0')}`,
          sizeCode: this.pick(SIZES),
          ownerId: this.pick(OWNERS),
          gasGrade: 'oxygen-99.5',
          manufactureDate: '2019-05-01',
          lastTestDate: '2024-01-15',
          facility: plant,
        })),
      },
      new Map(),
      STANDARD_CYLINDER_CONFIG,
    ).streams;
  }

  /** Every empty cylinder at the plant, 20 to a manifold. */
  private fill(plant: FacilityRef, add: (streams: StreamEvents[]) => void): void {
    const empties = this.serialsWhere((c) => c.status === 'EMPTY' && at(c, plant.id));
    for (let i = 0; i < empties.length; i += 20) {
      add(
        decideFillCylinders(
          {
            serials: empties.slice(i, i + 20),
            plantId: plant.id,
            manifoldId: 'manifold-1',
            lot: `LOT-${this.serials}-${i}`,
            purityPercent: 99.5,
            pressureBar: 137,
            operatorId: 'operator-1',
            at: this.tick(),
          },
          this.cylinders,
          STANDARD_CYLINDER_CONFIG,
        ).streams,
      );
    }
  }

  /** Create, load, serve two hospitals; the trip is finished in the next round. */
  private startTrip(plant: FacilityRef, add: (streams: StreamEvents[]) => void): void {
    const full = this.serialsWhere((c) => c.status === 'FULL' && at(c, plant.id)).slice(0, 30);
    if (full.length === 0) return;
    const tripId = `${this.prefix}-trip-${++this.tripCount}`;
    const stops = this.shuffle(this.hospitals).slice(0, 2);
    add([
      {
        streamName: tripStreamName(tripId),
        events: decideTrip(
          {
            type: 'CreateTrip',
            data: {
              tripId,
              origin: plant,
              vehicle: { id: 'truck-1', capacityBySize: { D: 60, E: 60, F: 60, J: 60 } },
              driverId: 'driver-1',
              stops,
              plannedAt: this.tick(),
              at: this.tick(),
            },
          },
          initialTripState(),
        ),
      },
    ]);
    add(
      decideLoadTrip(
        { tripId, serials: full, at: this.tick() },
        this.tripState(tripId),
        this.cylinders,
      ).streams,
    );
    stops.forEach((stop, index) => {
      const onBoardFull = this.onBoard(tripId).filter((serial) => this.carriedFull(serial));
      const delivered =
        index === stops.length - 1
          ? onBoardFull.slice(0, Math.max(0, onBoardFull.length - 3))
          : onBoardFull.filter(() => this.random() < 0.5);
      const collected = this.serialsWhere((c) => c.status === 'EMPTY' && at(c, stop.id)).slice(
        0,
        12,
      );
      if (delivered.length + collected.length === 0) return; // the stop is left unserved
      add(
        decideDeliverAtStop(
          {
            tripId,
            facilityId: stop.id,
            delivered,
            collected,
            receivedBy: 'store keeper',
            at: this.tick(),
          },
          this.tripState(tripId),
          this.cylinders,
        ).streams,
      );
    });
    this.openTrips.push({ tripId, plant });
  }

  /** Unload what is left at the plant (or the depot), complete (now and then with one missing). */
  private finishTrip(
    { tripId, plant }: { tripId: string; plant: FacilityRef },
    add: (streams: StreamEvents[]) => void,
  ): void {
    const remaining = this.onBoard(tripId);
    const missing = remaining.length > 1 && this.random() < 0.3 ? [remaining[0]] : [];
    const unloaded = remaining.filter((serial) => !missing.includes(serial));
    if (unloaded.length > 0) {
      add(
        decideUnloadTrip(
          {
            tripId,
            facility: this.random() < 0.8 ? plant : this.depot,
            serials: unloaded,
            at: this.tick(),
          },
          this.tripState(tripId),
          this.cylinders,
        ).streams,
      );
    }
    add(
      decideCompleteTrip(
        { tripId, missingSerials: missing, at: this.tick() },
        this.tripState(tripId),
        this.cylinders,
      ).streams,
    );
  }

  /** At a hospital: about half the full cylinders put in use, half of those in use emptied. */
  private hospitalUse(hospital: FacilityRef): StreamEvents[] {
    const at_ = this.tick();
    const commands: CylinderCommand[] = [];
    for (const serial of this.serialsWhere((c) => at(c, hospital.id))) {
      const { status } = this.cylinderState(serial);
      if (status === 'FULL' && this.random() < 0.5) {
        commands.push({
          type: 'PutCylinderInUse',
          data: { serial, hospitalId: hospital.id, at: at_ },
        });
      } else if (status === 'IN_USE' && this.random() < 0.6) {
        commands.push({
          type: 'MarkCylinderEmpty',
          data: { serial, hospitalId: hospital.id, at: at_ },
        });
      }
    }
    return this.decideEach(commands);
  }

  /** Quarantines, releases, condemnations, tests, losses and finds. */
  private incidents(): StreamEvents[] {
    const at_ = this.tick();
    const commands: CylinderCommand[] = [];
    const used = new Set<string>();
    const one = (where: (c: CylinderState) => boolean) => {
      const found = this.serialsWhere(where).filter((serial) => !used.has(serial));
      const serial = found.length > 0 ? this.pick(found) : undefined;
      if (serial) used.add(serial);
      return serial;
    };
    const emptyAtPlant = (c: CylinderState) =>
      c.status === 'EMPTY' && this.plants.some((plant) => at(c, plant.id));
    for (const serial of [one(emptyAtPlant), one(emptyAtPlant)]) {
      if (serial)
        commands.push({
          type: 'QuarantineCylinder',
          data: { serial, reason: 'Valve leak', at: at_ },
        });
    }
    const quarantined = one((c) => c.status === 'QUARANTINED');
    if (quarantined) {
      commands.push(
        this.random() < 0.3
          ? { type: 'CondemnCylinder', data: { serial: quarantined, reason: 'Dented', at: at_ } }
          : { type: 'ReleaseCylinder', data: { serial: quarantined, at: at_ } },
      );
    }
    const tested = one(emptyAtPlant);
    if (tested) {
      commands.push({
        type: 'RecordCylinderTest',
        data: {
          serial: tested,
          result: this.random() < 0.5 ? 'failed' : 'passed',
          testedOn: at_.slice(0, 10),
          testedBy: 'tester-1',
          at: at_,
        },
      });
    }
    const lost = one((c) => c.status === 'FULL' && this.hospitals.some((h) => at(c, h.id)));
    if (lost) commands.push({ type: 'ReportCylinderLost', data: { serial: lost, at: at_ } });
    const found = one((c) => c.status === 'LOST');
    if (found && this.random() < 0.6) {
      commands.push({
        type: 'ReportCylinderFound',
        data: {
          serial: found,
          facility: this.random() < 0.5 ? this.pick(this.plants) : this.depot,
          foundAs: 'EMPTY',
          at: at_,
        },
      });
    }
    return this.decideEach(commands);
  }

  /** One command per cylinder, all in one append. */
  private decideEach(commands: CylinderCommand[]): StreamEvents[] {
    return commands.map((command) => ({
      streamName: `cylinder-${command.data.serial}`,
      events: decideCylinder(
        command,
        this.cylinderState(command.data.serial),
        STANDARD_CYLINDER_CONFIG,
      ),
    }));
  }

  /** The operation appending `streams`, and the states and revisions after it. */
  private record(streams: StreamEvents[]): LedgerOperation {
    const operation = streams.map(({ streamName, events }) => {
      const revision = this.revisions.get(streamName);
      this.revisions.set(streamName, (revision ?? -1) + events.length);
      return {
        streamName,
        expectedRevision: revision ?? ('no_stream' as const),
        events: events.map((event) => ({
          id: randomUUID(),
          type: event.type,
          data: event.data,
          metadata: { schemaVersion: event.version },
        })),
      };
    });
    this.apply(streams);
    this.events += streams.reduce((sum, { events }) => sum + events.length, 0);
    return operation;
  }

  private apply(streams: StreamEvents[]): void {
    for (const { streamName, events } of streams) {
      if (streamName.startsWith('trip-')) {
        const tripId = streamName.slice('trip-'.length);
        this.trips.set(
          tripId,
          events.filter(isTripEvent).reduce(evolveTrip, this.tripState(tripId)),
        );
      } else {
        const serial = streamName.slice('cylinder-'.length);
        this.cylinders.set(
          serial,
          events.filter(isCylinderEvent).reduce(evolveCylinder, this.cylinderState(serial)),
        );
      }
    }
  }

  private carriedFull(serial: string): boolean {
    const state = this.cylinderState(serial);
    return state.status === 'IN_TRANSIT' && state.load === 'full';
  }

  private cylinderState(serial: string): CylinderState {
    return this.cylinders.get(serial) ?? initialCylinderState();
  }

  private tripState(tripId: string): TripState {
    return this.trips.get(tripId) ?? initialTripState();
  }

  private onBoard(tripId: string): string[] {
    const trip = this.tripState(tripId);
    return trip.status === 'NOT_CREATED' ? [] : trip.onBoard.map((c) => c.serial);
  }

  private serialsWhere(where: (cylinder: CylinderState) => boolean): string[] {
    return [...this.cylinders].filter(([, state]) => where(state)).map(([serial]) => serial);
  }

  private tick(): string {
    this.clock += Math.floor(1 + this.random() * 20) * 60_000;
    return new Date(this.clock).toISOString();
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private shuffle<T>(items: readonly T[]): T[] {
    return items
      .map((item) => ({ item, order: this.random() }))
      .sort((a, b) => a.order - b.order)
      .map(({ item }) => item);
  }
}

function at(cylinder: CylinderState, facilityId: string): boolean {
  return (
    cylinder.status !== 'UNREGISTERED' &&
    cylinder.status !== 'LOST' &&
    cylinder.status !== 'CONDEMNED' &&
    cylinder.location.kind === 'facility' &&
    cylinder.location.facilityId === facilityId
  );
}

/**
 * Appends `operations` in order, one append each, and resolves once readers of the ledger see
 * them all (the store shows an event only when every transaction older than its own has ended,
 * on the whole server): the position of the last event written. Without `waitUntilVisible`,
 * it resolves once they are written.
 */
export async function appendOperations(
  store: EventStore,
  operations: readonly LedgerOperation[],
  { waitUntilVisible = true } = {},
): Promise<Position | undefined> {
  let last: Position | undefined;
  for (const operation of operations) last = (await store.appendToStreams(operation)).position;
  if (last && waitUntilVisible) {
    const written = last;
    await waitUntil(async () => {
      const seen = await lastPosition(store);
      return seen !== undefined && store.comparePositions(seen, written) >= 0;
    }, `readers see the ledger up to ${written}`);
  }
  return last;
}

/** A small seeded generator, so a failing run can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
