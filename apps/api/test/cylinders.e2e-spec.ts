import { NetworkService } from '@oxyledger/network';
import { startTestApp, type TestApp, uniqueName } from './support/test-app';

describe('api (e2e): registering and filling cylinders through the ledger', () => {
  let api: TestApp;
  let plantId: string;
  let producerToken: string;
  let otherProducerToken: string;

  const serial = () => uniqueName('IQ').toUpperCase();
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    api = await startTestApp();
    const network = api.app.get(NetworkService);
    plantId = uniqueName('plant');
    const otherPlant = uniqueName('plant');
    for (const id of [plantId, otherPlant]) {
      await network.ensureFacility({
        id,
        kind: 'producer',
        name: `Plant ${id}`,
        governorate: 'Baghdad',
        latitude: 33.31,
        longitude: 44.36,
        supplierId: 'baghdad-gas',
      });
    }
    producerToken = (await api.login('producer', { facilityId: plantId })).accessToken;
    otherProducerToken = (await api.login('producer', { facilityId: otherPlant })).accessToken;
  });
  afterAll(() => api?.close());

  const register = (serials: string[], token = producerToken, facilityId = plantId) =>
    api
      .http()
      .post('/cylinders')
      .set(auth(token))
      .send({
        facilityId,
        cylinders: serials.map((s) => ({
          serial: s,
          sizeCode: 'J',
          ownerId: 'baghdad-gas',
          gasGrade: 'oxygen-99.5',
          manufactureDate: '2022-01-10',
          lastTestDate: '2024-01-10',
        })),
      });

  const fill = (serials: string[], token = producerToken) =>
    api.http().post('/cylinders/fills').set(auth(token)).send({
      plantId,
      serials,
      lot: 'LOT-1',
      purityPercent: 99.5,
      pressureBar: 137,
      operatorId: 'operator-7',
    });

  it('registers a batch, fills it from one manifold, and shows the history from the ledger', async () => {
    const serials = [serial(), serial(), serial()];

    await register(serials).expect(201);
    await fill(serials).expect(201);

    const response = await api.http().get(`/cylinders/${serials[1]}`).set(auth(producerToken));
    expect(response.status).toBe(200);
    expect(response.body.state).toMatchObject({ status: 'FULL' });
    expect(response.body.history.map((e: { type: string }) => e.type)).toEqual([
      'CylinderRegistered',
      'CylinderFilled',
    ]);
    expect(response.body.history[1].actor).toMatchObject({ role: 'producer', facilityId: plantId });
  });

  it('refuses the whole batch, naming each cylinder and rule, when one cannot be filled', async () => {
    const [full, empty] = [serial(), serial()];
    await register([full, empty]).expect(201);
    await fill([full]).expect(201);

    const response = await fill([empty, full]);

    expect(response.status).toBe(409);
    expect(response.body.error).toBe('batch.refused');
    expect(response.body.errors).toEqual([
      expect.objectContaining({ serial: full, code: expect.stringMatching(/^cylinder\./) }),
    ]);
    const untouched = await api.http().get(`/cylinders/${empty}`).set(auth(producerToken));
    expect(untouched.body.history).toHaveLength(1);
  });

  it('refuses a serial registered twice', async () => {
    const once = serial();
    await register([once]).expect(201);
    const again = await register([once]);
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toContain(once);
  });

  it('answers 400 naming the field for a malformed serial or an unknown field', async () => {
    const response = await api
      .http()
      .post('/cylinders/fills')
      .set(auth(producerToken))
      .send({
        plantId,
        serials: ['bad serial'],
        lot: 'L',
        purityPercent: 99,
        pressureBar: 137,
        operatorId: 'o',
        colour: 'green',
      });
    expect(response.status).toBe(400);
    const fields = response.body.violations.map((v: { field: string }) => v.field);
    expect(fields).toEqual(expect.arrayContaining(['serials', 'colour']));
  });

  it('answers 403 when a producer fills at another plant, recording nothing', async () => {
    const s = serial();
    await register([s]).expect(201);
    const response = await fill([s], otherProducerToken);
    expect(response.status).toBe(403);
    const cylinder = await api.http().get(`/cylinders/${s}`).set(auth(producerToken));
    expect(cylinder.body.history).toHaveLength(1);
  });

  it("lets a producer read its plant's supplier's cylinders wherever they are, not another supplier's", async () => {
    const s = serial();
    await register([s]).expect(201); // at plantId, owned by baghdad-gas
    // the other plant of the same supplier follows it although it is not there
    await api.http().get(`/cylinders/${s}`).set(auth(otherProducerToken)).expect(200);

    const foreignPlant = uniqueName('plant');
    await api.app.get(NetworkService).ensureFacility({
      id: foreignPlant,
      kind: 'producer',
      name: `Plant ${foreignPlant}`,
      governorate: 'Basra',
      latitude: 30.5,
      longitude: 47.8,
      supplierId: 'basra-oxygen',
    });
    const foreign = (await api.login('producer', { facilityId: foreignPlant })).accessToken;
    const refused = await api.http().get(`/cylinders/${s}`).set(auth(foreign));
    expect([refused.status, refused.body.error]).toEqual([403, 'access.read-scope']);

    // the plant changes supplier: its users read by the new one at once, no new token needed
    const admin = (await api.login('admin')).accessToken;
    await api
      .http()
      .patch(`/admin/facilities/${foreignPlant}`)
      .set(auth(admin))
      .send({ supplierId: 'baghdad-gas' })
      .expect(200);
    await api.http().get(`/cylinders/${s}`).set(auth(foreign)).expect(200);
  });

  it('answers 404 for an unknown cylinder or facility, 401 without a token', async () => {
    await api.http().get('/cylinders/NOPE-404').set(auth(producerToken)).expect(404);
    const admin = await api.login('admin');
    const unplaced = serial();
    const nowhere = await register([unplaced], admin.accessToken, 'no-such-plant');
    expect(nowhere.status).toBe(404);
    expect(nowhere.body.error).toBe('facility.not-found');
    await api.http().get(`/cylinders/${unplaced}`).set(auth(admin.accessToken)).expect(404);
    await api.http().get('/cylinders/NOPE-404').expect(401);
  });

  it('answers 404 for a fill at an unknown plant, recording nothing', async () => {
    const s = serial();
    await register([s]).expect(201);
    const admin = await api.login('admin');
    const response = await api
      .http()
      .post('/cylinders/fills')
      .set(auth(admin.accessToken))
      .send({
        plantId: 'no-such-plant',
        serials: [s],
        lot: 'LOT-1',
        purityPercent: 99.5,
        pressureBar: 137,
        operatorId: 'operator-7',
      });
    expect(response.status).toBe(404);
    expect(response.body.error).toBe('facility.not-found');
    const cylinder = await api.http().get(`/cylinders/${s}`).set(auth(producerToken));
    expect(cylinder.body.history.map((e: { type: string }) => e.type)).toEqual([
      'CylinderRegistered',
    ]);
  });

  it('records a periodic test, quarantine, release and condemnation; a condemned cylinder never moves again', async () => {
    const s = serial();
    await register([s]).expect(201);
    const post = (action: string, body: object = {}) =>
      api.http().post(`/cylinders/${s}/${action}`).set(auth(producerToken)).send(body);

    await post('tests', {
      result: 'passed',
      testedOn: '2026-11-01',
      testedBy: 'Test station 2',
    }).expect(200);
    await post('quarantine', { reason: 'Valve leak' }).expect(200);
    await post('release').expect(200);
    await post('quarantine', { reason: 'Dented shoulder' }).expect(200);
    const condemned = await post('condemn', { reason: 'Beyond repair' });
    expect(condemned.body).toMatchObject({ serial: s, status: 'CONDEMNED' });

    const refill = await fill([s]);
    expect(refill.status).toBe(409);
    expect(refill.body.errors[0]).toMatchObject({ serial: s, code: 'cylinder.condemned' });
    const history = await api.http().get(`/cylinders/${s}`).set(auth(producerToken));
    expect(history.body.history.map((e: { type: string }) => e.type)).toEqual([
      'CylinderRegistered',
      'CylinderTested',
      'CylinderQuarantined',
      'CylinderReleased',
      'CylinderQuarantined',
      'CylinderCondemned',
    ]);
  });

  it('reports a cylinder lost and found again', async () => {
    const s = serial();
    await register([s]).expect(201);
    const post = (action: string, body: object = {}) =>
      api.http().post(`/cylinders/${s}/${action}`).set(auth(producerToken)).send(body);

    await post('lost', { reason: 'Not on the rack at stock-take' }).expect(200);
    const found = await post('found', { facilityId: plantId });

    expect(found.status).toBe(200);
    expect(found.body.status).toBe('EMPTY');
  });

  it('lets exactly one of two concurrent fills of the same cylinder win', async () => {
    const s = serial();
    await register([s]).expect(201);
    const results = await Promise.all([fill([s]), fill([s])]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const cylinder = await api.http().get(`/cylinders/${s}`).set(auth(producerToken));
    expect(cylinder.body.history.map((e: { type: string }) => e.type)).toEqual([
      'CylinderRegistered',
      'CylinderFilled',
    ]);
  });
});
