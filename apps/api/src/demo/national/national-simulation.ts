import {
  bookVehicle,
  type CylinderEvent,
  type CylinderState,
  type CylindersDecision,
  decideCompleteTrip,
  decideCylinder,
  decideDeliverAtStop,
  decideFillCylinders,
  decideHospitalDemand,
  decideLoadTrip,
  decidePlant,
  decideRegisterCylinders,
  decideTrip,
  decideUnloadTrip,
  evolveCylinder,
  evolveHospitalDemand,
  evolvePlant,
  evolveScanConflict,
  evolveTrip,
  evolveVehicleBooking,
  hospitalDemandStreamName,
  type HospitalDemand,
  initialCylinderState,
  initialHospitalDemand,
  initialPlantState,
  initialTripState,
  initialVehicleBookingState,
  type PlantState,
  plantStreamName,
  releaseVehicle,
  resolveScanConflict,
  type ScanConflict,
  type ScanConflictRecorded,
  scanConflictStreamName,
  STANDARD_CYLINDER_CONFIG,
  type StreamEvents,
  type TripOperationDecision,
  type TripState,
  tripStreamName,
  type VehicleBookingState,
  vehicleBookingStreamName,
} from '@oxyledger/domain';
import type { Actor } from '@oxyledger/event-store';
import type { SeededRandom } from '../seeded-random';
import type { BulkLedgerWriter } from './bulk-ledger-writer';
import type { NationalHospital, NationalNetwork, NationalPlant } from './national-network';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const SIZES = ['J', 'E', 'D'] as const;
type Size = (typeof SIZES)[number];
/** Days of use a hospital aims to hold full; a delivery tops it up to this. */
const TARGET_DAYS = 4;
/** Cylinders per hospital and size, in days of its use: on the ward, waiting, on trucks, at the plant. */
const FLEET_DAYS = 20;
const MAX_STOPS = 6;
const MANIFOLD_SIZE = 40;
const TRUCK_CAPACITY: Record<Size, number> = { J: 60, E: 120, D: 200 };

export interface SimulationActors {
  admin: Actor;
  driversByVehicle: Map<string, Actor>;
}

export interface SimulationProgress {
  day: number;
  days: number;
  events: number;
}

/**
 * Weeks of a country's operations, decided by the domain's own deciders against the generator's
 * in-memory state (the same functions the command handlers call, with the same inputs) and
 * written through `BulkLedgerWriter`. Day by day: plants fill their empties (a few manifolds
 * fail QC and are quarantined, released vented the next day), plants change status now and
 * then, hospitals report their census, wards put full cylinders in use and mark them empty,
 * each truck runs a trip to the hospitals furthest below target, delivering fulls and
 * collecting empties, unloading at its plant; some offline confirmations become scan
 * conflicts, some cylinders are reported lost.
 */
export class NationalSimulation {
  private readonly cylinders = new Map<string, CylinderState>();
  private readonly trips = new Map<string, TripState>();
  private readonly bookings = new Map<string, VehicleBookingState>();
  private readonly plantStates = new Map<string, PlantState>();
  private readonly demand = new Map<string, HospitalDemand>();
  /** Serials at each facility, by status and size: what each step picks from. */
  private readonly at = new Map<string, Map<string, Set<string>>>();
  private readonly sizeOf = new Map<string, Size>();
  private readonly quarantinedAfterQc = new Map<string, string[]>();
  private readonly plantRecovery = new Map<string, number>();
  private readonly openConflicts: ScanConflict[] = [];
  private tripCount = 0;
  private lotNumber = 0;
  stats = { cylinders: 0, trips: 0, scanConflicts: 0, qcFailures: 0, lost: 0 };

  constructor(
    private readonly network: NationalNetwork,
    private readonly writer: BulkLedgerWriter,
    private readonly random: SeededRandom,
    private readonly actors: SimulationActors,
  ) {}

  async run(
    start: number,
    days: number,
    onProgress: (progress: SimulationProgress) => void,
  ): Promise<void> {
    await this.setUp(start);
    for (let day = 0; day < days; day++) {
      await this.simulateDay(start + day * DAY_MS, day);
      onProgress({ day: day + 1, days, events: this.writer.written });
    }
    await this.writer.close();
  }

