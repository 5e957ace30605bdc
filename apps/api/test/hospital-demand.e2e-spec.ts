import { NetworkService } from '@oxyledger/network';
import { startTestApp, type TestApp, uniqueName } from './support/test-app';

describe('api (e2e): a hospital’s oxygen demand profile', () => {
  let api: TestApp;
  let hospitalId: string;
  let plantId: string;
  let staff: string;
  let otherStaff: string;
  let admin: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    api = await startTestApp();
    const network = api.app.get(NetworkService);
    hospitalId = uniqueName('hospital');
    plantId = uniqueName('plant');
    const place = { governorate: 'Basra', latitude: 30.5, longitude: 47.8 };
    await network.ensureFacility({
      id: hospitalId,
      kind: 'hospital',
      name: 'Basra General',
      ...place,
    });
    const other = uniqueName('hospital');
    await network.ensureFacility({ id: other, kind: 'hospital', name: 'Basra Teaching', ...place });
    await network.ensureFacility({
      id: plantId,
      kind: 'producer',
      name: 'Basra PSA',
      supplierId: 'basra-oxygen',
      ...place,
    });
    staff = (await api.login('hospital', { facilityId: hospitalId })).accessToken;
    otherStaff = (await api.login('hospital', { facilityId: other })).accessToken;
    admin = (await api.login('admin')).accessToken;
  });
  afterAll(() => api?.close());

  it('records beds and census as events, and estimates the clinical need from them', async () => {
    await api
      .http()
      .put(`/hospitals/${hospitalId}/beds`)
      .set(auth(staff))
      .send({ general: 100, icu: 10, neonatal: 10 })
      .expect(200);
    await api
      .http()
      .post(`/hospitals/${hospitalId}/census`)
      .set(auth(staff))
      .send({ severe: 5, critical: 2, occurredAt: '2026-11-26T09:00:00Z' })
      .expect(201);
    // queued offline and sent late: recorded, but the newer census stays current
    await api
      .http()
      .post(`/hospitals/${hospitalId}/census`)
      .set(auth(staff))
      .send({ severe: 40, critical: 9, occurredAt: '2026-11-26T07:00:00Z' })
      .expect(201);

    const demand = await api
      .http()
      .get(`/hospitals/${hospitalId}/demand`)
      .set(auth(admin))
      .expect(200);
    // 5 × 10 + 2 × 30 + 95 × 0.8 × 0.2 × 2 + 8 × 9 + 10 × 0.8 × 0.5 × 1 = 216.4 L/min
    expect(demand.body).toMatchObject({
      facilityId: hospitalId,
      beds: { general: 100, icu: 10, neonatal: 10 },
      census: { severe: 5, critical: 2, at: '2026-11-26T09:00:00Z' },
    });
    expect(demand.body.clinicalNeedLitresPerDay).toBeCloseTo(216.4 * 1_440, 6);
  });

  it('lets only the hospital’s staff and admins change it, and only for hospitals', async () => {
    const beds = { general: 1, icu: 1, neonatal: 0 };
    const foreign = await api
      .http()
      .put(`/hospitals/${hospitalId}/beds`)
      .set(auth(otherStaff))
      .send(beds);
    expect(foreign.status).toBe(403);
    const plant = await api.http().put(`/hospitals/${plantId}/beds`).set(auth(admin)).send(beds);
    expect(plant.status).toBe(422);
    expect(plant.body.message).toContain('only hospitals');
    await api
      .http()
      .put('/hospitals/no-such-hospital/beds')
      .set(auth(admin))
      .send(beds)
      .expect(404);
  });

  it('names the field of a bad count and records nothing', async () => {
    const bad = await api
      .http()
      .post(`/hospitals/${hospitalId}/census`)
      .set(auth(staff))
      .send({ severe: -1, critical: 2.5 });
    expect(bad.status).toBe(400);
    const fields = (bad.body.violations as { field: string }[]).map((v) => v.field);
    expect(fields).toEqual(expect.arrayContaining(['severe', 'critical']));
    const demand = await api.http().get(`/hospitals/${hospitalId}/demand`).set(auth(admin));
    expect(demand.body.census.severe).toBe(5);
  });
});
