import {
  createScratchDatabase,
  type ScratchDatabase,
} from '@oxyledger/config/testing/scratch-database';
import { LiveEventsService } from '../src/live/live-events.service';
import { NetworkService } from '@oxyledger/network';
import { ProjectorService } from '@oxyledger/read-models';
import { openEventStream, type SseMessage } from './support/sse-reader';
import { startTestApp, type TestApp } from './support/test-app';

/** The dashboard's live stream: ledger changes as server-sent events, scoped and resumable. */
describe('api (e2e): live events', () => {
  let database: ScratchDatabase;
  let api: TestApp;
  let analyst: string;
  let northStaff: string;
  let southStaff: string;
  let eastStaff: string;
  const streams: { close: () => void }[] = [];
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const isChangeAt = (facilityId: string) => (m: SseMessage) =>
    m.event === 'change' && JSON.parse(m.data ?? '{}').facilityIds?.includes(facilityId);

  async function stream(headers: Record<string, string>) {
    const opened = await openEventStream(api.app, headers);
    streams.push(opened);
    return opened;
  }

  async function census(token: string, facilityId: string, severe: number) {
    await api
      .http()
      .post(`/hospitals/${facilityId}/census`)
      .set(auth(token))
      .send({ severe, critical: 0 })
      .expect(201);
  }

  beforeAll(async () => {
    database = await createScratchDatabase('liveevents');
    api = await startTestApp({ databaseUrl: database.url });
    // A change is sent once the read models have applied it (or after 5 s without them): with
    // the projector running, as in the api, the feed does not wait out that limit on every batch.
    api.app.get(ProjectorService).start();
    const network = api.app.get(NetworkService);
    for (const [id, latitude] of [
      ['live-north', 36.2],
      ['live-south', 30.5],
      ['live-east', 33.0],
    ] as const) {
      await network.ensureFacility({
        id,
        kind: 'hospital',
        name: id,
        governorate: 'Basra',
        latitude,
        longitude: 47.8,
      });
    }
    analyst = (await api.login('analyst')).accessToken;
    northStaff = (await api.login('hospital', { facilityId: 'live-north' })).accessToken;
    southStaff = (await api.login('hospital', { facilityId: 'live-south' })).accessToken;
    eastStaff = (await api.login('hospital', { facilityId: 'live-east' })).accessToken;
  });

  afterAll(async () => {
    streams.forEach((s) => s.close());
    await api?.close();
    await database?.drop();
  });

  it('refuses a reader without an access token', async () => {
    const anonymous = await stream({});
    expect(anonymous.status).toBe(401);
  });

  it('sends each change with its ledger position as id, after a first comment', async () => {
    const feed = await stream(auth(analyst));
    expect(feed.status).toBe(200);
    const connected = await feed.next((m) => m.comment === 'connected');
    expect(connected.id).toBeUndefined();
    await census(northStaff, 'live-north', 3);
    const change = await feed.next(isChangeAt('live-north'));
    expect(change.id).toMatch(/\S+/);
    expect(JSON.parse(change.data!)).toEqual({
      kind: 'hospital-demand',
      type: 'OxygenCensusReported',
      facilityIds: ['live-north'],
    });
  });

  it('shows a hospital user the changes at their hospital only', async () => {
    const feed = await stream(auth(southStaff));
    await feed.next((m) => m.comment === 'connected');
    await census(northStaff, 'live-north', 4);
    await census(southStaff, 'live-south', 5);
    await feed.next(isChangeAt('live-south'));
    expect(feed.messages.filter(isChangeAt('live-north'))).toEqual([]);
  });

  it('resumes after Last-Event-ID without a gap', async () => {
    const first = await stream(auth(analyst));
    await first.next((m) => m.comment === 'connected');
    await census(eastStaff, 'live-east', 6);
    const seen = await first.next(isChangeAt('live-east'));
    first.close();
    // while the page is away: two more changes
    await census(southStaff, 'live-south', 7);
    await census(eastStaff, 'live-east', 8);
    const resumed = await stream({ ...auth(analyst), 'Last-Event-ID': seen.id! });
    await resumed.next(isChangeAt('live-east'));
    const changes = resumed.messages.filter((m) => m.event === 'change');
    expect(changes.map((m) => JSON.parse(m.data!).facilityIds[0])).toEqual([
      'live-south',
      'live-east',
    ]);
    expect(changes.map((m) => m.id)).not.toContain(seen.id);
  });

  it('ends open streams when the api shuts down, so it can stop', async () => {
    const feed = await stream(auth(analyst));
    await feed.next((m) => m.comment === 'connected');
    await api.app.get(LiveEventsService).beforeApplicationShutdown();
    await feed.ended();
  });

  it('answers 400 naming the header for a Last-Event-ID that is no position', async () => {
    const response = await api
      .http()
      .get('/events')
      .set({ ...auth(analyst), 'Last-Event-ID': 'yesterday' })
      .expect(400);
    expect(response.body.message).toContain('Last-Event-ID');
  });
});
