import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@oxyledger/event-store';
import type { Actor } from '../access/actor';
import { UsersService } from '../access/users/users.service';
import { RegisterCylindersCommand } from '../ledger/cylinders/commands/register-cylinders/register-cylinders.command';
import { FillCylindersCommand } from '../ledger/cylinders/commands/fill-cylinders/fill-cylinders.command';
import {
  ChangeCylinderCommand,
  type CylinderChange,
} from '../ledger/cylinders/commands/change-cylinder/change-cylinder.command';
import { commandContext } from '../ledger/command-context';
import { CreateTripCommand } from '../ledger/trips/commands/create-trip/create-trip.command';
import { LoadTripCommand } from '../ledger/trips/commands/load-trip/load-trip.command';
import { DeliverAtStopCommand } from '../ledger/trips/commands/deliver-at-stop/deliver-at-stop.command';
import { CompleteTripCommand } from '../ledger/trips/commands/complete-trip/complete-trip.command';
import { ChangeHospitalDemandCommand } from '../demand/commands/change-hospital-demand/change-hospital-demand.command';
import { NetworkService } from '@oxyledger/network';
import { ChangePlantCommand } from '../plants/commands/change-plant/change-plant.command';
import {
  DEMO_PASSWORD,
  DEMO_REGIONS,
  DEMO_SIZE_MIX,
  DEMO_USERS,
  type DemoRegion,
} from './demo-network';
import { DemoPartnersSeed } from './demo-partners.seed';
import { SeededRandom } from './seeded-random';

const CYLINDERS_PER_PLANT = 48;
/**
 * Full cylinders each plant filled this morning and holds for the next plan: about half a day of
 * its filling line (150 J a day), mostly J for the hospitals' manifolds, some E and D for
 * transport and wards. Enough for one truck to bring its region's hospitals up to their target.
 */
const PLANT_STOCK: Record<string, number> = { J: 72, E: 24, D: 12 };
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface DemoSeedReport {
  seeded: boolean;
  reason?: string;
  cylinders?: number;
  logins: { username: string; role: string; password: string }[];
}

