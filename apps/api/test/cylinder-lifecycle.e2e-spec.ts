import { randomUUID } from 'node:crypto';
import { NetworkService } from '@oxyledger/network';
import { plantWithProducer } from './support/plant-and-producer';
import { startTestApp, type TestApp, uniqueName } from './support/test-app';

/** A cylinder's whole round through the API, as the demo roles would walk it. */
describe('api (e2e): a cylinder round trip, plant → hospital → plant', () => {
  let api: TestApp;
  let plantId: string;
  let hospitalId: string;
  let vehicleId: string;
  let producer: string;
  let hospital: string;
  let dispatcher: string;
  let driver: { id: string; accessToken: string };
  let otherDriver: { id: string; accessToken: string };

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const serial = () => uniqueName('IQ').toUpperCase();

  beforeAll(async () => {
    api = await startTestApp();
    const network = api.app.get(NetworkService);
    ({ plantId, producer } = await plantWithProducer(api));
    hospitalId = uniqueName('hospital');
    vehicleId = uniqueName('truck');
    await network.ensureFacility({
      id: hospitalId,
      kind: 'hospital',
      name: 'Basra General',
      governorate: 'Basra',
      latitude: 30.51,
      longitude: 47.81,
    });
    await network.ensureVehicle({
      id: vehicleId,
      registrationPlate: 'BSR 1234',
      depotFacilityId: plantId,
      capacity: { J: 40 },
      supplierId: 'basra-oxygen',
    });
    hospital = (await api.login('hospital', { facilityId: hospitalId })).accessToken;
    dispatcher = (await api.login('dispatcher')).accessToken;
    driver = await api.login('driver', { supplierId: 'basra-oxygen' });
    otherDriver = await api.login('driver', { supplierId: 'basra-oxygen' });
  });
  afterAll(() => api?.close());

  async function fullCylinders(count: number): Promise<string[]> {
    const serials = Array.from({ length: count }, serial);
    await api
      .http()
      .post('/cylinders')
      .set(auth(producer))
      .send({
        facilityId: plantId,
        cylinders: serials.map((s) => ({
          serial: s,
          sizeCode: 'J',
          ownerId: 'basra-oxygen',
          gasGrade: 'oxygen-99.5',
          manufactureDate: '2022-01-10',
          lastTestDate: '2024-01-10',
        })),
      })
      .expect(201);
    await api
      .http()
      .post('/cylinders/fills')
      .set(auth(producer))
      .send({
        plantId,
        serials,
        lot: 'L-1',
        purityPercent: 99.5,
        pressureBar: 137,
        operatorId: 'op-1',
      })
      .expect(201);
    return serials;
  }

  /** A trip on a truck of its own: a truck has one open trip at a time. */
  async function trip(): Promise<string> {
    const truck = uniqueName('truck');
    await api.app.get(NetworkService).ensureVehicle({
      id: truck,
      registrationPlate: truck.toUpperCase(),
      depotFacilityId: plantId,
      capacity: { J: 40 },
      supplierId: 'basra-oxygen',
    });
    const response = await api
      .http()
      .post('/trips')
      .set(auth(dispatcher))
      .send({
        originFacilityId: plantId,
        vehicleId: truck,
        driverUserId: driver.id,
        stops: [hospitalId],
        plannedAt: '2026-11-27T06:00:00Z',
      });
    expect(response.status).toBe(201);
    return response.body.tripId as string;
  }

  const history = async (s: string) =>
    (await api.http().get(`/cylinders/${s}`).set(auth(producer))).body as {
      state: { status: string };
      history: { type: string }[];
    };

  it('fills, loads, delivers, uses, empties, collects and unloads a cylinder', async () => {
    const [cylinder] = await fullCylinders(1);
    const outbound = await trip();

    await api
      .http()
      .post(`/trips/${outbound}/load`)
      .set(auth(driver.accessToken))
      .send({ serials: [cylinder] })
      .expect(200);
    await api
      .http()
      .post(`/trips/${outbound}/deliveries`)
      .set(auth(driver.accessToken))
      .send({
        facilityId: hospitalId,
        delivered: [cylinder],
        collected: [],
        receivedBy: 'Store keeper',
      })
      .expect(200);
    await api
      .http()
      .post(`/trips/${outbound}/complete`)
      .set(auth(driver.accessToken))
      .send({})
      .expect(200);
    await api.http().post(`/cylinders/${cylinder}/in-use`).set(auth(hospital)).send({}).expect(200);
    await api.http().post(`/cylinders/${cylinder}/empty`).set(auth(hospital)).send({}).expect(200);

    const inbound = await trip();
    await api
      .http()
      .post(`/trips/${inbound}/deliveries`)
      .set(auth(driver.accessToken))
      .send({
        facilityId: hospitalId,
        delivered: [],
        collected: [cylinder],
        receivedBy: 'Store keeper',
      })
      .expect(200);
    await api
      .http()
      .post(`/trips/${inbound}/unload`)
      .set(auth(driver.accessToken))
      .send({ facilityId: plantId, serials: [cylinder] })
      .expect(200);

    const { state, history: events } = await history(cylinder);
    expect(state.status).toBe('EMPTY');
    expect(events.map((e) => e.type)).toEqual([
      'CylinderRegistered',
      'CylinderFilled',
      'CylinderLoaded',
      'CylinderDelivered',
      'CylinderPutInUse',
      'CylinderMarkedEmpty',
      'CylinderCollected',
      'CylinderUnloaded',
    ]);
  });

  it('refuses another driver on the trip with 403 and an impossible step with 409, recording nothing', async () => {
    const [cylinder] = await fullCylinders(1);
    const id = await trip();

    const stranger = await api
      .http()
      .post(`/trips/${id}/load`)
      .set(auth(otherDriver.accessToken))
      .send({ serials: [cylinder] });
    expect(stranger.status).toBe(403);
    const notLoaded = await api
      .http()
      .post(`/trips/${id}/deliveries`)
      .set(auth(driver.accessToken))
      .send({ facilityId: hospitalId, delivered: [cylinder], collected: [], receivedBy: 'x' });
    expect(notLoaded.status).toBe(409);
    const inUseAtPlant = await api
      .http()
      .post(`/cylinders/${cylinder}/in-use`)
      .set(auth(hospital))
      .send({});
    expect(inUseAtPlant.status).toBe(403);
    expect((await history(cylinder)).history).toHaveLength(2);
    await api
      .http()
      .post(`/trips/${randomUUID()}/load`)
      .set(auth(driver.accessToken))
      .send({ serials: [cylinder] })
      .expect(404);
  });

  it('lets exactly one of two racing deliveries of the same cylinder win', async () => {
    const [cylinder] = await fullCylinders(1);
    const id = await trip();
    await api
      .http()
      .post(`/trips/${id}/load`)
      .set(auth(driver.accessToken))
      .send({ serials: [cylinder] })
      .expect(200);

    const deliver = (token: string) =>
      api
        .http()
        .post(`/trips/${id}/deliveries`)
        .set(auth(token))
        .send({
          facilityId: hospitalId,
          delivered: [cylinder],
          collected: [],
          receivedBy: 'Store keeper',
        });
    const results = await Promise.all([deliver(driver.accessToken), deliver(dispatcher)]);

    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const delivered = (await history(cylinder)).history.filter(
      (e) => e.type === 'CylinderDelivered',
    );
    expect(delivered).toHaveLength(1);
  });

  it('retries a delivery safely with an Idempotency-Key, as a phone on a bad connection does', async () => {
    const [cylinder] = await fullCylinders(1);
    const id = await trip();
    await api
      .http()
      .post(`/trips/${id}/load`)
      .set(auth(driver.accessToken))
      .send({ serials: [cylinder] })
      .expect(200);
    const key = uniqueName('delivery');
    const deliver = () =>
      api
        .http()
        .post(`/trips/${id}/deliveries`)
        .set(auth(driver.accessToken))
        .set('Idempotency-Key', key)
        .send({
          facilityId: hospitalId,
          delivered: [cylinder],
          collected: [],
          receivedBy: 'Store keeper',
        });

    const first = await deliver();
    const retries = [];
    for (let i = 0; i < 4; i++) retries.push(await deliver());

    expect(first.status).toBe(200);
    for (const retry of retries) {
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
    }
    const delivered = (await history(cylinder)).history.filter(
      (e) => e.type === 'CylinderDelivered',
    );
    expect(delivered).toHaveLength(1);
  });
});