  /** Day 0, before dawn: beds and capacities set, the fleet migrated in (hospital stock FULL) and new cylinders registered empty at plants. */
  private async setUp(start: number): Promise<void> {
    const at = iso(start + 10 * MINUTE_MS);
    for (const plant of this.network.plants) {
      await this.plantCommand(plant.facility.id, at, {
        type: 'SetPlantCapacity',
        data: {
          facilityId: plant.facility.id,
          outputCubicMetresPerHour: plant.psa
            ? 60 + this.random.int(120)
            : 200 + this.random.int(300),
          hoursPerDay: 20,
          fillLimitsPerDay: { J: 400, E: 600, D: 800 },
          at,
        },
      });
    }
    for (const hospital of this.network.hospitals) {
      await this.demandCommand(hospital.facility.id, at, {
        type: 'SetHospitalBeds',
        data: { facilityId: hospital.facility.id, beds: hospital.beds, at },
      });
    }
    const plants = new Map(this.network.plants.map((plant) => [plant.facility.id, plant]));
    let serialNumber = 0;
    const registrations = new Map<
      string,
      Parameters<typeof decideRegisterCylinders>[0]['cylinders']
    >();
    const register = (
      plant: NationalPlant,
      facility: { id: string; kind: 'producer' | 'hospital' },
      size: Size,
      migratedAs?: 'FULL',
    ) => {
      serialNumber++;
      const serial = `IQ-${String(serialNumber).padStart(7, '0')}`;
      const list = registrations.get(facility.id) ?? [];
      list.push({
        serial,
        sizeCode: size,
        ownerId: plant.facility.supplierId,
        gasGrade: plant.gasGrade,
        manufactureDate: `20${String(8 + this.random.int(14)).padStart(2, '0')}-0${1 + this.random.int(9)}-15`,
        lastTestDate: `202${2 + this.random.int(3)}-0${1 + this.random.int(9)}-1${this.random.int(10)}`,
        facility,
        ...(migratedAs ? { migratedAs } : {}),
      });
      registrations.set(facility.id, list);
    };
    for (const hospital of this.network.hospitals) {
      const plant = plants.get(hospital.plantId)!;
      for (const size of SIZES) {
        const use = hospital.dailyUse[size];
        for (let i = 0; i < use * TARGET_DAYS; i++)
          register(plant, { id: hospital.facility.id, kind: 'hospital' }, size, 'FULL');
        for (let i = 0; i < use * (FLEET_DAYS - TARGET_DAYS); i++)
          register(plant, { id: plant.facility.id, kind: 'producer' }, size);
      }
    }
    for (const [, list] of registrations) {
      for (let offset = 0; offset < list.length; offset += 200) {
        const chunk = list.slice(offset, offset + 200);
        const decision = decideRegisterCylinders(
          { cylinders: chunk, at },
          this.cylinders,
          STANDARD_CYLINDER_CONFIG,
        );
        await this.recordCylinders(decision, this.actors.admin, at);
      }
    }
    this.stats.cylinders = serialNumber;
  }

  private async simulateDay(dayStart: number, day: number): Promise<void> {
    for (const plant of this.network.plants) await this.plantMorning(plant, dayStart);
    for (const hospital of this.network.hospitals) {
      await this.wardUse(hospital, dayStart + 30 * MINUTE_MS, dayStart + 6 * HOUR_MS, 0.4);
    }
    for (const hospital of this.network.hospitals) {
      if (this.random.next() < 0.7)
        await this.census(hospital, dayStart + 8 * HOUR_MS + this.random.int(60) * MINUTE_MS);
    }
    for (const plant of this.network.plants) {
      for (const [index, vehicle] of plant.vehicles.entries()) {
        await this.runTrip(plant, vehicle.id, dayStart + 7 * HOUR_MS + index * 5 * MINUTE_MS);
      }
    }
    for (const hospital of this.network.hospitals) {
      await this.wardUse(hospital, dayStart + 16 * HOUR_MS, dayStart + 23 * HOUR_MS, 0.6);
    }
    await this.resolveSomeConflicts(dayStart + 23 * HOUR_MS + 30 * MINUTE_MS, day);
  }

