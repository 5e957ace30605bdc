import { ProjectorService } from '@oxyledger/read-models';
import { NetworkService } from '@oxyledger/network';
import { projectorCaughtUp } from './support/projector';
import { startTestApp, type TestApp, uniqueName } from './support/test-app';

// catching the projector up scans the run's whole ledger, which grows through the suite
jest.setTimeout(180_000);

describe('api (e2e): plant capacity and status', () => {
  let api: TestApp;
  let plantId: string;
  let hospitalId: string;
  let producer: string;
  let otherProducer: string;
  let analyst: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    api = await startTestApp();
    const network = api.app.get(NetworkService);
    plantId = uniqueName('plant');
    hospitalId = uniqueName('hospital');
    const otherPlant = uniqueName('plant');
    const place = { governorate: 'Basra', latitude: 30.5, longitude: 47.8 };
    for (const id of [plantId, otherPlant]) {
      await network.ensureFacility({
        id,
        kind: 'producer',
        name: id,
        supplierId: 'basra-oxygen',
        ...place,
      });
    }
    await network.ensureFacility({ id: hospitalId, kind: 'hospital', name: 'Hospital', ...place });
    producer = (await api.login('producer', { facilityId: plantId })).accessToken;
    otherProducer = (await api.login('producer', { facilityId: otherPlant })).accessToken;
    analyst = (await api.login('analyst')).accessToken;
    // plants are read from the `plant_states` read model
    api.app.get(ProjectorService).start();
  });
  afterAll(() => api?.close());

  it('records capacity and status as events, and derives cylinders a day per size', async () => {
    await api
      .http()
      .put(`/plants/${plantId}/capacity`)
      .set(auth(producer))
      .send({ outputCubicMetresPerHour: 50, hoursPerDay: 20, fillLimitsPerDay: { J: 100 } })
      .expect(200);
    // 50 m³/h × 20 h = 1,000,000 L: J 147 capped at 100, E 1,470
    await projectorCaughtUp(api);
    const running = await api.http().get(`/plants/${plantId}`).set(auth(analyst)).expect(200);
    expect(running.body).toMatchObject({ facilityId: plantId, status: 'running' });
    expect(running.body.dailyFillCapacity).toEqual(
      expect.arrayContaining([
        { sizeCode: 'J', cylindersPerDay: 100 },
        { sizeCode: 'E', cylindersPerDay: 1_470 },
      ]),
    );

    const down = await api
      .http()
      .post(`/plants/${plantId}/status`)
      .set(auth(producer))
      .send({ status: 'down', reason: 'Power cut' })
      .expect(200);
    expect(down.body).toMatchObject({ status: 'down', reason: 'Power cut' });
    expect(
      down.body.dailyFillCapacity.every(
        (s: { cylindersPerDay: number }) => s.cylindersPerDay === 0,
      ),
    ).toBe(true);

    // the dashboard's list shows plants that are down first
    await projectorCaughtUp(api);
    const list = await api.http().get('/plants').set(auth(analyst)).expect(200);
    expect(list.body.items[0]).toMatchObject({ facilityId: plantId, status: 'down' });
  });

  it('refuses another plant’s staff, non-plants and a status without its reason', async () => {
    await api
      .http()
      .post(`/plants/${plantId}/status`)
      .set(auth(otherProducer))
      .send({ status: 'running' })
      .expect(403);
    const admin = (await api.login('admin')).accessToken;
    await api
      .http()
      .put(`/plants/${hospitalId}/capacity`)
      .set(auth(admin))
      .send({ outputCubicMetresPerHour: 1, hoursPerDay: 1 })
      .expect(422);
    const noReason = await api
      .http()
      .post(`/plants/${plantId}/status`)
      .set(auth(producer))
      .send({ status: 'degraded' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.message).toContain('reason');
    const bad = await api
      .http()
      .put(`/plants/${plantId}/capacity`)
      .set(auth(producer))
      .send({ outputCubicMetresPerHour: -5, hoursPerDay: 30 });
    expect(bad.status).toBe(400);
    expect((bad.body.violations as { field: string }[]).map((v) => v.field).sort()).toEqual([
      'hoursPerDay',
      'outputCubicMetresPerHour',
    ]);
  });
});
