import { hostname } from 'node:os';
import { testDatabaseUrl } from '@oxyledger/config/testing/scratch-database';
import { Client } from 'pg';
import {
  type ChildReplica,
  closeTestbeds,
  deferred,
  FakePlanningRun,
  forkPlanningReplica,
  type PlanningQueueTestbed,
  type RecordedRun,
  sleep,
  startTestbed,
  usePlanningTestEnv,
  waitFor,
} from './testing/planning-queue.harness';

describe('PlanningWorker (real Redis and PostgreSQL)', () => {
  let env: ReturnType<typeof usePlanningTestEnv>;
  let testbeds: PlanningQueueTestbed[] = [];
  let child: ChildReplica | undefined;

  beforeAll(() => {
    env = usePlanningTestEnv({ PLANNING_RETRY_DELAY_MS: '50' });
  });

  afterEach(async () => {
    child?.kill();
    child = undefined;
    await closeTestbeds(env.prefix, testbeds);
    testbeds = [];
  });

  afterAll(() => env.restoreEnv());

  async function replica(planning: FakePlanningRun): Promise<PlanningQueueTestbed> {
    const testbed = await startTestbed(planning);
    testbeds.push(testbed);
    return testbed;
  }

  const completedCount = (testbed: PlanningQueueTestbed) =>
    testbed.trigger.queue.getCompletedCount();

  it('plans once for a burst of triggers, and once more for triggers during a run', async () => {
    const planning = new FakePlanningRun();
    const testbed = await replica(planning);
    const { queue } = testbed.trigger;

    // 20 triggers with no worker running fold into the one waiting job (the first one's data).
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        testbed.trigger.wake({ reason: 'supply-level', facilityIds: [`hospital-${i}`] }),
      ),
    );
    expect(await queue.getJobCountByTypes('waiting', 'delayed', 'prioritized')).toBe(1);
    await testbed.worker.start();
    await waitFor(async () => (await completedCount(testbed)) === 1, 'the planning run', { queue });
    await sleep(300);
    expect(planning.runs.map((run) => run.job)).toEqual([
      { reason: 'supply-level', facilityIds: ['hospital-0'], region: 'national' },
    ]);

    // 20 triggers while a run is active: keepLastIfActive keeps the latest, run after it.
    const gate = deferred();
    planning.behaviour = () => gate.promise;
    await testbed.trigger.wake({ reason: 'supply-level', facilityIds: ['first'] });
    await waitFor(() => planning.runs.length === 2, 'the second run to start', { queue });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        testbed.trigger.wake({ reason: 'supply-level', facilityIds: [`later-${i}`] }),
      ),
    );
    planning.behaviour = async () => undefined;
    gate.resolve();
    await waitFor(async () => (await completedCount(testbed)) === 3, 'the follow-up run', {
      queue,
    });
    await sleep(300);
    expect(planning.runs.map((run) => run.job.facilityIds)).toEqual([
      ['hospital-0'],
      ['first'],
      ['later-19'],
    ]);
    expect(await queue.getJobCountByTypes('waiting', 'delayed', 'prioritized', 'active')).toBe(0);
  });

  it('retries a failing run with backoff, then keeps it in the failed view', async () => {
    const planning = new FakePlanningRun('fake', [], async () => {
      throw new Error('No depot for vehicle truck-basra');
    });
    const testbed = await replica(planning);
    await testbed.worker.start();

    const { jobId } = await testbed.runs.requestRun({ region: 'north', requestedBy: 'user-7' });
    await waitFor(
      async () => (await testbed.trigger.queue.getFailedCount()) === 1,
      'the job to fail for good',
      { queue: testbed.trigger.queue },
    );

    expect(planning.runs.map((run) => [run.jobId, run.attempt])).toEqual([
      [jobId, 1],
      [jobId, 2],
      [jobId, 3],
    ]);
    // exponential backoff from 50 ms: about 50 ms, then about 100 ms
    expect(planning.runs[1].startedAt - planning.runs[0].endedAt!).toBeGreaterThanOrEqual(40);
    expect(planning.runs[2].startedAt - planning.runs[1].endedAt!).toBeGreaterThanOrEqual(90);
    const failed = await testbed.runs.failedRuns(100);
    expect(failed.total).toBe(1);
    expect(failed.items).toEqual([
      {
        jobId,
        data: { reason: 'on-demand', facilityIds: [], region: 'north', requestedBy: 'user-7' },
        failedReason: 'No depot for vehicle truck-basra',
        attemptsMade: 3,
        finishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        thrownAt: expect.stringMatching(/^at .*planning\.worker\.spec\.ts:\d+:\d+/),
      },
    ]);
    expect((await testbed.runs.recentRuns(100)).items).toEqual([]);
  });

  it('never overlaps two runs of one region across processes; other regions run alongside', async () => {
    const runs: RecordedRun[] = [];
    const here = await replica(new FakePlanningRun('in-process', runs, () => sleep(150)));
    child = await forkPlanningReplica(150);
    await here.worker.start();

    const regions = ['north', 'south', 'north', 'south', 'north', 'north'];
    for (const region of regions) {
      await here.runs.requestRun({ region, requestedBy: 'dispatcher-1' });
    }
    await waitFor(async () => (await completedCount(here)) === regions.length, 'every run', {
      timeoutMs: 15_000,
      queue: here.trigger.queue,
    });
    await child.stop();

    const all = [...runs, ...child.runs];
    expect(all).toHaveLength(regions.length);
    expect(new Set(all.map((run) => run.by)).size).toBe(2);
    for (const region of ['north', 'south']) {
      const ofRegion = all
        .filter((run) => run.job.region === region)
        .sort((x, y) => x.startedAt - y.startedAt);
      expect(ofRegion).toHaveLength(region === 'north' ? 4 : 2);
      for (let i = 1; i < ofRegion.length; i++) {
        expect(ofRegion[i].startedAt).toBeGreaterThanOrEqual(ofRegion[i - 1].endedAt!);
      }
    }
    const overlapping = all.some((x) =>
      all.some(
        (y) =>
          x.job.region !== y.job.region && x.startedAt < y.endedAt! && y.startedAt < x.endedAt!,
      ),
    );
    expect(overlapping).toBe(true);
  });

  it('stops gracefully: waits for the run in hand, takes no more, and frees its connection', async () => {
    const gate = deferred();
    const planning = new FakePlanningRun('fake', [], () => gate.promise);
    const testbed = await replica(planning);
    await testbed.worker.start();
    const { jobId } = await testbed.runs.requestRun({ requestedBy: 'admin-1' });
    await waitFor(() => planning.runs.length === 1, 'the run to start', {
      queue: testbed.trigger.queue,
    });

    let stoppedAt: number | undefined;
    const stopping = testbed.worker.stop().then(() => {
      stoppedAt = Date.now();
    });
    await sleep(300);
    expect(stoppedAt).toBeUndefined();
    gate.resolve();
    await stopping;

    expect(stoppedAt).toBeGreaterThanOrEqual(planning.runs[0].endedAt!);
    const job = await testbed.trigger.queue.getJob(jobId);
    expect(await job!.getState()).toBe('completed');
    expect(job!.returnvalue).toEqual({ planId: `plan-${jobId}` });

    const { jobId: later } = await testbed.runs.requestRun({ requestedBy: 'admin-1' });
    await sleep(300);
    expect(await (await testbed.trigger.queue.getJob(later))!.getState()).toBe('waiting');
    expect(planning.runs).toHaveLength(1);
    expect(await lockSessionsOfThisProcess()).toBe(0);
  });
  it('keeps a run longer than the default lock to its one worker: one run, one plan', async () => {
    const saved = process.env.PLANNING_TIME_LIMIT_SECONDS;
    process.env.PLANNING_TIME_LIMIT_SECONDS = '38';
    try {
      // The child's run holds its event loop for longer than BullMQ's default 30 s lock, so the
      // lock cannot be renewed meanwhile; this process's worker checks for stalled jobs.
      child = await forkPlanningReplica(38_000, { holdsLoop: true });
      const planning = new FakePlanningRun('in-process');
      const here = await replica(planning);
      const { jobId } = await here.runs.requestRun({ requestedBy: 'dispatcher-1' });
      const { queue } = here.trigger;
      await waitFor(async () => (await queue.getActiveCount()) === 1, 'the child to take the job', {
        queue,
      });
      await here.worker.start();
      await waitFor(async () => (await completedCount(here)) === 1, 'the long run', {
        timeoutMs: 60_000,
        queue,
      });
      await child.stop();
      expect(planning.runs).toEqual([]);
      expect(child.runs.map((run) => run.jobId)).toEqual([jobId]);
      const job = await queue.getJob(jobId);
      expect(job!.returnvalue).toEqual({ planId: `plan-${jobId}` });
      expect(job!.attemptsMade).toBe(1);
      expect(await queue.getFailedCount()).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.PLANNING_TIME_LIMIT_SECONDS;
      else process.env.PLANNING_TIME_LIMIT_SECONDS = saved;
    }
  }, 90_000);
});

/** Sessions the planning workers of this process hold open in PostgreSQL. */
async function lockSessionsOfThisProcess(): Promise<number> {
  const client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(
      'SELECT count(*) FROM pg_stat_activity WHERE application_name = $1',
      [`oxyledger-planning ${hostname()}:${process.pid}`],
    );
    return Number(rows[0].count);
  } finally {
    await client.end();
  }
}
