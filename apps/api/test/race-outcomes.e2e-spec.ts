import { NetworkService } from '@oxyledger/network';
import { registerFullCylinders } from './support/ledger-steps';
import { startTestApp, type TestApp, uniqueName } from './support/test-app';

/**
 * The losing side of a race to a state change gets 409 with the current state, never 403: the
 * cylinder was at the user's facility when they looked, so "not yours" would be a lie.
 */
describe('api (e2e): race outcomes are honest', () => {
  let api: TestApp;
  let plantId: string;
  let otherPlantId: string;
  let producer: string;
  let stranger: string;
  let admin: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    api = await startTestApp();
    const network = api.app.get(NetworkService);
    [plantId, otherPlantId] = [uniqueName('plant'), uniqueName('plant')];
    const thirdPlant = uniqueName('plant');
    for (const id of [plantId, otherPlantId, thirdPlant]) {
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
    producer = (await api.login('producer', { facilityId: plantId })).accessToken;
    stranger = (await api.login('producer', { facilityId: thirdPlant })).accessToken;
    admin = (await api.login('admin')).accessToken;
  }, 60_000);
  afterAll(() => api?.close());

  it('gives 409 with where the cylinder is now to the plant it just left, 403 to a stranger', async () => {
    const serial = uniqueName('IQ-RACE').toUpperCase();
    await registerFullCylinders(api, producer, {
      plantId,
      ownerId: 'baghdad-gas',
      serials: [serial],
    });
    // Meanwhile an admin reports it lost and it turns up at another plant.
    await api.http().post(`/cylinders/${serial}/lost`).set(auth(admin)).send({}).expect(200);
    await api
      .http()
      .post(`/cylinders/${serial}/found`)
      .set(auth(admin))
      .send({ facilityId: otherPlantId })
      .expect(200);

    // The plant's producer, who saw it on their floor a moment ago, quarantines it.
    const late = await api
      .http()
      .post(`/cylinders/${serial}/quarantine`)
      .set(auth(producer))
      .send({ reason: 'dented valve' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      error: 'cylinder.moved-away',
      currentState: {
        status: 'EMPTY',
        location: { kind: 'facility', facilityId: otherPlantId },
      },
    });

    const never = await api
      .http()
      .post(`/cylinders/${serial}/quarantine`)
      .set(auth(stranger))
      .send({ reason: 'not mine' });
    expect(never.status).toBe(403);
    expect(JSON.stringify(never.body)).not.toContain(otherPlantId);
  });

  it('whichever of two racing commands loses gets a 409, never a 403', async () => {
    const serial = uniqueName('IQ-RACE').toUpperCase();
    await registerFullCylinders(api, producer, {
      plantId,
      ownerId: 'baghdad-gas',
      serials: [serial],
    });
    const [quarantine, lost] = await Promise.all([
      api
        .http()
        .post(`/cylinders/${serial}/quarantine`)
        .set(auth(producer))
        .send({ reason: 'race' }),
      api.http().post(`/cylinders/${serial}/lost`).set(auth(admin)).send({}),
    ]);
    const statuses = [quarantine.status, lost.status];
    expect(statuses).not.toContain(403);
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
  });
});