  /** Released vented what failed QC yesterday; plant status now and then; every empty filled. */
  private async plantMorning(plant: NationalPlant, dayStart: number): Promise<void> {
    const plantId = plant.facility.id;
    let clock = dayStart + 4 * HOUR_MS;
    const tick = () => iso((clock += 2 * MINUTE_MS));
    for (const serial of this.quarantinedAfterQc.get(plantId) ?? []) {
      await this.cylinderCommand(serial, {
        type: 'ReleaseCylinder',
        data: { serial, releaseAs: 'EMPTY', at: tick() },
      });
    }
    this.quarantinedAfterQc.set(plantId, []);

    const state = this.plantStates.get(plantId) ?? initialPlantState();
    const recoversOn = this.plantRecovery.get(plantId);
    if (state.status !== 'running' && recoversOn !== undefined && dayStart >= recoversOn) {
      const at = tick();
      await this.plantCommand(plantId, at, {
        type: 'ChangePlantStatus',
        data: { facilityId: plantId, status: 'running', at },
      });
    } else if (state.status === 'running' && this.random.next() < 0.02) {
      const at = tick();
      const down = this.random.next() < 0.3;
      await this.plantCommand(plantId, at, {
        type: 'ChangePlantStatus',
        data: down
          ? { facilityId: plantId, status: 'down', reason: 'compressor failure', at }
          : {
              facilityId: plantId,
              status: 'degraded',
              capacityPercent: 40 + this.random.int(40),
              reason: 'power cuts',
              at,
            },
      });
      this.plantRecovery.set(plantId, dayStart + (1 + this.random.int(3)) * DAY_MS);
    }
    if ((this.plantStates.get(plantId) ?? state).status === 'down') return;

    const lot = `LOT-${plantId.toUpperCase()}-${iso(dayStart).slice(0, 10).replace(/-/g, '')}`;
    this.lotNumber++;
    for (const size of SIZES) {
      const empties = [...this.serials(plantId, 'EMPTY', size)];
      for (let offset = 0; offset < empties.length; offset += MANIFOLD_SIZE) {
        const manifold = empties.slice(offset, offset + MANIFOLD_SIZE);
        const failed = this.random.next() < 0.03 ? manifold.splice(0, 1) : [];
        const purityPercent = plant.psa
          ? 92.5 + this.random.int(25) / 10
          : 99.5 + this.random.int(5) / 10;
        const fill = {
          plantId,
          manifoldId: `manifold-${1 + ((offset / MANIFOLD_SIZE) % 4)}`,
          lot,
          pressureBar: 130 + this.random.int(15),
          operatorId: `${plantId}-operator`,
        };
        if (manifold.length > 0) {
          const at = tick();
          const decision = decideFillCylinders(
            { ...fill, serials: manifold, purityPercent, at },
            this.cylinders,
            STANDARD_CYLINDER_CONFIG,
          );
          await this.recordCylinders(decision, this.actors.admin, at);
        }
        if (failed.length > 0) {
          const at = tick();
          const decision = decideFillCylinders(
            {
              ...fill,
              serials: failed,
              purityPercent: plant.psa ? 88.4 : 98.9,
              qcResult: 'failed',
              at,
            },
            this.cylinders,
            STANDARD_CYLINDER_CONFIG,
          );
          await this.recordCylinders(decision, this.actors.admin, at);
          this.quarantinedAfterQc.get(plantId)!.push(...failed);
          this.stats.qcFailures++;
        }
      }
    }
  }

  /** A share of the day's use: cylinders in use marked empty, as many full ones put in use. */
  private async wardUse(
    hospital: NationalHospital,
    from: number,
    to: number,
    share: number,
  ): Promise<void> {
    const hospitalId = hospital.facility.id;
    for (const size of SIZES) {
      const mean = hospital.dailyUse[size] * share;
      const count = Math.floor(mean) + (this.random.next() < mean % 1 ? 1 : 0);
      if (count === 0) continue;
      const step = (to - from) / (count * 2 + 1);
      let clock = from;
      const inUse = [...this.serials(hospitalId, 'IN_USE', size)];
      const full = [...this.serials(hospitalId, 'FULL', size)];
      for (let i = 0; i < count; i++) {
        const emptied = inUse[i];
        if (emptied) {
          clock += step;
          await this.cylinderCommand(emptied, {
            type: 'MarkCylinderEmpty',
            data: { serial: emptied, hospitalId, at: iso(clock) },
          });
        }
        const next = full[i];
        if (next) {
          clock += step;
          await this.cylinderCommand(next, {
            type: 'PutCylinderInUse',
            data: { serial: next, hospitalId, at: iso(clock) },
          });
        }
      }
      // now and then an empty goes missing on the wards
      const empties = [...this.serials(hospitalId, 'EMPTY', size)];
      if (empties.length > 0 && this.random.next() < 0.01) {
        const serial = empties[this.random.int(empties.length)];
        await this.cylinderCommand(serial, {
          type: 'ReportCylinderLost',
          data: { serial, reason: 'not found on the ward round', at: iso(to) },
        });
        this.stats.lost++;
      }
    }
  }

