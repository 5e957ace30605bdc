import { ProjectorService } from '@oxyledger/read-models';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '@oxyledger/config/testing/scratch-database';
import { DemoSeedService } from '../src/demo/demo-seed.service';
import { DEMO_PASSWORD } from '../src/demo/demo-network';
import { projectorCaughtUp } from './support/projector';
import { startTestApp, type TestApp } from './support/test-app';

/** The demo network, seeded through the real command path on an empty database of its own. */
describe('api (e2e): demo seed', () => {
  let api: TestApp;
  let database: ScratchDatabase;

  beforeAll(async () => {
    database = await createScratchDatabase('demo');
    api = await startTestApp({ databaseUrl: database.url });
    api.app.get(ProjectorService).start();
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('seeds once, lets every demo role log in, and leaves cylinders in every state', async () => {
    const seed = api.app.get(DemoSeedService);

    const startedAt = Date.now();
    const first = await seed.seedIfEmpty();
    const second = await seed.seedIfEmpty();

    expect(first.seeded).toBe(true);
    expect(first.cylinders).toBeGreaterThanOrEqual(200);
    expect(second).toMatchObject({ seeded: false, reason: 'the ledger already holds events' });

    for (const login of first.logins) {
      const response = await api
        .http()
        .post('/auth/login')
        .send({ username: login.username, password: DEMO_PASSWORD });
      expect(response.status).toBe(200);
    }
    const token = (
      await api.http().post('/auth/login').send({ username: 'analyst', password: DEMO_PASSWORD })
    ).body.accessToken;
    const statuses = new Set<string>();
    for (const serial of [
      'IQ-BAG-00001',
      'IQ-BAG-00006',
      'IQ-BAG-00021',
      'IQ-BAG-00029',
      'IQ-BAG-00035',
      'IQ-BAG-00041',
      'IQ-BAG-00045',
      'IQ-BAG-00004',
    ]) {
      const response = await api
        .http()
        .get(`/cylinders/${serial}`)
        .set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(200);
      statuses.add(response.body.state.status);
    }
    expect([...statuses].sort()).toEqual(
      ['CONDEMNED', 'EMPTY', 'FULL', 'IN_TRANSIT', 'IN_USE', 'LOST', 'QUARANTINED'].sort(),
    );

    // The history is current: it ends at start-up, not on a fixed day, and empties wait at
    // hospitals for the next plan to collect
    const emptyAtHospital = await api
      .http()
      .get('/cylinders/IQ-BAG-00002')
      .set('Authorization', `Bearer ${token}`);
    expect(emptyAtHospital.body.state).toMatchObject({
      status: 'EMPTY',
      location: { facilityKind: 'hospital' },
    });
    const onTruck = await api
      .http()
      .get('/cylinders/IQ-BAG-00021')
      .set('Authorization', `Bearer ${token}`);
    const times = onTruck.body.history.map((event: { occurredAt: string }) =>
      Date.parse(event.occurredAt),
    );
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.now());
    expect(Math.max(...times)).toBeGreaterThan(startedAt - 6 * 3_600_000);
    expect(Math.min(...times)).toBeGreaterThan(startedAt - 15 * 86_400_000);
  }, 120_000);

  it('seeds a partner network across every governorate and help requests in every state', async () => {
    const token = (
      await api.http().post('/auth/login').send({ username: 'partner', password: DEMO_PASSWORD })
    ).body.accessToken;
    const auth = { Authorization: `Bearer ${token}` };
    const people = await api.http().get('/partners/people?pageSize=200').set(auth).expect(200);
    expect(people.body.total).toBeGreaterThanOrEqual(30);
    const covered = new Set(
      people.body.items.flatMap((p: { governorates: string[] }) => p.governorates),
    );
    expect(covered.size).toBe(19);
    const kinds = new Set(
      (await api.http().get('/partners/organisations').set(auth).expect(200)).body.map(
        (o: { kind: string }) => o.kind,
      ),
    );
    expect(kinds.size).toBe(7);
    // the partner login is Ali Hassan, and sees all his own contacts
    const me = await api.http().get('/partners/people/ali-hassan').set(auth).expect(200);
    expect(me.body.hiddenContacts).toBe(0);
    await projectorCaughtUp(api);
    const board = await api.http().get('/help-requests?pageSize=100').set(auth).expect(200);
    expect(new Set(board.body.items.map((r: { status: string }) => r.status))).toEqual(
      new Set(['opened', 'triaged', 'assigned', 'in-progress', 'resolved', 'closed', 'reopened']),
    );
  }, 120_000);
});