/**
 * Fills an empty platform with a small Iraqi network through the real command path: the same
 * commands, checks and events a user's requests produce. Never runs when the ledger or the user
 * table holds anything.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger('DemoSeed');
  /** When the seed started: the demo's history ends here, so the picture is current. */
  private now = Date.now();
  /** The time of the next step; steps are a few minutes apart. */
  private clock = this.now;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: CommandBus,
    private readonly users: UsersService,
    private readonly network: NetworkService,
    private readonly partners: DemoPartnersSeed,
  ) {}

  async seedIfEmpty(): Promise<DemoSeedReport> {
    const logins = DEMO_USERS.map(({ username, role }) => ({
      username,
      role,
      password: DEMO_PASSWORD,
    }));
    if ((await this.store.readAll({ maxCount: 1 })).length > 0) {
      return { seeded: false, reason: 'the ledger already holds events', logins };
    }
    if ((await this.users.listUsers({ page: 1, pageSize: 1 })).total > 0) {
      return { seeded: false, reason: 'users already exist', logins };
    }

    this.now = Date.now();
    for (const region of DEMO_REGIONS) {
      await this.network.ensureFacility(region.producer);
      for (const hospital of region.hospitals) await this.network.ensureFacility(hospital);
      for (const truck of [1, 2]) {
        await this.network.ensureVehicle({
          id: `${region.producer.id}-truck-${truck}`,
          registrationPlate: `IQ ${region.producer.governorate.slice(0, 3).toUpperCase()} 100${truck}`,
          depotFacilityId: region.producer.id,
          capacity: { J: 60, E: 120, D: 200 },
          supplierId: region.producer.supplierId,
        });
      }
      // a trip runs on its supplier's own drivers: the planner's and the seed's alike
      await this.users.ensureUser({
        username: `driver-${region.producer.id}`,
        role: 'driver',
        displayName: `Driver of ${region.producer.name}`,
        supplierId: region.producer.supplierId,
        homePlantId: region.producer.id,
        password: DEMO_PASSWORD,
      });
      // Baghdad's home driver is free (Karim drives its trip under way); elsewhere the home
      // driver drives it, so a second one is there for the next plan's free truck
      if (region !== DEMO_REGIONS[0]) {
        await this.users.ensureUser({
          username: `driver-2-${region.producer.id}`,
          role: 'driver',
          displayName: `Second driver of ${region.producer.name}`,
          supplierId: region.producer.supplierId,
          homePlantId: region.producer.id,
          password: DEMO_PASSWORD,
        });
      }
    }
    const accounts = new Map<string, Actor>();
    for (const user of DEMO_USERS) {
      const { user: created } = await this.users.ensureUser({ ...user, password: DEMO_PASSWORD });
      accounts.set(user.username, {
        userId: created.id,
        role: created.role,
        facilityId: created.facilityId ?? undefined,
      });
    }
    const admin = accounts.get('admin')!;

    const random = new SeededRandom(2026);
    let cylinders = 0;
    for (const [index, region] of DEMO_REGIONS.entries()) {
      // the demo `driver` drives for the first region's supplier; the others have their own
      const username = index === 0 ? 'driver' : `driver-${region.producer.id}`;
      const { user } = await this.users.ensureUser({
        username,
        role: 'driver',
        displayName: username === 'driver' ? 'Driver Karim' : `Driver of ${region.producer.name}`,
        supplierId: region.producer.supplierId,
        password: DEMO_PASSWORD,
      });
      const driver: Actor = { userId: user.id, role: 'driver' };
      cylinders += await this.seedRegion(region, index, admin, driver, random);
    }
    this.goTo(HOUR_MS);
    await this.seedDemandAndCapacity(admin);
    const helpRequests = await this.partners.seed(accounts, this.now);
    this.logger.log(`Seeded the partner directory and ${helpRequests} help requests`);
    this.logger.log(`Seeded ${cylinders} cylinders in ${DEMO_REGIONS.length} regions`);
    return { seeded: true, cylinders, logins };
  }

  /**
   * Per plant, over the last two weeks up to now: cylinders registered, most filled (one fill
   * failing QC); a completed trip to its hospitals three days ago; use on the wards since, with
   * empties waiting at both hospitals for collection; a trip under way this morning that
   * collected one of them; a few quarantined, condemned, lost.
   */
  private async seedRegion(
    region: DemoRegion,
    index: number,
    admin: Actor,
    driver: Actor,
    random: SeededRandom,
  ): Promise<number> {
    const plantId = region.producer.id;
    const prefix = plantId.split('-')[0].slice(0, 3).toUpperCase();
    const serials = Array.from(
      { length: CYLINDERS_PER_PLANT },
      (_, i) => `IQ-${prefix}-${String(i + 1).padStart(5, '0')}`,
    );
    // PSA plants fill oxygen 93 %; the air separation unit, liquid-grade 99.5 %
    const psa = region.producer.name.includes('Air Separation') === false;
    const gasGrade = psa ? 'oxygen-93' : 'oxygen-99.5';
    const purity = () => (psa ? 92.5 + random.int(25) / 10 : 99.5 + random.int(4) / 10);
    this.clock = this.now - 14 * DAY_MS; // each region's two weeks, up to now

    await this.run(
      admin,
      (ctx) =>
        new RegisterCylindersCommand(
          plantId,
          serials.map((serial, i) => ({
            serial,
            // in turn, not at random: the few cylinders emptied at the hospitals are all J, so
            // their need is counted in the J cylinders their manifolds use, not in small E ones
            sizeCode: DEMO_SIZE_MIX[i % DEMO_SIZE_MIX.length],
            ownerId: region.producer.supplierId,
            gasGrade,
            manufactureDate: `20${String(15 + random.int(8)).padStart(2, '0')}-0${1 + random.int(9)}-15`,
            lastTestDate: `2025-0${1 + random.int(9)}-10`,
          })),
          ctx,
        ),
    );
    const full = serials.slice(0, 40);
    const neverFilled = serials.slice(40);
    this.goTo(10 * DAY_MS);
    const lot = `LOT-${prefix}-${new Date(this.clock).toISOString().slice(0, 10).replace(/-/g, '')}`;
    await this.run(
      admin,
      (ctx) =>
        new FillCylindersCommand(
          {
            plantId,
            serials: full,
            manifoldId: 'manifold-1',
            lot,
            purityPercent: purity(),
            pressureBar: 137,
            operatorId: `${plantId}-operator`,
          },
          ctx,
        ),
    );
    // one cylinder on the manifold read low: recorded as a failed QC check, held in quarantine
    await this.run(
      admin,
      (ctx) =>
        new FillCylindersCommand(
          {
            plantId,
            serials: [neverFilled[1]],
            manifoldId: 'manifold-1',
            lot,
            purityPercent: psa ? 88.4 : 98.9,
            pressureBar: 137,
            operatorId: `${plantId}-operator`,
            qcResult: 'failed',
          },
          ctx,
        ),
    );

    const [first, second] = region.hospitals;
    const delivered = full.slice(0, 20);
    const completedTrip = tripId(index, 1);
    this.goTo(3 * DAY_MS);
    await this.trip(admin, driver, completedTrip, plantId, vehicleOf(plantId), [
      first.id,
      second.id,
    ]);
    // one more goes on the truck and never comes off: declared missing, flagged by reconciliation
    const leftOnTruck = full[39];
    await this.run(
      driver,
      (ctx) => new LoadTripCommand(completedTrip, [...delivered, leftOnTruck], ctx),
      completedTrip,
    );
    await this.deliver(driver, completedTrip, first.id, delivered.slice(0, 10), []);
    await this.deliver(driver, completedTrip, second.id, delivered.slice(10), []);
    await this.run(
      driver,
      (ctx) => new CompleteTripCommand(completedTrip, [leftOnTruck], ctx),
      completedTrip,
    );

    this.goTo(2 * DAY_MS);
    const inUse = delivered.slice(0, 6);
    const inUseThere = delivered.slice(10, 13);
    for (const serial of [...inUse, ...inUseThere])
      await this.change(admin, serial, { type: 'PutCylinderInUse', data: {} });
    this.goTo(DAY_MS);
    const emptied = inUse.slice(0, 3);
    for (const serial of [...emptied, ...inUseThere.slice(0, 2)])
      await this.change(admin, serial, { type: 'MarkCylinderEmpty', data: {} });

    // this morning: a trip under way collects one empty; the others wait for the next plan
    this.goTo(3 * HOUR_MS);
    const underWay = tripId(index, 2);
    const onTruck = full.slice(20, 28);
    await this.trip(admin, driver, underWay, plantId, vehicleOf(plantId), [first.id]);
    await this.run(driver, (ctx) => new LoadTripCommand(underWay, onTruck, ctx), underWay);
    await this.deliver(driver, underWay, first.id, onTruck.slice(0, 4), emptied.slice(0, 1));

    for (const serial of full.slice(28, 30)) {
      await this.change(admin, serial, {
        type: 'QuarantineCylinder',
        data: { reason: 'Valve leak found at inspection' },
      });
    }
    await this.change(admin, neverFilled[0], {
      type: 'QuarantineCylinder',
      data: { reason: 'Dented shoulder' },
    });
    await this.change(admin, neverFilled[0], {
      type: 'CondemnCylinder',
      data: { reason: 'Dented shoulder: beyond repair' },
    });
    await this.change(admin, inUse[5], {
      type: 'ReportCylinderLost',
      data: { reason: 'Not found on the ward' },
    });
    return serials.length + (await this.fillMorningStock(region, prefix, gasGrade, purity, admin));
  }

  /** This morning's fills at the plant: new cylinders registered and filled in one lot per size. */
  private async fillMorningStock(
    region: DemoRegion,
    prefix: string,
    gasGrade: string,
    purity: () => number,
    admin: Actor,
  ): Promise<number> {
    const plantId = region.producer.id;
    let next = CYLINDERS_PER_PLANT;
    const bySize = Object.entries(PLANT_STOCK).map(([sizeCode, count]) => ({
      sizeCode,
      serials: Array.from(
        { length: count },
        () => `IQ-${prefix}-${String(++next).padStart(5, '0')}`,
      ),
    }));
    this.goTo(6 * HOUR_MS);
    await this.run(
      admin,
      (ctx) =>
        new RegisterCylindersCommand(
          plantId,
          bySize.flatMap(({ sizeCode, serials }) =>
            serials.map((serial) => ({
              serial,
              sizeCode,
              ownerId: region.producer.supplierId,
              gasGrade,
              manufactureDate: '2024-06-15',
              lastTestDate: '2025-06-10',
            })),
          ),
          ctx,
        ),
    );
    const day = new Date(this.clock).toISOString().slice(0, 10).replace(/-/g, '');
    for (const { sizeCode, serials } of bySize) {
      await this.run(
        admin,
        (ctx) =>
          new FillCylindersCommand(
            {
              plantId,
              serials,
              manifoldId: 'manifold-1',
              lot: `LOT-${prefix}-${day}-${sizeCode}`,
              purityPercent: purity(),
              pressureBar: 137,
              operatorId: `${plantId}-operator`,
            },
            ctx,
          ),
      );
    }
    return bySize.reduce((sum, { serials }) => sum + serials.length, 0);
  }

  private trip(
    admin: Actor,
    driver: Actor,
    id: string,
    origin: string,
    vehicleId: string,
    stops: string[],
  ) {
    return this.run(
      admin,
      (ctx) =>
        new CreateTripCommand(
          {
            tripId: id,
            originFacilityId: origin,
            vehicleId,
            driverUserId: driver.userId,
            stops,
            plannedAt: ctx.occurredAt,
          },
          ctx,
        ),
      id,
    );
  }

  private deliver(
    driver: Actor,
    trip: string,
    facilityId: string,
    delivered: string[],
    collected: string[],
  ) {
    return this.run(
      driver,
      (ctx) =>
        new DeliverAtStopCommand(
          trip,
          { facilityId, delivered, collected, receivedBy: 'Store keeper' },
          ctx,
        ),
      trip,
    );
  }

  /**
   * Beds and a census for every hospital (small wards to a busy ICU, so the supply picture shows
   * every level), and each plant's capacity, one of them degraded.
   */
  private async seedDemandAndCapacity(admin: Actor): Promise<void> {
    const hospitals = DEMO_REGIONS.flatMap((region) => region.hospitals);
    for (const [i, hospital] of hospitals.entries()) {
      const facilityId = hospital.id;
      const beds = { general: 10 + 15 * (i % 4), icu: i % 3, neonatal: i % 2 ? 4 : 0 };
      await this.run(
        admin,
        (ctx) =>
          new ChangeHospitalDemandCommand(facilityId, { type: 'SetHospitalBeds', beds }, ctx),
      );
      await this.run(
        admin,
        (ctx) =>
          new ChangeHospitalDemandCommand(
            facilityId,
            { type: 'ReportOxygenCensus', severe: i % 3, critical: i % 5 === 4 ? 1 : 0 },
            ctx,
          ),
      );
    }
    for (const [i, region] of DEMO_REGIONS.entries()) {
      const facilityId = region.producer.id;
      await this.run(
        admin,
        (ctx) =>
          new ChangePlantCommand(
            facilityId,
            {
              type: 'SetPlantCapacity',
              data: {
                outputCubicMetresPerHour: 30 + 10 * i,
                hoursPerDay: 20,
                fillLimitsPerDay: { J: 150 },
              },
            },
            ctx,
          ),
      );
    }
    const degraded = DEMO_REGIONS[DEMO_REGIONS.length - 1].producer.id;
    await this.run(
      admin,
      (ctx) =>
        new ChangePlantCommand(
          degraded,
          {
            type: 'ChangePlantStatus',
            data: {
              status: 'degraded',
              reason: 'One compressor under repair',
              capacityPercent: 60,
            },
          },
          ctx,
        ),
    );
  }

  private change(actor: Actor, serial: string, change: CylinderChange) {
    return this.run(actor, (ctx) => new ChangeCylinderCommand(serial, change, ctx));
  }

  /** Moves the clock to `ago` before the seed started; never back, so a region's history is in order. */
  private goTo(ago: number): void {
    this.clock = Math.max(this.clock, this.now - ago);
  }

  /** Each step happens a few minutes after the previous one, and never after the seed started. */
  private run(
    actor: Actor,
    command: (ctx: ReturnType<typeof commandContext>) => object,
    correlationId?: string,
  ) {
    this.clock = Math.min(this.clock + 3 * 60_000, this.now);
    const occurredAt = new Date(this.clock).toISOString();
    return this.commands.execute(command(commandContext(actor, { occurredAt, correlationId })));
  }
}

function vehicleOf(plantId: string): string {
  return `${plantId}-truck-1`;
}

/** Deterministic trip ids, in UUID form as the API expects. */
function tripId(region: number, trip: number): string {
  const n = (region * 100 + trip).toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${n}`;
}