  private async census(hospital: NationalHospital, at: number): Promise<void> {
    const critical = this.random.int(Math.max(1, Math.ceil(hospital.beds.icu / 3)));
    const severe = this.random.int(Math.max(1, Math.ceil(hospital.beds.general / 25)));
    await this.demandCommand(hospital.facility.id, iso(at), {
      type: 'ReportOxygenCensus',
      data: { facilityId: hospital.facility.id, severe, critical, at: iso(at) },
    });
  }

  /** One truck's day: the hospitals furthest below target, topped up; empties back to the plant. */
  private async runTrip(plant: NationalPlant, vehicleId: string, departure: number): Promise<void> {
    const plantId = plant.facility.id;
    const available = new Map(
      SIZES.map((size) => [size, [...this.serials(plantId, 'FULL', size)]]),
    );
    const capacity: Record<Size, number> = { ...TRUCK_CAPACITY };
    const hospitals = this.network.hospitals
      .filter((hospital) => hospital.plantId === plantId)
      .map((hospital) => ({ hospital, shortfall: this.shortfall(hospital) }))
      .filter(({ shortfall }) => SIZES.some((size) => shortfall[size] > 0))
      .sort(
        (a, b) =>
          total(b.shortfall) / total(b.hospital.dailyUse) -
          total(a.shortfall) / total(a.hospital.dailyUse),
      )
      .slice(0, MAX_STOPS);
    const stops: { hospital: NationalHospital; delivered: string[] }[] = [];
    for (const { hospital, shortfall } of hospitals) {
      const delivered: string[] = [];
      for (const size of SIZES) {
        const count = Math.min(shortfall[size], capacity[size], available.get(size)!.length);
        delivered.push(...available.get(size)!.splice(0, count));
        capacity[size] -= count;
      }
      if (delivered.length > 0) stops.push({ hospital, delivered });
    }
    if (stops.length === 0) return;

    const driver = this.actors.driversByVehicle.get(vehicleId)!;
    const tripId = `trip-${String(++this.tripCount).padStart(6, '0')}`;
    const createdAt = iso(departure);
    const created = decideTrip(
      {
        type: 'CreateTrip',
        data: {
          tripId,
          at: createdAt,
          origin: { id: plantId, kind: 'producer' },
          supplierId: plant.facility.supplierId,
          vehicle: { id: vehicleId, capacityBySize: { ...TRUCK_CAPACITY } },
          driverId: driver.userId,
          stops: stops.map(({ hospital }) => ({ id: hospital.facility.id, kind: 'hospital' })),
          plannedAt: createdAt,
        },
      },
      this.trip(tripId),
    );
    const booked = bookVehicle(this.booking(vehicleId), { vehicleId, tripId, at: createdAt });
    await this.writer.record(
      [
        { streamName: tripStreamName(tripId), events: created },
        { streamName: vehicleBookingStreamName(vehicleId), events: booked },
      ],
      { actor: this.actors.admin, at: createdAt, correlationId: tripId },
    );
    this.trips.set(tripId, created.reduce(evolveTrip, this.trip(tripId)));
    this.bookings.set(vehicleId, booked.reduce(evolveVehicleBooking, this.booking(vehicleId)));

    const loadAt = iso(departure + 30 * MINUTE_MS);
    const serials = stops.flatMap(({ delivered }) => delivered);
    await this.tripOperation(
      tripId,
      driver,
      loadAt,
      decideLoadTrip({ tripId, serials, at: loadAt }, this.trip(tripId), this.cylinders),
    );

    for (const [index, { hospital, delivered }] of stops.entries()) {
      const at = iso(departure + 2 * HOUR_MS + index * 50 * MINUTE_MS);
      // empties come back as far as the truck has room once this stop's fulls are off
      const collected = SIZES.flatMap((size) => {
        const onBoard = this.serials(`trip:${tripId}`, 'IN_TRANSIT', size).size;
        const leaving = delivered.filter((serial) => this.sizeOf.get(serial) === size).length;
        const room = Math.max(0, TRUCK_CAPACITY[size] - onBoard + leaving);
        return [...this.serials(hospital.facility.id, 'EMPTY', size)].slice(0, room);
      });
      if (this.random.next() < 0.01 && delivered.length > 1) {
        await this.recordScanConflict(tripId, hospital.facility.id, delivered[0], at, driver);
      }
      await this.tripOperation(
        tripId,
        driver,
        at,
        decideDeliverAtStop(
          {
            tripId,
            facilityId: hospital.facility.id,
            delivered,
            collected,
            receivedBy: `Storekeeper of ${hospital.facility.name}`,
            at,
          },
          this.trip(tripId),
          this.cylinders,
        ),
      );
    }
    const unloadAt = iso(departure + 8 * HOUR_MS);
    const carried = this.onTrip(tripId);
    if (carried.length > 0) {
      await this.tripOperation(
        tripId,
        driver,
        unloadAt,
        decideUnloadTrip(
          {
            tripId,
            facility: { id: plantId, kind: 'producer', supplierId: plant.facility.supplierId },
            serials: carried,
            at: unloadAt,
          },
          this.trip(tripId),
          this.cylinders,
        ),
      );
    }
    const completeAt = iso(departure + 8 * HOUR_MS + 10 * MINUTE_MS);
    await this.tripOperation(
      tripId,
      driver,
      completeAt,
      decideCompleteTrip({ tripId, at: completeAt }, this.trip(tripId), this.cylinders),
    );
    this.stats.trips++;
  }

