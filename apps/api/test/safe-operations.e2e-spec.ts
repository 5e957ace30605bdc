import {
  createScratchDatabase,
  type ScratchDatabase,
} from '@oxyledger/config/testing/scratch-database';
import { ProjectorService } from '@oxyledger/read-models';
import { randomUUID } from 'node:crypto';
import { commandContext } from '../src/ledger/command-context';
import { NetworkService } from '@oxyledger/network';
import { LotRecallResumer } from '../src/recall/lot-recall.resumer';
import { LotRecallService } from '../src/recall/lot-recall.service';
import { registerFullCylinders } from './support/ledger-steps';
import { projectorCaughtUp } from './support/projector';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * What the ledger refuses because it would be unsafe or dishonest, through HTTP: fills outside
 * their grade, trips on another supplier's plant, truck or driver, a truck on two trips, times
 * that cannot be; and a lot recall that reaches every cylinder of the lot exactly once.
 */
describe('api (e2e): safe operations', () => {
  let database: ScratchDatabase;
  let api: TestApp;
  let admin: string;
  let producer: string;
  let dispatcher: string;
  let gulfDispatcher: string;
  let hospitalStaff: string;
  let driver: { id: string; accessToken: string };
  let northDriver: { id: string; accessToken: string };
  let nextSerial = 0;
  const plant = 'gulf-plant';
  const northPlant = 'north-plant';
  const hospital = 'city-hospital';
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const serials = (count: number) =>
    Array.from({ length: count }, () => `SAFE-${String(nextSerial++).padStart(4, '0')}`);
  const http = () => api.http();

  beforeAll(async () => {
    database = await createScratchDatabase('safeops');
    process.env.QUEUE_PREFIX = `oxyledger-test-${randomUUID().slice(0, 8)}`;
    api = await startTestApp({ databaseUrl: database.url });
    const network = api.app.get(NetworkService);
    const place = { governorate: 'Basra', latitude: 30.5, longitude: 47.8 };
    await network.ensureFacility({
      id: plant,
      kind: 'producer',
      name: 'Gulf PSA Plant',
      supplierId: 'gulf-gases',
      ...place,
    });
    await network.ensureFacility({
      id: northPlant,
      kind: 'producer',
      name: 'North ASU',
      supplierId: 'north-oxygen',
      ...place,
    });
    await network.ensureFacility({
      id: hospital,
      kind: 'hospital',
      name: 'City Teaching Hospital',
      ...place,
    });
    for (const [id, depot, supplierId] of [
      ['gulf-truck-1', plant, 'gulf-gases'],
      ['gulf-truck-2', plant, 'gulf-gases'],
      ['gulf-truck-3', plant, 'gulf-gases'],
      ['north-truck-1', northPlant, 'north-oxygen'],
    ]) {
      await network.ensureVehicle({
        id,
        registrationPlate: id.toUpperCase(),
        depotFacilityId: depot,
        capacity: { J: 40, E: 40 },
        supplierId,
      });
    }
    admin = (await api.login('admin')).accessToken;
    producer = (await api.login('producer', { facilityId: plant })).accessToken;
    dispatcher = (await api.login('dispatcher')).accessToken;
    gulfDispatcher = (await api.login('dispatcher', { supplierId: 'gulf-gases' })).accessToken;
    hospitalStaff = (await api.login('hospital', { facilityId: hospital })).accessToken;
    driver = await api.login('driver', { supplierId: 'gulf-gases' });
    northDriver = await api.login('driver', { supplierId: 'north-oxygen' });
    api.app.get(ProjectorService).start();
  });

  afterAll(async () => {
    await api?.close();
    delete process.env.QUEUE_PREFIX;
    await database?.drop();
  });

  function register(list: string[], gasGrade = 'oxygen-93', ownerId = 'gulf-gases') {
    return http()
      .post('/cylinders')
      .set(auth(producer))
      .send({
        facilityId: plant,
        cylinders: list.map((serial) => ({
          serial,
          sizeCode: 'J',
          ownerId,
          gasGrade,
          manufactureDate: '2023-01-01',
          lastTestDate: '2025-01-01',
        })),
      });
  }

  const fill = (list: string[], reading: Record<string, unknown>) =>
    http()
      .post('/cylinders/fills')
      .set(auth(producer))
      .send({ plantId: plant, serials: list, lot: 'LOT-QC', operatorId: 'op-1', ...reading });

  const cylinder = async (serial: string) =>
    (await http().get(`/cylinders/${serial}`).set(auth(admin)).expect(200)).body;

  const createTrip = (
    token: string,
    trip: Partial<{
      originFacilityId: string;
      vehicleId: string;
      driverUserId: string;
      stops: string[];
    }> = {},
  ) =>
    http()
      .post('/trips')
      .set(auth(token))
      .send({
        originFacilityId: plant,
        vehicleId: 'gulf-truck-1',
        driverUserId: driver.id,
        stops: [hospital],
        plannedAt: new Date().toISOString(),
        ...trip,
      });

  describe('the fill quality gate', () => {
    it('refuses air at 5 bar as a fill of oxygen 93 %, naming the rule, the value and the band; nothing is recorded', async () => {
      const [serial] = serials(1);
      await register([serial]).expect(201);
      const response = await fill([serial], { purityPercent: 21, pressureBar: 5 });
      expect(response.status).toBe(422);
      expect(response.body.errors[0]).toMatchObject({
        code: 'cylinder.fill-outside-specification',
        serial,
        field: 'purityPercent',
        measured: 21,
        band: { min: 90, max: 96 },
      });
      expect(response.body.message).toContain('90–96 %');
      const pressure = await fill([serial], { purityPercent: 93, pressureBar: 5 });
      expect(pressure.status).toBe(422);
      expect(pressure.body.errors[0]).toMatchObject({ field: 'pressureBar', band: { min: 120 } });
      expect((await cylinder(serial)).state.status).toBe('EMPTY');
    });

    it('quarantines a cylinder whose QC check failed, keeping the reading, and counts it for the lot', async () => {
      const [good, bad] = serials(2);
      await register([good, bad]).expect(201);
      await fill([good], { purityPercent: 93.1, pressureBar: 137 }).expect(201);
      await fill([bad], { purityPercent: 88.2, pressureBar: 137, qcResult: 'failed' }).expect(201);
      const failed = await cylinder(bad);
      expect(failed.state).toMatchObject({ status: 'QUARANTINED', returnTo: 'EMPTY' });
      expect(failed.history.at(-1)).toMatchObject({
        type: 'CylinderFillFailedQc',
        data: { lot: 'LOT-QC', purityPercent: 88.2 },
      });
      await projectorCaughtUp(api);
      const lots = await http().get(`/fills/lots?plantId=${plant}`).set(auth(producer)).expect(200);
      expect(lots.body.items).toContainEqual(
        expect.objectContaining({ lot: 'LOT-QC', passed: 1, qcFailures: 1 }),
      );
      const page = await http().get(`/plants/${plant}`).set(auth(producer)).expect(200);
      expect(page.body.qcFailuresByLot).toEqual([
        expect.objectContaining({ lot: 'LOT-QC', passed: 1, qcFailures: 1 }),
      ]);
    });

    it('registers only for a known supplier and a grade of the catalog (422)', async () => {
      const [a, b] = serials(2);
      const owner = await register([a], 'oxygen-93', 'no-such-supplier');
      expect(owner.status).toBe(422);
      expect(owner.body.errors[0]).toMatchObject({
        code: 'cylinder.unknown-owner',
        ownerId: 'no-such-supplier',
      });
      const grade = await register([b], 'medical');
      expect(grade.status).toBe(422);
      expect(grade.body.errors[0]).toMatchObject({ code: 'gas-grade.unknown' });
    });
  });

  describe("trips run on one supplier's own plant, truck and driver", () => {
    it("refuses another supplier's driver or truck (422 naming the field)", async () => {
      const driverOfOther = await createTrip(dispatcher, { driverUserId: northDriver.id });
      expect(driverOfOther.status).toBe(422);
      expect(driverOfOther.body).toMatchObject({
        error: 'trip.assignment-refused',
        field: 'driverUserId',
      });
      const truckOfOther = await createTrip(dispatcher, { vehicleId: 'north-truck-1' });
      expect(truckOfOther.status).toBe(422);
      expect(truckOfOther.body.field).toBe('vehicleId');
    });

    it("forbids a supplier's dispatcher another supplier's plant, truck or driver (403)", async () => {
      for (const trip of [
        { originFacilityId: northPlant, vehicleId: 'north-truck-1', driverUserId: northDriver.id },
        { vehicleId: 'north-truck-1' },
        { driverUserId: northDriver.id },
      ]) {
        const response = await createTrip(gulfDispatcher, trip);
        expect(response.status).toBe(403);
        expect(response.body.error).toBe('access.supplier-scope');
      }
    });

    it('puts a truck on one open trip at a time (409); cancelling frees it', async () => {
      const first = await createTrip(gulfDispatcher, { vehicleId: 'gulf-truck-2' });
      expect(first.status).toBe(201);
      const second = await createTrip(dispatcher, { vehicleId: 'gulf-truck-2' });
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({
        error: 'vehicle.already-booked',
        openTripId: first.body.tripId,
      });
      await http()
        .post(`/trips/${first.body.tripId}/cancel`)
        .set(auth(gulfDispatcher))
        .send({ reason: 'driver off sick' })
        .expect(200)
        .expect((res) => expect(res.body.status).toBe('CANCELLED'));
      const third = await createTrip(dispatcher, { vehicleId: 'gulf-truck-2' });
      expect(third.status).toBe(201);
      // a loaded trip is aborted, not cancelled: what is on board goes back to the plant
      const load = serials(2);
      await registerFullCylinders(api, producer, {
        plantId: plant,
        ownerId: 'gulf-gases',
        serials: load,
        gasGrade: 'oxygen-93',
      });
      const tripId = third.body.tripId as string;
      await http()
        .post(`/trips/${tripId}/load`)
        .set(auth(driver.accessToken))
        .send({ serials: load })
        .expect(200);
      await http()
        .post(`/trips/${tripId}/cancel`)
        .set(auth(dispatcher))
        .send({ reason: 'x' })
        .expect(409);
      // the driver may not take them off at another supplier's plant
      const elsewhere = await http()
        .post(`/trips/${tripId}/unload`)
        .set(auth(driver.accessToken))
        .send({ facilityId: northPlant, serials: load });
      expect(elsewhere.status).toBe(409);
      expect(elsewhere.body.errors[0].code).toBe('trip.unload-at-another-supplier');
      await http()
        .post(`/trips/${tripId}/abort`)
        .set(auth(driver.accessToken))
        .send({ reason: 'road closed by flooding' })
        .expect(200)
        .expect((res) => expect(res.body.status).toBe('ABORTED'));
      expect((await cylinder(load[0])).state).toMatchObject({
        status: 'FULL',
        location: { facilityId: plant },
      });
      expect((await createTrip(dispatcher, { vehicleId: 'gulf-truck-2' })).status).toBe(201);
    });
  });

  describe('lost and found, and time', () => {
    it('brings a found cylinder back EMPTY where it was found, never FULL without a fill', async () => {
      const [serial] = serials(1);
      await registerFullCylinders(api, producer, {
        plantId: plant,
        ownerId: 'gulf-gases',
        serials: [serial],
        gasGrade: 'oxygen-93',
      });
      const north = await api.login('dispatcher', { supplierId: 'north-oxygen' });
      await http()
        .post(`/cylinders/${serial}/lost`)
        .set(auth(north.accessToken))
        .send({})
        .expect(403);
      await http().post(`/cylinders/${serial}/lost`).set(auth(gulfDispatcher)).send({}).expect(200);
      const full = await http()
        .post(`/cylinders/${serial}/found`)
        .set(auth(gulfDispatcher))
        .send({ facilityId: plant, foundAs: 'FULL' });
      expect(full.status).toBe(422);
      expect(full.body.error).toBe('cylinder.found-not-empty');
      await http()
        .post(`/cylinders/${serial}/found`)
        .set(auth(gulfDispatcher))
        .send({ facilityId: plant })
        .expect(200)
        .expect((res) => expect(res.body.status).toBe('EMPTY'));
    });

    it('refuses an occurredAt in the future beyond the clock skew, or before the previous event (422)', async () => {
      const [serial] = serials(1);
      await register([serial]).expect(201);
      const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
      const future = await fill([serial], {
        purityPercent: 93,
        pressureBar: 137,
        occurredAt: inAnHour,
      });
      expect(future.status).toBe(422);
      expect(future.body).toMatchObject({
        error: 'command.occurred-in-the-future',
        field: 'occurredAt',
      });
      const lastYear = new Date(Date.now() - 365 * 86_400_000).toISOString();
      const past = await fill([serial], {
        purityPercent: 93,
        pressureBar: 137,
        occurredAt: lastYear,
      });
      expect(past.status).toBe(422);
      expect(past.body.errors[0]).toMatchObject({
        code: 'cylinder.occurred-before-previous-event',
        field: 'occurredAt',
      });
      expect((await cylinder(serial)).history).toHaveLength(1);
    });
  });

  describe('a lot recall', () => {
    const LOT = 'LOT-RECALL-1';

    it('quarantines every cylinder of the lot once, even when cut short after a chunk and resumed', async () => {
      // Given six cylinders of one lot: two at the plant, two on a truck, two delivered to the
      // hospital, of which one is in use and one already emptied
      const lot = serials(6);
      await registerFullCylinders(api, producer, {
        plantId: plant,
        ownerId: 'gulf-gases',
        serials: lot,
        gasGrade: 'oxygen-93',
        lot: LOT,
      });
      const trip = await createTrip(dispatcher, { vehicleId: 'gulf-truck-3' });
      const tripId = trip.body.tripId as string;
      const asDriver = auth(driver.accessToken);
      await http()
        .post(`/trips/${tripId}/load`)
        .set(asDriver)
        .send({ serials: lot.slice(2) })
        .expect(200);
      await http()
        .post(`/trips/${tripId}/deliveries`)
        .set(asDriver)
        .send({ facilityId: hospital, delivered: lot.slice(4), collected: [], receivedBy: 'Store' })
        .expect(200);
      for (const serial of lot.slice(4))
        await http().post(`/cylinders/${serial}/in-use`).set(auth(hospitalStaff)).expect(200);
      await http().post(`/cylinders/${lot[5]}/empty`).set(auth(hospitalStaff)).expect(200);
      await projectorCaughtUp(api);

      // When the recall stops after its first chunk of two (a crash), then is asked again
      const recalls = api.app.get(LotRecallService);
      const context = commandContext({ userId: randomUUID(), role: 'admin' });
      await recalls.start(LOT, 'moisture above limit in the retained sample', context);
      const cut = await recalls.proceed(LOT, context, { maxChunks: 1, chunkSize: 2 });
      expect(cut.results).toHaveLength(2);
      expect(cut.completedAt).toBeNull();
      const response = await http()
        .post(`/lots/${LOT}/recall`)
        .set(auth(producer))
        .send({ reason: 'moisture above limit in the retained sample' })
        .expect(200);

      // Then every cylinder was reached once and each still holding oxygen quarantined once
      expect(response.body).toMatchObject({
        status: 'completed',
        cylinderCount: 6,
        quarantined: 5,
        emptied: 1,
        possiblyExposed: 2,
        hospitalsReceived: [{ facilityId: hospital, name: 'City Teaching Hospital' }],
      });
      for (const serial of lot) {
        const { history, state } = await cylinder(serial);
        const quarantines = history.filter(
          (event: { type: string }) => event.type === 'CylinderQuarantined',
        );
        expect(quarantines).toHaveLength(serial === lot[5] ? 0 : 1);
        if (serial !== lot[5]) expect(state.status).toBe('QUARANTINED');
      }
      // asking again changes nothing
      await http()
        .post(`/lots/${LOT}/recall`)
        .set(auth(admin))
        .send({ reason: 'again' })
        .expect(200);
      expect(
        (await cylinder(lot[0])).history.filter(
          (event: { type: string }) => event.type === 'CylinderQuarantined',
        ),
      ).toHaveLength(1);

      // and the recalled cylinder on the truck is not delivered; it comes off still quarantined
      const refused = await http()
        .post(`/trips/${tripId}/deliveries`)
        .set(asDriver)
        .send({ facilityId: hospital, delivered: [lot[2]], collected: [], receivedBy: 'Store' });
      expect(refused.status).toBe(409);
      await http()
        .post(`/trips/${tripId}/unload`)
        .set(asDriver)
        .send({ facilityId: plant, serials: lot.slice(2, 4) })
        .expect(200);
      expect((await cylinder(lot[2])).state).toMatchObject({
        status: 'QUARANTINED',
        location: { facilityId: plant },
      });
    });

    it('is finished at start-up when a crash cut it short', async () => {
      const lot = serials(3);
      await registerFullCylinders(api, producer, {
        plantId: plant,
        ownerId: 'gulf-gases',
        serials: lot,
        gasGrade: 'oxygen-93',
        lot: 'LOT-RECALL-2',
      });
      await projectorCaughtUp(api);
      const recalls = api.app.get(LotRecallService);
      const context = commandContext({ userId: randomUUID(), role: 'dispatcher' });
      await recalls.start('LOT-RECALL-2', 'supplier notice', context);
      await recalls.proceed('LOT-RECALL-2', context, { maxChunks: 1, chunkSize: 1 });

      const resumed = await api.app.get(LotRecallResumer).resumeUnfinished();

      expect(resumed).toEqual(['LOT-RECALL-2']);
      const { state } = await recalls.load('LOT-RECALL-2');
      expect(state?.completedAt).not.toBeNull();
      for (const serial of lot) {
        const { history } = await cylinder(serial);
        expect(
          history.filter((event: { type: string }) => event.type === 'CylinderQuarantined'),
        ).toHaveLength(1);
      }
      expect(await api.app.get(LotRecallResumer).resumeUnfinished()).toEqual([]);
    });

    it('tells the hospital holding the lot, by name, and keeps others out of the recall', async () => {
      await projectorCaughtUp(api);
      const alerts = await http().get('/alerts?kind=recall').set(auth(hospitalStaff)).expect(200);
      expect(alerts.body.items).toContainEqual(
        expect.objectContaining({
          kind: 'recall',
          severity: 'critical',
          message: expect.stringContaining('at City Teaching Hospital'),
        }),
      );
      const north = await api.login('dispatcher', { supplierId: 'north-oxygen' });
      await http()
        .post(`/lots/${LOT}/recall`)
        .set(auth(north.accessToken))
        .send({ reason: 'not theirs' })
        .expect(403);
      await http()
        .post('/lots/NO-SUCH-LOT/recall')
        .set(auth(admin))
        .send({ reason: 'r' })
        .expect(404);
    });
  });

  describe('supply levels', () => {
    it('turn critical at once when a recent census implies more than low past use shows', async () => {
      // Given a hospital with 20 general and 4 ICU beds that used one E cylinder (680 L) a day
      // for 15 days and holds 7 full J (47,600 L): about 70 days at that rate
      const surge = 'surge-hospital';
      await api.app.get(NetworkService).ensureFacility({
        id: surge,
        kind: 'hospital',
        name: 'Surge General Hospital',
        governorate: 'Basra',
        latitude: 30.5,
        longitude: 47.8,
      });
      const staff = (await api.login('hospital', { facilityId: surge })).accessToken;
      const daysAgo = (days: number, minutes = 0) =>
        new Date(Date.now() - days * 86_400_000 + minutes * 60_000).toISOString();
      const js = serials(7);
      const es = serials(15);
      for (const [list, sizeCode] of [
        [js, 'J'],
        [es, 'E'],
      ] as const) {
        await registerFullCylinders(api, producer, {
          plantId: plant,
          ownerId: 'gulf-gases',
          serials: list,
          sizeCode,
          gasGrade: 'oxygen-93',
          occurredAt: daysAgo(20),
        });
      }
      const trip = await createTrip(dispatcher, { vehicleId: 'gulf-truck-1', stops: [surge] });
      expect(trip.status).toBe(201);
      const tripId = trip.body.tripId as string;
      const asDriver = auth(driver.accessToken);
      const all = [...js, ...es];
      await http()
        .post(`/trips/${tripId}/load`)
        .set(asDriver)
        .send({ serials: all, occurredAt: daysAgo(19) })
        .expect(200);
      await http()
        .post(`/trips/${tripId}/deliveries`)
        .set(asDriver)
        .send({
          facilityId: surge,
          delivered: all,
          collected: [],
          receivedBy: 'Store',
          occurredAt: daysAgo(19),
        })
        .expect(200);
      for (const [day, serial] of es.entries()) {
        await http()
          .post(`/cylinders/${serial}/in-use`)
          .set(auth(staff))
          .send({ occurredAt: daysAgo(14 - day) })
          .expect(200);
        await http()
          .post(`/cylinders/${serial}/empty`)
          .set(auth(staff))
          .send({ occurredAt: daysAgo(14 - day, 1) })
          .expect(200);
      }
      await http()
        .put(`/hospitals/${surge}/beds`)
        .set(auth(staff))
        .send({ general: 20, icu: 4, neonatal: 0 })
        .expect(200);
      await projectorCaughtUp(api);
      const before = await http().get(`/hospitals/${surge}/supply`).set(auth(staff)).expect(200);
      expect(before.body).toMatchObject({ level: 'ok', need: { basis: 'consumption' } });

      // When the ward reports two severe patients
      await http()
        .post(`/hospitals/${surge}/census`)
        .set(auth(staff))
        .send({ severe: 2, critical: 0 })
        .expect(201);

      // Then the need follows the census at once: 61.76 L/min = 88,934.4 L/day, 0.5 days
      const after = await http().get(`/hospitals/${surge}/supply`).set(auth(staff)).expect(200);
      expect(after.body).toMatchObject({ level: 'critical', need: { basis: 'census-surge' } });
      expect(after.body.needLitresPerDay).toBeCloseTo(88_934.4, 6);
      expect(after.body.daysOfSupply).toBeLessThan(2);
    });
  });
});
