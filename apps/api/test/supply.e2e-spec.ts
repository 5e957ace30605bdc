import {
  createScratchDatabase,
  type ScratchDatabase,
} from '@oxyledger/config/testing/scratch-database';
import { EVENT_STORE, type EventStore } from '@oxyledger/event-store';
import { ProjectorService } from '@oxyledger/read-models';
import { DataSource } from 'typeorm';
import {
  readActualReadModels,
  readLedger,
  recomputeFromLedger,
} from '../../../libs/read-models/test/recompute-read-models';
import { NetworkService } from '@oxyledger/network';
import { startTestApp, type TestApp } from './support/test-app';
import { projectorCaughtUp } from './support/projector';
import { WorkloadWorld } from './support/workload-world';

// catching the projector up scans the run's whole ledger, which grows through the suite
jest.setTimeout(180_000);

/**
 * A random but valid workload through the api (hundreds of cylinders, many trips), then every
 * read model checked against an independent recomputation from the ledger, and the query api
 * against what the workload itself knows it did.
 */
describe('api (e2e): the supply picture after a random workload', () => {
  const SEED = Number(process.env.WORKLOAD_SEED ?? 20261126);
  let database: ScratchDatabase;
  let api: TestApp;
  let tokens: Record<string, string>;
  const drivers: { id: string; accessToken: string; supplierId: string }[] = [];
  const world = new WorkloadWorld(SEED);
  let snapshot: { at: string; hospital: string; counts: Record<string, number> };

  const plants = [
    { id: 'plant-basra', governorate: 'Basra', owner: 'basra-oxygen', vehicle: 'truck-basra' },
    { id: 'plant-mosul', governorate: 'Nineveh', owner: 'nineveh-gas', vehicle: 'truck-mosul' },
  ];
  const hospitals = [
    { id: 'hospital-basra-general', governorate: 'Basra' },
    { id: 'hospital-basra-teaching', governorate: 'Basra' },
    { id: 'hospital-mosul-republican', governorate: 'Nineveh' },
    { id: 'hospital-mosul-al-salam', governorate: 'Nineveh' },
  ];
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    database = await createScratchDatabase('supply');
    api = await startTestApp({ databaseUrl: database.url });
    const network = api.app.get(NetworkService);
    for (const plant of plants) {
      await network.ensureFacility({
        id: plant.id,
        kind: 'producer',
        name: plant.id,
        governorate: plant.governorate,
        latitude: 33,
        longitude: 44,
        supplierId: plant.owner,
      });
      await network.ensureVehicle({
        id: plant.vehicle,
        registrationPlate: plant.vehicle.toUpperCase(),
        depotFacilityId: plant.id,
        capacity: { J: 80, E: 80 },
        supplierId: plant.owner,
      });
    }
    for (const hospital of hospitals) {
      await network.ensureFacility({
        id: hospital.id,
        kind: 'hospital',
        name: hospital.id,
        governorate: hospital.governorate,
        latitude: 33,
        longitude: 44,
      });
    }
    tokens = {
      admin: (await api.login('admin')).accessToken,
      analyst: (await api.login('analyst')).accessToken,
      dispatcher: (await api.login('dispatcher')).accessToken,
      basraDispatcher: (await api.login('dispatcher', { supplierId: 'basra-oxygen' })).accessToken,
      hospital0: (await api.login('hospital', { facilityId: hospitals[0].id })).accessToken,
    };
    for (const plant of plants) {
      tokens[plant.id] = (await api.login('producer', { facilityId: plant.id })).accessToken;
    }
    // a trip runs on its supplier's own drivers: two each
    for (const plant of plants) {
      for (const _ of [1, 2]) {
        const driver = await api.login('driver', { supplierId: plant.owner });
        drivers.push({ ...driver, supplierId: plant.owner });
      }
    }
    api.app.get(ProjectorService).start();
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  async function call(method: 'post' | 'get', path: string, token: string, body?: object) {
    const request = api.http()[method](path).set(auth(token));
    const response = body ? await request.send(body) : await request;
    if (response.status >= 300) {
      throw new Error(
        `${method.toUpperCase()} ${path} → ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    return response.body as Record<string, unknown>;
  }

  async function registerAndFill(plant: (typeof plants)[number], count: number) {
    const cylinders = world.newCylinders(plant.id, plant.owner, count);
    await call('post', '/cylinders', tokens[plant.id], {
      facilityId: plant.id,
      cylinders: cylinders.map((c) => ({
        serial: c.serial,
        sizeCode: c.sizeCode,
        ownerId: plant.owner,
        gasGrade: 'oxygen-99.5',
        manufactureDate: '2021-03-01',
        lastTestDate: world.pick(['2022-01-15', '2024-05-01', '2025-06-01']),
      })),
    });
    await fill(
      plant,
      cylinders.filter(() => world.chance(0.85)).map((c) => c.serial),
    );
  }

  async function fill(plant: (typeof plants)[number], serials: string[]) {
    if (serials.length === 0) return;
    await call('post', '/cylinders/fills', tokens[plant.id], {
      plantId: plant.id,
      serials,
      lot: `LOT-${world.fills.length}`,
      purityPercent: 99.5,
      pressureBar: 137,
      operatorId: 'op-1',
    });
    for (const serial of serials) world.fill(serial, plant.id);
  }

  async function runTrip(plant: (typeof plants)[number]) {
    const stops = world.sample(
      hospitals.filter((h) => h.governorate === plant.governorate),
      world.chance(0.5) ? 2 : 1,
    );
    const driver = world.pick(drivers.filter((d) => d.supplierId === plant.owner));
    const { tripId } = (await call('post', '/trips', tokens.dispatcher, {
      originFacilityId: plant.id,
      vehicleId: plant.vehicle,
      driverUserId: driver.id,
      stops: stops.map((s) => s.id),
      plannedAt: new Date().toISOString(),
    })) as { tripId: string };
    const load = world.sample(world.at(plant.id, 'FULL'), Math.min(40, world.int(5, 30)));
    if (load.length === 0) {
      // nothing to carry: called off, which frees the truck for the next trip
      await call('post', `/trips/${tripId}/cancel`, tokens.dispatcher, { reason: 'no stock' });
      return;
    }
    await call('post', `/trips/${tripId}/load`, driver.accessToken, { serials: load });
    world.load(load, tripId);
    for (const stop of stops) {
      const onBoardFull = world.onTrip(tripId, 'full');
      const delivered = world.sample(onBoardFull, world.int(0, onBoardFull.length));
      const collected = world.sample(world.at(stop.id, 'EMPTY'), world.int(0, 10));
      if (delivered.length === 0 && collected.length === 0) continue;
      await call('post', `/trips/${tripId}/deliveries`, driver.accessToken, {
        facilityId: stop.id,
        delivered,
        collected,
        receivedBy: 'Store keeper',
      });
      world.deliver(delivered, stop.id);
      world.collect(collected, tripId);
    }
    const onBoard = world.onTrip(tripId);
    const missing = world.chance(0.2) ? world.sample(onBoard, 1) : [];
    const unload = onBoard.filter((serial) => !missing.includes(serial));
    if (unload.length > 0) {
      await call('post', `/trips/${tripId}/unload`, driver.accessToken, {
        facilityId: plant.id,
        serials: unload,
      });
      world.unload(unload, plant.id);
    }
    await call('post', `/trips/${tripId}/complete`, driver.accessToken, {
      missingSerials: missing,
    });
    world.lose(missing);
    world.trips.push(tripId);
  }

  async function hospitalDay(hospitalId: string) {
    const token = tokens.admin;
    for (const serial of world.sample(world.at(hospitalId, 'FULL'), world.int(0, 6))) {
      await call('post', `/cylinders/${serial}/in-use`, token, {});
      world.set(serial, { status: 'IN_USE' });
    }
    for (const serial of world.sample(world.at(hospitalId, 'IN_USE'), world.int(0, 6))) {
      await call('post', `/cylinders/${serial}/empty`, token, {});
      world.set(serial, { status: 'EMPTY' });
    }
  }

  async function incidents() {
    const resting = world.cylinders.filter(
      (c) => ['FULL', 'EMPTY'].includes(c.status) && c.facilityId,
    );
    for (const cylinder of world.sample(resting, 3)) {
      await call('post', `/cylinders/${cylinder.serial}/quarantine`, tokens.admin, {
        reason: 'Valve leak',
      });
      const returnTo = cylinder.status;
      world.set(cylinder.serial, { status: 'QUARANTINED' });
      const fate = world.random();
      if (fate < 0.5) {
        await call('post', `/cylinders/${cylinder.serial}/condemn`, tokens.admin, {
          reason: 'Shell corroded',
        });
        world.set(cylinder.serial, { status: 'CONDEMNED' });
      } else if (fate < 0.75) {
        await call('post', `/cylinders/${cylinder.serial}/release`, tokens.admin, {});
        world.set(cylinder.serial, { status: returnTo });
      }
    }
    for (const cylinder of world.sample(
      world.cylinders.filter((c) => c.status === 'EMPTY' && c.facilityId),
      1,
    )) {
      await call('post', `/cylinders/${cylinder.serial}/lost`, tokens.admin, {
        reason: 'Not found',
      });
      world.set(cylinder.serial, { status: 'LOST' });
    }
  }

  it('drives the workload, and every read model equals its recomputation from the ledger', async () => {
    for (const plant of plants) await registerAndFill(plant, 150);

    for (let round = 0; round < 10; round++) {
      if (round === 5) {
        snapshot = {
          at: new Date().toISOString(),
          hospital: hospitals[0].id,
          counts: world.countsAt(hospitals[0].id),
        };
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const plant of plants) {
        await runTrip(plant);
        await fill(plant, world.sample(world.at(plant.id, 'EMPTY'), world.int(0, 20)));
      }
      for (const hospital of hospitals) await hospitalDay(hospital.id);
      if (round % 3 === 0) await incidents();
    }

    const statuses = await projectorCaughtUp(api);
    expect(statuses.map((s) => [s.name, s.state, s.lag.events])).toEqual([
      ['cylinders', 'live', 0],
      ['trips', 'live', 0],
      ['route-plans', 'live', 0],
      ['delivery-receipts', 'live', 0],
      ['help-requests', 'live', 0],
      ['stream-states', 'live', 0],
    ]);

    const events = await readLedger(api.app.get<EventStore>(EVENT_STORE));
    const expected = recomputeFromLedger(events);
    const actual = await readActualReadModels(api.app.get(DataSource));
    expect(actual.stock).toEqual(expected.stock);
    expect(actual.cylinders).toEqual(expected.cylinders);
    expect(actual.dailyFills).toEqual(expected.dailyFills);
    expect(actual.trips).toEqual(expected.trips);
    expect(actual.visits).toEqual(expected.visits);

    // the workload's own view of each cylinder agrees with the ledger (diagnosed by serial)
    const ledgerStatus = new Map(expected.cylinders.map((c) => [c.serial, c.status]));
    const disagreements = world.cylinders
      .filter((c) => ledgerStatus.get(c.serial) !== c.status)
      .map((c) => ({
        serial: c.serial,
        workload: c.status,
        ledger: ledgerStatus.get(c.serial),
        events: events
          .filter((e) => e.streamName === `cylinder-${c.serial}`)
          .map((e) => `${e.type}@${(e.data as { at: string }).at}`),
      }));
    expect(disagreements).toEqual([]);
    const counted = expected.stock.reduce((sum, row) => sum + row.count, 0);
    expect(counted).toBe(world.cylinders.filter((c) => c.status !== 'CONDEMNED').length);
    expect(world.trips.length).toBeGreaterThanOrEqual(10);
  }, 240_000);

  it('answers stock per facility, governorate, country and supplier as the workload left it', async () => {
    for (const hospital of hospitals) {
      const stock = await call('get', `/facilities/${hospital.id}/stock`, tokens.analyst);
      expect(stock).toMatchObject({ facilityId: hospital.id, source: 'read-model' });
      expect(stock.byStatus).toEqual(world.countsAt(hospital.id));
    }
    const national = (await call('get', '/stock/national', tokens.analyst)) as {
      cylinders: number;
      oxygenLitres: number;
      byGovernorate: { governorate: string; cylinders: number }[];
    };
    const fleet = world.cylinders.filter((c) => c.status !== 'CONDEMNED');
    expect(national.cylinders).toBe(fleet.length);
    expect(national.oxygenLitres).toBe(world.oxygenLitres());
    const basra = national.byGovernorate.find((g) => g.governorate === 'Basra')!;
    expect(basra.cylinders).toBe(
      fleet.filter(
        (c) => c.facilityId && world.governorateOf(c.facilityId, plants, hospitals) === 'Basra',
      ).length,
    );

    const float = (await call('get', '/suppliers/basra-oxygen/float', tokens.basraDispatcher)) as {
      cylinders: number;
      byCategory: Record<string, number>;
    };
    const basraFleet = fleet.filter((c) => c.ownerId === 'basra-oxygen');
    expect(float.cylinders).toBe(basraFleet.length);
    expect(float.byCategory.hospital).toBe(
      basraFleet.filter((c) => c.facilityId?.startsWith('hospital-')).length,
    );
    expect(float.byCategory['own-plant']).toBe(
      basraFleet.filter((c) => c.facilityId === 'plant-basra').length,
    );

    const fills = (await call('get', '/fills/daily', tokens.analyst)) as { totalCylinders: number };
    expect(fills.totalCylinders).toBe(world.fills.length);

    const lost = (await call('get', '/attention/lost', tokens.analyst)) as { total: number };
    expect(lost.total).toBe(world.cylinders.filter((c) => c.status === 'LOST').length);

    const trips = (await call('get', '/trips?status=COMPLETED', tokens.dispatcher)) as {
      total: number;
    };
    expect(trips.total).toBe(world.trips.length);
  });

  it('recomputes a facility’s stock at a past instant from its stock movements', async () => {
    const past = await call(
      'get',
      `/facilities/${snapshot.hospital}/stock?at=${encodeURIComponent(snapshot.at)}`,
      tokens.analyst,
    );
    expect(past).toMatchObject({ source: 'stock-movements', at: snapshot.at });
    expect(past.byStatus).toEqual(snapshot.counts);
  });

  it('keeps each reader to their scope, and names the field of a bad filter', async () => {
    const other = await api
      .http()
      .get(`/facilities/${hospitals[1].id}/stock`)
      .set(auth(tokens.hospital0));
    expect(other.status).toBe(403);
    const own = await api.http().get('/stock/facilities').set(auth(tokens.hospital0)).expect(200);
    expect(own.body.items.map((item: { facilityId: string }) => item.facilityId)).toEqual([
      hospitals[0].id,
    ]);
    await api.http().get('/stock/national').set(auth(drivers[0].accessToken)).expect(403);
    await api
      .http()
      .get('/suppliers/nineveh-gas/float')
      .set(auth(tokens.basraDispatcher))
      .expect(403);
    const mine = await api.http().get('/trips').set(auth(drivers[0].accessToken)).expect(200);
    expect(
      mine.body.items.every((trip: { driverId: string }) => trip.driverId === drivers[0].id),
    ).toBe(true);

    const bad = await api.http().get('/stock/facilities?status=BROKEN').set(auth(tokens.analyst));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('status');
    const future = await api
      .http()
      .get(`/facilities/${hospitals[0].id}/stock?at=2999-01-01T00:00:00Z`)
      .set(auth(tokens.analyst));
    expect(future.status).toBe(400);
  });
});