  /**
   * What `ScanConflictsService.keepIfConflict` records when a delivery confirmed offline is
   * refused: the driver's report as sent and the ledger's 409 answer.
   */
  private async recordScanConflict(
    tripId: string,
    facilityId: string,
    serial: string,
    at: string,
    driver: Actor,
  ): Promise<void> {
    const conflictId = this.writer.uuid();
    const event: ScanConflictRecorded = {
      type: 'ScanConflictRecorded',
      version: 1,
      data: {
        conflictId,
        tripId,
        facilityId,
        report: {
          facilityId,
          delivered: [serial],
          collected: [],
          receivedBy: 'storekeeper',
          occurredAt: at,
        },
        refusal: {
          statusCode: 409,
          error: 'Conflict',
          message: `Refused: cylinder ${serial} was recorded elsewhere while the device was offline`,
          violations: [
            { serial, rule: 'cylinder.not-on-this-trip', currentState: 'FULL at another facility' },
          ],
        },
        occurredAt: at,
        at,
      },
    };
    await this.writer.record(
      [{ streamName: scanConflictStreamName(conflictId), events: [event] }],
      { actor: driver, at },
    );
    this.openConflicts.push(evolveScanConflict(null, event)!);
    this.stats.scanConflicts++;
  }

  /** A dispatcher works through most of the review queue within a few days. */
  private async resolveSomeConflicts(at: number, day: number): Promise<void> {
    if (day % 3 !== 2) return;
    const keep = Math.ceil(this.openConflicts.length * 0.3);
    for (const conflict of this.openConflicts.splice(0, this.openConflicts.length - keep)) {
      const events = resolveScanConflict(
        conflict,
        this.random.next() < 0.5 ? 'corrected' : 'dismissed',
        'checked with the storekeeper',
        iso(at),
      );
      await this.writer.record(
        [{ streamName: scanConflictStreamName(conflict.conflictId), events }],
        { actor: this.actors.admin, at: iso(at) },
      );
    }
  }

  private shortfall(hospital: NationalHospital): Record<Size, number> {
    const id = hospital.facility.id;
    return Object.fromEntries(
      SIZES.map((size) => [
        size,
        Math.max(0, hospital.dailyUse[size] * TARGET_DAYS - this.serials(id, 'FULL', size).size),
      ]),
    ) as Record<Size, number>;
  }

  private async tripOperation(
    tripId: string,
    driver: Actor,
    at: string,
    decision: TripOperationDecision,
  ): Promise<void> {
    const before = this.trip(tripId);
    const after = decision.events.trip.reduce(evolveTrip, before);
    const release: StreamEvents[] = [];
    if (after.status === 'COMPLETED' && before.status !== 'NOT_CREATED') {
      const vehicleId = before.vehicleId;
      const events = releaseVehicle(this.booking(vehicleId), {
        vehicleId,
        tripId,
        outcome: 'completed',
        at,
      });
      release.push({ streamName: vehicleBookingStreamName(vehicleId), events });
      this.bookings.set(vehicleId, events.reduce(evolveVehicleBooking, this.booking(vehicleId)));
    }
    await this.writer.record([...decision.streams, ...release], {
      actor: driver,
      at,
      correlationId: tripId,
    });
    this.trips.set(tripId, after);
    for (const [serial, events] of decision.events.cylinders) this.evolve(serial, events);
  }

