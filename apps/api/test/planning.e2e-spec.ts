import { randomUUID } from 'node:crypto';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '@oxyledger/config/testing/scratch-database';
import { ProjectorService, type RoutePlanRecord } from '@oxyledger/read-models';
import { LedgerStore } from '@oxyledger/ledger';
import { NetworkService } from '@oxyledger/network';
import {
  RoutePlanProposer,
  PlannerTrigger,
  PlanningScheduler,
  PlanningWorker,
} from '@oxyledger/planner';
import { registerFullCylinders } from './support/ledger-steps';
import { projectorCaughtUp } from './support/projector';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Refill planning end to end: hospitals run low, the planner proposes routes from the read
 * models, a dispatcher edits and approves, and the drivers find their trips.
 */
describe('api (e2e): refill planning, approval and trips', () => {
  let database: ScratchDatabase;
  let api: TestApp;
  let dispatcher: string;
  let drivers: { id: string; accessToken: string }[];
  const supplier = 'basra-oxygen';
  const plant = 'plant-basra';
  const hospitals = ['h-north', 'h-east', 'h-south'];
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    database = await createScratchDatabase('planning');
    process.env.QUEUE_PREFIX = `oxyledger-test-${randomUUID().slice(0, 8)}`;
    process.env.PLANNING_TIME_LIMIT_SECONDS = '1';
    // the schedule, once a test upserts it, fires every second
    process.env.PLANNING_SCHEDULE_PATTERN = '*/1 * * * * *';
    // 08:00 in Baghdad, the last one that has passed: every test hospital is in reach within the
    // shift, and the plan is not dated in the future (the ledger refuses that) before 05:00 UTC
    const now = new Date();
    const day = 24 * 60 * 60 * 1000;
    let morning = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 5, 0),
    );
    if (morning.getTime() > now.getTime()) morning = new Date(morning.getTime() - day);
    api = await startTestApp({ databaseUrl: database.url, planningClock: { now: () => morning } });
    const network = api.app.get(NetworkService);
    await network.ensureFacility({
      id: plant,
      kind: 'producer',
      name: 'Basra PSA',
      governorate: 'Basra',
      latitude: 30.5,
      longitude: 47.8,
      supplierId: supplier,
    });
    const places: [number, number][] = [
      [30.7, 47.8],
      [30.5, 48.0],
      [30.3, 47.8],
    ];
    for (const [k, id] of hospitals.entries()) {
      await network.ensureFacility({
        id,
        kind: 'hospital',
        name: id,
        governorate: 'Basra',
        latitude: places[k][0],
        longitude: places[k][1],
      });
    }
    for (const id of ['truck-1', 'truck-2']) {
      await network.ensureVehicle({
        id,
        registrationPlate: id,
        depotFacilityId: plant,
        capacity: { J: 30 },
        supplierId: supplier,
      });
    }
    dispatcher = (await api.login('dispatcher')).accessToken;
    drivers = [
      await api.login('driver', { supplierId: supplier }),
      await api.login('driver', { supplierId: supplier }),
    ];
    const producer = (await api.login('producer', { facilityId: plant })).accessToken;
    await registerFullCylinders(api, producer, {
      plantId: plant,
      ownerId: supplier,
      serials: Array.from({ length: 80 }, (_, k) => `PL-${String(k).padStart(4, '0')}`),
    });
    for (const id of hospitals) {
      const staff = (await api.login('hospital', { facilityId: id })).accessToken;
      await api
        .http()
        .put(`/hospitals/${id}/beds`)
        .set(auth(staff))
        .send({ general: 12, icu: 1, neonatal: 0 })
        .expect(200);
    }
    api.app.get(ProjectorService).start();
    await projectorCaughtUp(api);
  });

  afterAll(async () => {
    await api?.app.get(PlannerTrigger).queue.obliterate({ force: true });
    await api?.close();
    delete process.env.QUEUE_PREFIX;
    delete process.env.PLANNING_TIME_LIMIT_SECONDS;
    delete process.env.PLANNING_SCHEDULE_PATTERN;
    await database?.drop();
  });

  async function plan(planId: string): Promise<RoutePlanRecord> {
    await projectorCaughtUp(api);
    const response = await api.http().get(`/plans/${planId}`).set(auth(dispatcher)).expect(200);
    return response.body as RoutePlanRecord;
  }

  let planId: string;

  it('proposes a plan serving every hospital below its reorder point from the producer', async () => {
    const { planId: proposed } = await api.app
      .get(RoutePlanProposer)
      .run({ reason: 'test', facilityIds: [], region: 'national' }, { jobId: 'job-1', attempt: 1 });
    expect(proposed).toEqual(expect.any(String));
    planId = proposed!;
    const record = await plan(planId);
    expect(record.status).toBe('proposed');
    expect(record.unserved).toEqual([]);
    const served = record.routes.flatMap((route) => route.stops.map((stop) => stop.facilityId));
    expect([...served].sort()).toEqual([...hospitals].sort());
    for (const route of record.routes) {
      expect(route.originFacilityId).toBe(plant);
      expect(route.loadAtOrigin.J).toBeLessThanOrEqual(30);
      expect(drivers.map((d) => d.id)).toContain(route.driverId);
      expect(route.stops.every((stop) => stop.deliver.J > 0)).toBe(true);
    }
    const list = await api.http().get('/plans?status=proposed').set(auth(dispatcher)).expect(200);
    expect(list.body.items.map((p: RoutePlanRecord) => p.planId)).toEqual([planId]);
  });

  it('refuses an edit that breaks a rule, naming it, and records one that keeps them', async () => {
    const before = await plan(planId);
    const route = before.routes[0];
    const stop = route.stops[0];
    const refused = await api
      .http()
      .post(`/plans/${planId}/edits`)
      .set(auth(dispatcher))
      .send({
        kind: 'move-stop',
        facilityId: stop.facilityId,
        fromRouteId: route.routeId,
        toRouteId: route.routeId,
        position: 99,
      })
      .expect(422);
    expect(JSON.stringify(refused.body)).toMatch(/position/);
    await api
      .http()
      .post(`/plans/${planId}/edits`)
      .set(auth(dispatcher))
      .send({ kind: 'move-stop', facilityId: stop.facilityId })
      .expect(400);

    const last = before.routes[before.routes.length - 1];
    const dropped = last.stops[last.stops.length - 1];
    await api
      .http()
      .post(`/plans/${planId}/edits`)
      .set(auth(dispatcher))
      .send({ kind: 'drop-stop', facilityId: dropped.facilityId, routeId: last.routeId })
      .expect(200);
    const after = await plan(planId);
    expect(after.edits).toHaveLength(1);
    expect(after.unserved).toEqual([
      expect.objectContaining({ facilityId: dropped.facilityId, reason: 'dropped-by-dispatcher' }),
    ]);
    expect(after.totals.stops).toBe(before.totals.stops - 1);
  });

  it('approval creates exactly the trips of the plan, once; the drivers see them', async () => {
    const record = await plan(planId);
    const approved = await api
      .http()
      .post(`/plans/${planId}/approve`)
      .set(auth(dispatcher))
      .expect(200);
    expect(approved.body.trips).toHaveLength(record.routes.length);
    await api.http().post(`/plans/${planId}/approve`).set(auth(dispatcher)).expect(409);

    await projectorCaughtUp(api);
    for (const { routeId, tripId } of approved.body.trips as {
      routeId: string;
      tripId: string;
    }[]) {
      const route = record.routes.find((r) => r.routeId === routeId)!;
      const trip = await api.http().get(`/trips/${tripId}`).set(auth(dispatcher)).expect(200);
      expect(trip.body).toMatchObject({
        vehicleId: route.vehicleId,
        driverId: route.driverId,
        originId: route.originFacilityId,
        status: 'PLANNED',
      });
      expect(trip.body.stops.map((stop: { facilityId: string }) => stop.facilityId)).toEqual(
        route.stops.map((stop) => stop.facilityId),
      );
      const driver = drivers.find((d) => d.id === route.driverId)!;
      const mine = await api.http().get('/trips').set(auth(driver.accessToken)).expect(200);
      expect(JSON.stringify(mine.body)).toContain(tripId);
      // the driver's manifest: per stop what to deliver and collect, and when
      const manifest = await api
        .http()
        .get(`/trips/${tripId}/manifest`)
        .set(auth(driver.accessToken))
        .expect(200);
      expect(manifest.body).toMatchObject({
        tripId,
        vehicleId: route.vehicleId,
        origin: { facilityId: plant, name: 'Basra PSA' },
        loadAtOrigin: route.loadAtOrigin,
        stops: route.stops.map((stop, k) => ({
          sequence: k + 1,
          facilityId: stop.facilityId,
          arrivalAt: stop.arrivalAt,
          deliver: stop.deliver,
          collect: stop.collect,
        })),
      });
      const page = await api
        .http()
        .get(`/trips/${tripId}/manifest?format=html`)
        .set(auth(driver.accessToken))
        .expect(200)
        .expect('Content-Type', /text\/html/);
      for (const stop of route.stops) expect(page.text).toContain(stop.facilityId);
      const other = drivers.find((d) => d.id !== route.driverId)!;
      await api.http().get(`/trips/${tripId}/manifest`).set(auth(other.accessToken)).expect(404);
    }
    expect((await plan(planId)).status).toBe('approved');

    // the approval booked each truck with its trip: no dispatcher can put one on a second trip
    const booked = await api
      .http()
      .post('/trips')
      .set(auth(dispatcher))
      .send({
        originFacilityId: plant,
        vehicleId: record.routes[0].vehicleId,
        driverUserId: drivers[0].id,
        stops: [hospitals[0]],
        plannedAt: new Date().toISOString(),
      })
      .expect(409);
    expect(booked.body).toMatchObject({ error: 'vehicle.already-booked' });
  });

  it('a later plan sends only free vehicles, supersedes the undecided one, and can be rejected', async () => {
    const first = await plan(planId);
    const busy = new Set(first.routes.map((route) => route.vehicleId));
    const propose = async (jobId: string) =>
      (
        await api.app
          .get(RoutePlanProposer)
          .run({ reason: 'test', facilityIds: [], region: 'national' }, { jobId, attempt: 1 })
      ).planId!;
    const second = await propose('job-2');
    const record = await plan(second);
    expect(record.routes.length + record.unserved.length).toBeGreaterThan(0);
    expect(record.routes.filter((route) => busy.has(route.vehicleId))).toEqual([]);
    // the approved plan's oxygen is on its way: never sent again, nor counted free at the plant
    const onTheirWay = new Set(first.routes.flatMap((r) => r.stops.map((s) => s.facilityId)));
    const sentAgain = record.routes
      .flatMap((route) => route.stops)
      .filter((stop) => onTheirWay.has(stop.facilityId) && (stop.deliver.J ?? 0) > 0);
    expect(sentAgain).toEqual([]);
    expect(record.unserved.filter((u) => onTheirWay.has(u.facilityId))).toEqual([]);
    const loaded = (p: RoutePlanRecord) =>
      p.routes.reduce((n, r) => n + (r.loadAtOrigin.J ?? 0), 0);
    expect(loaded(first) + loaded(record)).toBeLessThanOrEqual(80);

    const third = await propose('job-3');
    const superseded = await plan(second);
    expect(superseded.status).toBe('rejected');
    expect(superseded.rejectionReason).toBe(`superseded by plan ${third}`);
    expect((await plan(planId)).status).toBe('approved');

    await api.http().post(`/plans/${third}/reject`).set(auth(dispatcher)).send({}).expect(400);
    await api
      .http()
      .post(`/plans/${third}/reject`)
      .set(auth(dispatcher))
      .send({ reason: 'trucks are out' })
      .expect(200);
    expect((await plan(third)).status).toBe('rejected');
    await api.http().post(`/plans/${third}/approve`).set(auth(dispatcher)).expect(409);
  });

  it('a queued job run twice, even at once, records one plan', async () => {
    const proposer = api.app.get(RoutePlanProposer);
    const job = { reason: 'test', facilityIds: [], region: 'national' };
    const context = { jobId: 'job-twice', attempt: 1, queuedAt: Date.parse('2026-12-01') };
    const [first, second] = await Promise.all([
      proposer.run(job, context),
      proposer.run(job, { ...context, attempt: 2 }),
    ]);
    expect(first.planId).toEqual(expect.any(String));
    expect(second.planId).toBe(first.planId);
    expect((await proposer.run(job, { ...context, attempt: 3 })).planId).toBe(first.planId);
    const recorded = await api.app.get(LedgerStore).history(`route-plan-${first.planId}`);
    expect(recorded.map((event) => event.type)).toEqual(['RoutePlanProposed']);
  });

  it('POST /plans and the schedule queue runs that the worker carries out into plans', async () => {
    type Run = { jobId: string; state: string; reason: string; planId: string | null };
    const runs = async (): Promise<Run[]> =>
      (await api.http().get('/plans/runs').set(auth(dispatcher)).expect(200)).body.items ?? [];
    const until = async (found: (all: Run[]) => Run | undefined): Promise<Run | undefined> => {
      for (let attempt = 0; attempt < 150; attempt++) {
        const run = found(await runs());
        if (run) return run;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return undefined;
    };
    const queued = await api.http().post('/plans').set(auth(dispatcher)).send({}).expect(202);
    await api.app.get(PlanningWorker).start();
    const onDemand = await until((all) =>
      all.find((run) => run.jobId === queued.body.jobId && run.state === 'completed'),
    );
    expect(onDemand?.planId).toEqual(expect.any(String));

    try {
      expect(await api.app.get(PlanningScheduler).ensureSchedule()).toBe('upserted');
      const scheduled = await until((all) =>
        all.find((run) => run.reason === 'schedule' && run.state === 'completed'),
      );
      expect(scheduled?.planId).toEqual(expect.any(String));
      expect((await plan(scheduled!.planId!)).reason).toBe('schedule');
    } finally {
      await api.app.get(PlannerTrigger).queue.removeJobScheduler('refill-planning-schedule');
      await api.app.get(PlanningWorker).stop();
    }
  });
});
