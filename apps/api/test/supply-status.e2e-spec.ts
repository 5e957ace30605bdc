import {
  createScratchDatabase,
  type ScratchDatabase,
} from '@oxyledger/config/testing/scratch-database';
import { EVENT_STORE, type EventStore } from '@oxyledger/event-store';
import { projectionStatuses, ProjectorService } from '@oxyledger/read-models';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { PlannerTrigger, PlannerWake } from '@oxyledger/planner';
import {
  SUPPLY_LEVELS_CHECKPOINT,
  SUPPLY_LEVELS_FILTER,
  SupplyLevelWatcher,
} from '@oxyledger/supply';
import { NetworkService } from '@oxyledger/network';
import { planTrip, registerFullCylinders } from './support/ledger-steps';
import { projectorCaughtUp } from './support/projector';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A hospital's supply status end to end: beds set, full cylinders delivered through trips, the
 * status read back with the figures worked out by hand.
 */
describe('api (e2e): supply status per hospital, governorate and nation', () => {
  let database: ScratchDatabase;
  let api: TestApp;
  let producer: string;
  let dispatcher: string;
  let hospitalStaff: string;
  let otherStaff: string;
  let analyst: string;
  let driver: { id: string; accessToken: string };
  let nextSerial = 0;
  const plant = 'plant-basra';
  const hospital = 'hospital-north';
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    database = await createScratchDatabase('supplystatus');
    // a queue of this test's own, so its jobs can be counted
    process.env.QUEUE_PREFIX = `oxyledger-test-${randomUUID().slice(0, 8)}`;
    api = await startTestApp({ databaseUrl: database.url });
    const network = api.app.get(NetworkService);
    // one degree of latitude apart: 111.19 km
    await network.ensureFacility({
      id: plant,
      kind: 'producer',
      name: 'Basra PSA',
      governorate: 'Basra',
      latitude: 30.5,
      longitude: 47.8,
      supplierId: 'basra-oxygen',
    });
    await network.ensureFacility({
      id: hospital,
      kind: 'hospital',
      name: 'North Basra Hospital',
      governorate: 'Basra',
      latitude: 31.5,
      longitude: 47.8,
    });
    await network.ensureFacility({
      id: 'hospital-other',
      kind: 'hospital',
      name: 'Other Hospital',
      governorate: 'Nineveh',
      latitude: 36.3,
      longitude: 43.1,
    });
    await network.ensureVehicle({
      id: 'truck-basra',
      registrationPlate: 'BSR 1',
      depotFacilityId: plant,
      capacity: { J: 40 },
      supplierId: 'basra-oxygen',
    });
    producer = (await api.login('producer', { facilityId: plant })).accessToken;
    dispatcher = (await api.login('dispatcher')).accessToken;
    hospitalStaff = (await api.login('hospital', { facilityId: hospital })).accessToken;
    otherStaff = (await api.login('hospital', { facilityId: 'hospital-other' })).accessToken;
    analyst = (await api.login('analyst')).accessToken;
    driver = await api.login('driver', { supplierId: 'basra-oxygen' });
    api.app.get(ProjectorService).start();
    await api.app.get(SupplyLevelWatcher).start();
    api.app.get(PlannerWake).start();
  });

  afterAll(async () => {
    await api?.app.get(PlannerTrigger).queue.obliterate({ force: true });
    await api?.close();
    delete process.env.QUEUE_PREFIX;
    await database?.drop();
  });

  /** Registers, fills, carries and delivers `count` full J cylinders; returns the trip. */
  async function deliverFull(
    count: number,
    options: { occurredAt?: string; missing?: number } = {},
  ): Promise<{ tripId: string; serials: string[] }> {
    const occurredAt = options.occurredAt;
    const serials = Array.from(
      { length: count },
      () => `SS-${String(nextSerial++).padStart(4, '0')}`,
    );
    await registerFullCylinders(api, producer, {
      plantId: plant,
      ownerId: 'basra-oxygen',
      serials,
      occurredAt,
    });
    const tripId = await planTrip(api, dispatcher, {
      originFacilityId: plant,
      vehicleId: 'truck-basra',
      driverUserId: driver.id,
      stops: [hospital],
    });
    const asDriver = auth(driver.accessToken);
    await api
      .http()
      .post(`/trips/${tripId}/load`)
      .set(asDriver)
      .send({ serials, occurredAt })
      .expect(200);
    const kept = serials.slice(0, serials.length - (options.missing ?? 0));
    await api
      .http()
      .post(`/trips/${tripId}/deliveries`)
      .set(asDriver)
      .send({
        facilityId: hospital,
        delivered: kept,
        collected: [],
        receivedBy: 'Store',
        occurredAt,
      })
      .expect(200);
    await api
      .http()
      .post(`/trips/${tripId}/complete`)
      .set(asDriver)
      .send({ missingSerials: serials.slice(kept.length), occurredAt })
      .expect(200);
    return { tripId, serials };
  }

  it('computes need, oxygen on hand, days of supply, level and what to send (worked example)', async () => {
    // Given 2 ICU beds and nobody in the census: 2 × 1 × 1 × 9 L/min × 1,440 = 25,920 L/day
    await api
      .http()
      .put(`/hospitals/${hospital}/beds`)
      .set(auth(hospitalStaff))
      .send({ general: 0, icu: 2, neonatal: 0 })
      .expect(200);
    // and 5 full J cylinders (6,800 L each) delivered
    await deliverFull(5);
    await supplyCaughtUp();

    const status = await api
      .http()
      .get(`/hospitals/${hospital}/supply`)
      .set(auth(hospitalStaff))
      .expect(200);

    // Then, by hand:
    //   on hand 5 × 6,800 = 34,000 L; days of supply 34,000 / 25,920 = 1.3117 < 2 safety days
    //   lead time (6 h + 111.19 km / 40 km/h) / 24 = 0.36582 day; cover 2.36582 days
    //   J per day 25,920 / 6,800 = 3.8118; reorder ⌈3.8118 × 2.36582⌉ = ⌈9.018⌉ = 10
    //   order-up-to ⌈3.8118 × 3.36582⌉ = ⌈12.830⌉ = 13; position 5 → send 8
    expect(status.body).toMatchObject({
      facilityId: hospital,
      level: 'critical',
      needLitresPerDay: 25_920,
      onHandLitres: 34_000,
      need: { basis: 'clinical', historyDays: 0 },
      nearestProducer: { facilityId: plant, distanceKm: 111.2 },
      emptiesAwaitingCollection: 0,
      computedAt: expect.any(String),
    });
    expect(status.body.daysOfSupply).toBeCloseTo(34_000 / 25_920, 6);
    expect(status.body.leadTimeDays).toBeCloseTo((6 + 111.19 / 40) / 24, 3);
    expect(status.body.bySize).toEqual([
      expect.objectContaining({
        sizeCode: 'J',
        reorderPointCylinders: 10,
        orderUpToCylinders: 13,
        positionCylinders: 5,
        toSendCylinders: 8,
      }),
    ]);
  });

  it('moves to ok once enough is delivered, and the list and roll-ups follow', async () => {
    // 15 J = 102,000 L = 3.94 days, above the reorder point of 25,920 × 2.36582 = 61,322 L
    await deliverFull(10);
    await supplyCaughtUp();

    const status = await api.http().get(`/hospitals/${hospital}/supply`).set(auth(analyst));
    expect(status.body).toMatchObject({ level: 'ok', onHandLitres: 102_000 });
    expect(status.body.bySize[0].toSendCylinders).toBe(0);

    const list = await api.http().get('/supply/hospitals').set(auth(analyst)).expect(200);
    // both ok; the one with fewer days of supply first (needing nothing: last)
    expect(list.body.items.map((item: { facilityId: string }) => item.facilityId)).toEqual([
      hospital,
      'hospital-other',
    ]);

    const rollup = await api.http().get('/supply/rollup').set(auth(analyst)).expect(200);
    expect(rollup.body.national).toMatchObject({
      hospitals: 2,
      needLitresPerDay: 25_920,
      onHandLitres: 102_000,
      byLevel: { ok: 2, low: 0, critical: 0, out: 0 },
    });
    const basra = rollup.body.governorates.find(
      (g: { governorate: string }) => g.governorate === 'Basra',
    );
    // 15 J filled today at the Basra plant, averaged over 7 days: 15 × 6,800 / 7
    expect(basra).toMatchObject({ hospitals: 1, filledLitresPerDay: Math.round((15 * 6_800) / 7) });
  });

  it('keeps hospital staff to their own hospital and drivers out, and refuses non-hospitals', async () => {
    await api.http().get(`/hospitals/${hospital}/supply`).set(auth(otherStaff)).expect(403);
    await api.http().get('/supply/rollup').set(auth(otherStaff)).expect(403);
    await api.http().get('/supply/hospitals').set(auth(driver.accessToken)).expect(403);
    const own = await api.http().get('/supply/hospitals').set(auth(otherStaff)).expect(200);
    expect(own.body.items.map((item: { facilityId: string }) => item.facilityId)).toEqual([
      'hospital-other',
    ]);
    await api.http().get(`/hospitals/${plant}/supply`).set(auth(analyst)).expect(422);
    const bad = await api.http().get('/supply/hospitals?level=bad').set(auth(analyst));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('level');
  });

  it('flags a trip that left a cylinder on the truck, and reports cylinders held too long', async () => {
    // Given a trip, 40 days ago, that delivered 2 of 3 and declared the third missing
    const fortyDaysAgo = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const { tripId, serials } = await deliverFull(3, { occurredAt: fortyDaysAgo, missing: 1 });
    await projectorCaughtUp(api);

    const reconciliation = await api
      .http()
      .get(`/trips/${tripId}/reconciliation`)
      .set(auth(dispatcher))
      .expect(200);
    expect(reconciliation.body).toMatchObject({
      loaded: 3,
      delivered: 2,
      unloaded: 0,
      unaccounted: [serials[2]],
      declaredMissing: [serials[2]],
      flagged: true,
    });
    const flagged = await api
      .http()
      .get(
        `/reconciliation/trips?from=${encodeURIComponent(new Date(Date.now() - 50 * 86_400_000).toISOString())}`,
      )
      .set(auth(dispatcher))
      .expect(200);
    expect(flagged.body.items.map((trip: { tripId: string }) => trip.tripId)).toEqual([tripId]);

    // Then the 2 delivered 40 days ago are past the 30 free days: 2 × (40 − 30) = 20 excess days
    const demurrage = await api
      .http()
      .get('/reconciliation/demurrage')
      .set(auth(analyst))
      .expect(200);
    expect(demurrage.body.items).toEqual([
      expect.objectContaining({
        ownerId: 'basra-oxygen',
        facilityId: hospital,
        cylinders: 2,
        serials: serials.slice(0, 2),
      }),
    ]);
    expect(demurrage.body.items[0].excessDays).toBeCloseTo(20, 0);
    const longer = await api
      .http()
      .get('/reconciliation/demurrage?freeDays=45')
      .set(auth(analyst))
      .expect(200);
    expect(longer.body.items).toEqual([]);
  });

  it('records each crossing of a supply level and wakes the planner once for many crossings', async () => {
    // Given the hospital is ok with 17 full J (15 + 2 delivered above)
    const levels = async () =>
      (await api.app.get<EventStore>(EVENT_STORE).readStream(`hospital-supply-${hospital}`)).map(
        (event) =>
          `${(event.data as { from: string | null }).from ?? 'unknown'}→${(event.data as { to: string }).to}`,
      );
    await waitFor(async () => (await levels()).at(-1) === 'critical→ok');

    // When 12 of them are used up, leaving 5: 34,000 L, 1.3 days: critical again
    const held = await api
      .http()
      .get(`/cylinders?facilityId=${hospital}&status=FULL&pageSize=200`)
      .set(auth(analyst))
      .expect(200);
    const admin = (await api.login('admin')).accessToken;
    for (const { serial } of held.body.items.slice(0, 12) as { serial: string }[]) {
      await api.http().post(`/cylinders/${serial}/empty`).set(auth(admin)).send({}).expect(200);
    }

    // Then every crossing is in the hospital's supply stream: through low (9 J are under the
    // reorder point of 61,322 L) to critical (7 J are under 2 days), or straight to critical
    // when the empties were checked in one batch. (Out first: the beds were set before any
    // oxygen arrived.)
    await waitFor(
      async () => (await levels()).length >= 4 && (await levels()).at(-1)!.endsWith('→critical'),
    );
    const crossings = await levels();
    expect(crossings.slice(0, 3)).toEqual(['unknown→out', 'out→critical', 'critical→ok']);
    expect([['ok→critical'], ['ok→low', 'low→critical']]).toContainEqual(crossings.slice(3));
    // and the planner, woken on each entry into out or critical, has one planning job waiting
    const queue = api.app.get(PlannerTrigger).queue;
    await waitFor(
      async () => (await queue.getJobCountByTypes('waiting', 'prioritized', 'delayed')) === 1,
    );
    const [job] = await queue.getJobs(['waiting']);
    expect(job.data.facilityIds).toContain(hospital);
  });

  it('raises alerts from the read models, and records who acknowledged and resolved them', async () => {
    // Given the hospital is critical (previous test) and the plant goes down
    const admin = (await api.login('admin')).accessToken;
    await api
      .http()
      .post(`/plants/${plant}/status`)
      .set(auth(producer))
      .send({ status: 'down', reason: 'Power cut' })
      .expect(200);
    // alerts and their handling are read models: read once the projector has caught up
    const alerts = async (token: string, query = '') => {
      await projectorCaughtUp(api);
      const response = await api.http().get(`/alerts${query}`).set(auth(token)).expect(200);
      return response.body.items as {
        id: string;
        severity: string;
        status: string;
        note: string | null;
      }[];
    };

    // Then both show, most severe first, and hospital staff see their own hospital's only
    const supplyAlert = `supply:${hospital}:critical`;
    expect((await alerts(dispatcher)).map((a) => [a.id, a.severity])).toEqual(
      expect.arrayContaining([
        [supplyAlert, 'critical'],
        [`plant:${plant}:down`, 'critical'],
      ]),
    );
    expect((await alerts(otherStaff)).map((a) => a.id)).not.toContain(supplyAlert);
    expect((await alerts(hospitalStaff)).map((a) => a.id)).toContain(supplyAlert);

    // When it is acknowledged, then resolved (a note is required)
    await api
      .http()
      .post(`/alerts/${supplyAlert}/acknowledge`)
      .set(auth(dispatcher))
      .send({})
      .expect(200);
    expect((await alerts(admin)).find((a) => a.id === supplyAlert)).toMatchObject({
      status: 'acknowledged',
    });
    const noNote = await api
      .http()
      .post(`/alerts/${supplyAlert}/resolve`)
      .set(auth(dispatcher))
      .send({});
    expect(noNote.status).toBe(400);
    await api
      .http()
      .post(`/alerts/${supplyAlert}/resolve`)
      .set(auth(dispatcher))
      .send({ note: 'Truck on its way with 10 J' })
      .expect(200);
    expect((await alerts(admin)).map((a) => a.id)).not.toContain(supplyAlert);
    expect(
      (await alerts(admin, '?includeResolved=true')).find((a) => a.id === supplyAlert),
    ).toMatchObject({
      status: 'resolved',
      note: 'Truck on its way with 10 J',
    });
    await api
      .http()
      .post('/alerts/supply:nowhere:low/acknowledge')
      .set(auth(admin))
      .send({})
      .expect(404);

    // And once the plant runs again its alert is gone
    await api
      .http()
      .post(`/plants/${plant}/status`)
      .set(auth(producer))
      .send({ status: 'running' })
      .expect(200);
    expect((await alerts(admin)).map((a) => a.id)).not.toContain(`plant:${plant}:down`);
  });
  /** The supply reads answer from the statuses the watcher stored: wait for it as well. */
  async function supplyCaughtUp(): Promise<void> {
    await projectorCaughtUp(api);
    const supplyLevels = {
      name: SUPPLY_LEVELS_CHECKPOINT,
      filter: SUPPLY_LEVELS_FILTER,
      tables: [],
      apply: async () => undefined,
    };
    await waitFor(async () => {
      const [status] = await projectionStatuses(
        api.app.get<EventStore>(EVENT_STORE),
        api.app.get(DataSource),
        [supplyLevels],
      );
      return status.state === 'live';
    });
  }
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