  private async recordCylinders(
    decision: CylindersDecision,
    actor: Actor,
    at: string,
  ): Promise<void> {
    await this.writer.record(decision.streams, { actor, at });
    for (const [serial, events] of decision.events.cylinders) this.evolve(serial, events);
  }

  private async cylinderCommand(
    serial: string,
    command: Parameters<typeof decideCylinder>[0],
  ): Promise<void> {
    const events = decideCylinder(
      command,
      this.cylinders.get(serial) ?? initialCylinderState(),
      STANDARD_CYLINDER_CONFIG,
    );
    await this.writer.record([{ streamName: `cylinder-${serial}`, events }], {
      actor: this.actors.admin,
      at: command.data.at,
    });
    this.evolve(serial, events);
  }

  private async plantCommand(
    plantId: string,
    at: string,
    command: Parameters<typeof decidePlant>[0],
  ): Promise<void> {
    const state = this.plantStates.get(plantId) ?? initialPlantState();
    const events = decidePlant(command, state);
    await this.writer.record([{ streamName: plantStreamName(plantId), events }], {
      actor: this.actors.admin,
      at,
    });
    this.plantStates.set(plantId, events.reduce(evolvePlant, state));
  }

  private async demandCommand(
    hospitalId: string,
    at: string,
    command: Parameters<typeof decideHospitalDemand>[0],
  ): Promise<void> {
    const state = this.demand.get(hospitalId) ?? initialHospitalDemand();
    const events = decideHospitalDemand(command, state);
    await this.writer.record([{ streamName: hospitalDemandStreamName(hospitalId), events }], {
      actor: this.actors.admin,
      at,
    });
    this.demand.set(hospitalId, events.reduce(evolveHospitalDemand, state));
  }

  /** Applies a cylinder's new events to the in-memory state and to the per-facility index. */
  private evolve(serial: string, events: CylinderEvent[]): void {
    if (events.length === 0) return;
    const before = this.cylinders.get(serial) ?? initialCylinderState();
    const after = events.reduce(evolveCylinder, before);
    this.cylinders.set(serial, after);
    this.unindex(serial, before);
    this.index(serial, after);
  }

  private index(serial: string, state: CylinderState): void {
    const key = indexKey(state);
    if (!key) return;
    if (state.status !== 'UNREGISTERED') this.sizeOf.set(serial, state.sizeCode as Size);
    let byKey = this.at.get(key.place);
    if (!byKey) this.at.set(key.place, (byKey = new Map()));
    let set = byKey.get(key.bucket(this.sizeOf.get(serial)!));
    if (!set) byKey.set(key.bucket(this.sizeOf.get(serial)!), (set = new Set()));
    set.add(serial);
  }

  private unindex(serial: string, state: CylinderState): void {
    const key = indexKey(state);
    if (!key) return;
    this.at
      .get(key.place)
      ?.get(key.bucket(this.sizeOf.get(serial)!))
      ?.delete(serial);
  }

  private serials(place: string, status: string, size: Size): Set<string> {
    return this.at.get(place)?.get(`${status}:${size}`) ?? new Set();
  }

  private serialsOfStatus(place: string, status: string): string[] {
    return SIZES.flatMap((size) => [...this.serials(place, status, size)]);
  }

  private onTrip(tripId: string): string[] {
    return this.serialsOfStatus(`trip:${tripId}`, 'IN_TRANSIT');
  }

  private trip(tripId: string): TripState {
    return this.trips.get(tripId) ?? initialTripState();
  }

  private booking(vehicleId: string): VehicleBookingState {
    return this.bookings.get(vehicleId) ?? initialVehicleBookingState();
  }
}

function indexKey(
  state: CylinderState,
): { place: string; bucket: (size: string) => string } | undefined {
  if (state.status === 'UNREGISTERED' || state.status === 'LOST') return undefined;
  const place =
    state.location.kind === 'facility'
      ? state.location.facilityId
      : `trip:${state.location.tripId}`;
  return { place, bucket: (size) => `${state.status}:${size}` };
}

function total(counts: Record<Size, number>): number {
  return counts.J + counts.E + counts.D || 1;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
