import { ConfigError } from '@oxyledger/config';
import { PLANNING_SCHEDULER_ID, planningSchedulePattern } from './planning-scheduler';
import {
  closeTestbeds,
  FakePlanningRun,
  type PlanningQueueTestbed,
  startTestbed,
  usePlanningTestEnv,
  waitFor,
} from './testing/planning-queue.harness';

describe('planningSchedulePattern', () => {
  it('runs every 15 minutes unless told otherwise', () => {
    expect(planningSchedulePattern({})).toBe('*/15 * * * *');
  });

  it.each([
    ['1', '*/1 * * * *'],
    ['59', '*/59 * * * *'],
    ['60', '0 * * * *'],
    ['180', '0 */3 * * *'],
    ['1440', '0 0 * * *'],
  ])('turns PLANNING_EVERY_MINUTES=%s into %s', (minutes, pattern) => {
    expect(planningSchedulePattern({ PLANNING_EVERY_MINUTES: minutes })).toBe(pattern);
  });

  it.each(['0', '1441', '-5', '2.5', 'often', '90'])(
    'refuses PLANNING_EVERY_MINUTES=%j, naming the variable',
    (minutes) => {
      expect(() => planningSchedulePattern({ PLANNING_EVERY_MINUTES: minutes })).toThrow(
        ConfigError,
      );
      expect(() => planningSchedulePattern({ PLANNING_EVERY_MINUTES: minutes })).toThrow(
        `PLANNING_EVERY_MINUTES=${JSON.stringify(minutes)}`,
      );
    },
  );

  it('takes PLANNING_SCHEDULE_PATTERN as given, seconds field and all', () => {
    expect(
      planningSchedulePattern({
        PLANNING_SCHEDULE_PATTERN: '*/1 * * * * *',
        PLANNING_EVERY_MINUTES: '15',
      }),
    ).toBe('*/1 * * * * *');
    expect(() => planningSchedulePattern({ PLANNING_SCHEDULE_PATTERN: 'hourly' })).toThrow(
      'PLANNING_SCHEDULE_PATTERN="hourly"',
    );
  });
});

describe('PlanningScheduler (real Redis and PostgreSQL)', () => {
  let env: ReturnType<typeof usePlanningTestEnv>;
  const testbeds: PlanningQueueTestbed[] = [];

  beforeAll(() => {
    env = usePlanningTestEnv({ PLANNING_SCHEDULE_PATTERN: '*/1 * * * * *' });
  });

  afterAll(async () => {
    await closeTestbeds(env.prefix, testbeds);
    env.restoreEnv();
  });

  it('keeps one scheduler when two replicas start at once, and it fires the run', async () => {
    const planning = new FakePlanningRun();
    testbeds.push(await startTestbed(planning), await startTestbed(planning));
    const [first, second] = testbeds;

    // Both replicas upsert together; the lock lets one through.
    const outcomes = await Promise.all([
      first.scheduler.ensureSchedule(),
      second.scheduler.ensureSchedule(),
    ]);
    expect(outcomes.sort()).toEqual(['skipped', 'upserted']);
    const schedulers = await first.trigger.queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: PLANNING_SCHEDULER_ID, pattern: '*/1 * * * * *' });
    expect(await first.trigger.queue.getJobCountByTypes('delayed', 'waiting')).toBe(1);

    // The scheduled job runs every second: two runs within a few seconds.
    await first.worker.start();
    await waitFor(() => planning.runs.length >= 2, 'two scheduled runs', {
      timeoutMs: 8_000,
      queue: first.trigger.queue,
    });
    expect(planning.runs[0].job).toEqual({
      reason: 'schedule',
      facilityIds: [],
      region: 'national',
    });
    expect(planning.runs[0].attempt).toBe(1);
    expect(await first.trigger.queue.getJobSchedulersCount()).toBe(1);
  });
});
