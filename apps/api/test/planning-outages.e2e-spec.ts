import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '@oxyledger/event-store';
import { ProjectorService } from '@oxyledger/read-models';
import { NetworkService } from '@oxyledger/network';
import {
  PlannerTrigger,
  PlannerWake,
  PLANNING_SCHEDULER_ID,
  PlanningScheduler,
} from '@oxyledger/planner';
import { SupplyLevelWatcher } from '@oxyledger/supply';
import { freePort } from '../../../test/support/free-port';
import { projectorCaughtUp } from './support/projector';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Redis and PostgreSQL outages, with servers of this test's own that it stops and starts: a
 * `redis-server` on a port of its own, and a PostgreSQL cluster made with `pg_createcluster` on
 * another port (dropped at the end).
 */
describe('api (e2e): planning through Redis and PostgreSQL outages', () => {
  let redisPort: number;
  let pgPort: number;
  const cluster = `oxyledger-outage-${randomUUID().slice(0, 8)}`;
  let redis: ChildProcess | undefined;
  let api: TestApp;
  let staff: string;
  const hospital = 'outage-hospital';
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const pg = (...args: string[]) => execFileSync(args[0], args.slice(1), { stdio: 'pipe' });

  async function startRedis(): Promise<void> {
    redis = spawn(
      'redis-server',
      ['--port', String(redisPort), '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await until(async () => {
      try {
        pg('redis-cli', '-p', String(redisPort), 'ping');
        return true;
      } catch {
        return false;
      }
    }, 'redis-server to answer');
    pg('redis-cli', '-p', String(redisPort), 'config', 'set', 'maxmemory-policy', 'noeviction');
  }

  async function stopRedis(): Promise<void> {
    const exited = new Promise((resolve) => redis!.once('exit', resolve));
    redis!.kill('SIGKILL');
    await exited;
    redis = undefined;
  }

  beforeAll(async () => {
    redisPort = await freePort();
    pgPort = await freePort();
    pg('pg_createcluster', '15', cluster, '-p', String(pgPort), '--start', '--', '--auth=trust');
    await startRedis();
    process.env.REDIS_URL = `redis://127.0.0.1:${redisPort}`;
    process.env.QUEUE_PREFIX = `oxyledger-outage-${randomUUID().slice(0, 8)}`;
    process.env.PLANNING_SCHEDULE_PATTERN = '0 0 1 1 *';
    process.env.PLANNING_SCHEDULE_CHECK_MS = '200';
    api = await startTestApp({
      databaseUrl: `postgres://postgres@127.0.0.1:${pgPort}/oxyledger_outage`,
    });
    const network = api.app.get(NetworkService);
    await network.ensureFacility({
      id: 'outage-plant',
      kind: 'producer',
      name: 'Outage PSA',
      governorate: 'Basra',
      latitude: 30.5,
      longitude: 47.8,
      supplierId: 'outage-oxygen',
    });
    await network.ensureFacility({
      id: hospital,
      kind: 'hospital',
      name: 'Outage Hospital',
      governorate: 'Basra',
      latitude: 30.6,
      longitude: 47.9,
    });
    staff = (await api.login('hospital', { facilityId: hospital })).accessToken;
    api.app.get(ProjectorService).start();
    await api.app.get(SupplyLevelWatcher).start();
    api.app.get(PlannerWake).start();
    await api.app.get(PlanningScheduler).ensureSchedule();
    api.app.get(PlanningScheduler).keepSchedule();
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    if (redis) await stopRedis();
    for (const name of ['REDIS_URL', 'QUEUE_PREFIX', 'PLANNING_SCHEDULE_PATTERN']) {
      delete process.env[name];
    }
    delete process.env.PLANNING_SCHEDULE_CHECK_MS;
    try {
      pg('pg_dropcluster', '15', cluster, '--stop');
    } catch (error) {
      console.warn(`could not drop the test's PostgreSQL cluster ${cluster}: ${String(error)}`);
    }
  }, 60_000);

  const levels = async () =>
    (await api.app.get<EventStore>(EVENT_STORE).readStream(`hospital-supply-${hospital}`)).map(
      (event) => (event.data as { to: string }).to,
    );

  it('with Redis down: projections and supply levels keep up, planning answers 503 at once; back (empty): one wake, and the schedule again', async () => {
    await stopRedis();
    await api
      .http()
      .put(`/hospitals/${hospital}/beds`)
      .set(auth(staff))
      .send({ general: 20, icu: 2, neonatal: 0 })
      .expect(200);
    await projectorCaughtUp(api);
    await until(async () => (await levels()).at(-1) === 'out', 'the level to be recorded');
    const dispatcher = (await api.login('dispatcher')).accessToken;
    await api.http().post('/plans').set(auth(dispatcher)).send({}).expect(503);
    await api.http().get('/plans/runs').set(auth(dispatcher)).expect(503);

    await startRedis();
    const queue = api.app.get(PlannerTrigger).queue;
    await until(
      async () => (await queue.getJobs(['waiting'])).length === 1,
      'the pending wake to arrive',
    );
    await until(
      async () => (await queue.getJobScheduler(PLANNING_SCHEDULER_ID)) !== undefined,
      'the schedule to be put back',
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const waiting = await queue.getJobs(['waiting']);
    expect(waiting.map((job) => job.data)).toEqual([
      // the wake carries the correlation ids of the events behind it, for the planner's logs
      expect.objectContaining({
        reason: 'supply level changed',
        facilityIds: [hospital],
        region: 'national',
      }),
    ]);
    await api.http().post('/plans').set(auth(dispatcher)).send({}).expect(202);
  }, 90_000);

  it('after a PostgreSQL restart the supply level watcher carries on by itself', async () => {
    pg('pg_ctlcluster', '15', cluster, 'restart', '-m', 'fast');
    const second = 'outage-hospital-2';
    await until(async () => {
      try {
        return (
          (await api.app.get(NetworkService).ensureFacility({
            id: second,
            kind: 'hospital',
            name: 'Outage Hospital 2',
            governorate: 'Basra',
            latitude: 30.7,
            longitude: 47.9,
          })) ?? true
        );
      } catch {
        return false;
      }
    }, 'the api to reach PostgreSQL again');
    const secondStaff = (await api.login('hospital', { facilityId: second })).accessToken;
    await api
      .http()
      .put(`/hospitals/${second}/beds`)
      .set(auth(secondStaff))
      .send({ general: 10, icu: 0, neonatal: 0 })
      .expect(200);
    const secondLevels = async () =>
      (await api.app.get<EventStore>(EVENT_STORE).readStream(`hospital-supply-${second}`)).length;
    await until(
      async () => (await secondLevels()) === 1,
      'a level change after the restart',
      60_000,
    );
    const statuses = await projectorCaughtUp(api);
    expect(statuses.every((status) => status.state === 'live')).toBe(true);
  }, 120_000);
});

async function until<T>(
  condition: () => Promise<T | false | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
