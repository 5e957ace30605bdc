import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConsoleLogger, type LoggerService } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { ConfigModule, ensureDatabaseExists } from '@oxyledger/config';
import { testDatabaseUrl } from '@oxyledger/config/testing/scratch-database';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { PlannerTrigger } from '../planner-trigger';
import { PlanningQueueModule } from '../planning-queue.module';
import type { PlanningJob, PlanningRun } from '../planning-run.port';
import { PlanningRunsService } from '../planning-runs.service';
import { PlanningScheduler } from '../planning-scheduler';
import { PlanningWorker } from '../planning.worker';

/**
 * Test support for the planning queue, on the real Redis and PostgreSQL: each test file (or test)
 * gets a queue prefix of its own, and `PlanningQueueTestbed.close()` obliterates its queue.
 */

export interface RecordedRun {
  job: PlanningJob;
  jobId: string;
  attempt: number;
  /** Which fake (which "replica") ran it. */
  by: string;
  startedAt: number;
  endedAt?: number;
}

/** A `PlanningRun` that records each call; `behaviour` decides how long it takes and how it ends. */
export class FakePlanningRun implements PlanningRun {
  constructor(
    readonly name = 'fake',
    readonly runs: RecordedRun[] = [],
    public behaviour: (job: PlanningJob, attempt: number) => Promise<void> = async () => undefined,
  ) {}

  async run(job: PlanningJob, context: { jobId: string; attempt: number }) {
    const record: RecordedRun = { job, ...context, by: this.name, startedAt: Date.now() };
    this.runs.push(record);
    try {
      await this.behaviour(job, context.attempt);
      return { planId: `plan-${context.jobId}` };
    } finally {
      record.endedAt = Date.now();
    }
  }
}

export interface PlanningQueueTestbed {
  module: TestingModule;
  trigger: PlannerTrigger;
  scheduler: PlanningScheduler;
  worker: PlanningWorker;
  runs: PlanningRunsService;
}

/**
 * Sets this file's queue prefix and test database in the environment (restored by
 * `restoreEnv`), with `extra` variables such as PLANNING_RETRY_DELAY_MS.
 */
export function usePlanningTestEnv(extra: Record<string, string> = {}): {
  prefix: string;
  restoreEnv: () => void;
} {
  const saved = { ...process.env };
  const prefix = `oxyledger-test-${randomUUID().slice(0, 8)}`;
  Object.assign(process.env, {
    QUEUE_PREFIX: prefix,
    DATABASE_URL: testDatabaseUrl(),
    ...extra,
  });
  return {
    prefix,
    restoreEnv: () => {
      process.env = saved;
    },
  };
}

/** Quiet unless TEST_LOGS=true: failing runs are expected here, and each logs an error. */
export function testLogger(): LoggerService {
  return process.env.TEST_LOGS === 'true'
    ? new ConsoleLogger()
    : { log: () => undefined, error: () => undefined, warn: () => undefined };
}

/** One "replica": the planning queue module in a Nest context of its own, worker not started. */
export async function startTestbed(planningRun: PlanningRun): Promise<PlanningQueueTestbed> {
  // Another jest run starting meanwhile drops run databases nobody is connected to yet.
  await ensureDatabaseExists(process.env.DATABASE_URL!);
  const module = await Test.createTestingModule({
    imports: [
      ConfigModule,
      PlanningQueueModule.register({ planningRun: { useValue: planningRun } }),
    ],
  })
    .setLogger(testLogger())
    .compile();
  await module.init();
  return {
    module,
    trigger: module.get(PlannerTrigger),
    scheduler: module.get(PlanningScheduler),
    worker: module.get(PlanningWorker),
    runs: module.get(PlanningRunsService),
  };
}

/** Stops every worker first (so nothing is active), then obliterates the queue and its keys. */
export async function closeTestbeds(
  prefix: string,
  testbeds: PlanningQueueTestbed[],
): Promise<void> {
  await Promise.all(testbeds.map((testbed) => testbed.worker.stop()));
  await testbeds[0]?.trigger.queue.obliterate({ force: true });
  await Promise.all(testbeds.map((testbed) => testbed.module.close()));
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  options: { timeoutMs?: number; queue?: Queue } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      const state = options.queue ? `; queue: ${await describeQueue(options.queue)}` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${state}`);
    }
    await sleep(25);
  }
}

/** Job counts and failure reasons, for a test that times out. */
async function describeQueue(queue: Queue): Promise<string> {
  const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'completed', 'failed');
  const failed = await queue.getFailed(0, 4);
  return JSON.stringify({ counts, failedReasons: failed.map((job) => job.failedReason) });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

export interface ChildReplica {
  /** Runs the child finished, as it reports them. */
  runs: RecordedRun[];
  /** Graceful: the child's worker finishes the run in hand, then the child exits. */
  stop(): Promise<void>;
  kill(): void;
}

/**
 * Starts a planning replica in a child process (./planning-worker.child.ts, through
 * test/support/cached-ts-register.js),
 * on this test's queue and database, its fake run taking `runMs`; resolves once its worker runs.
 */
export async function forkPlanningReplica(
  runMs: number,
  options: { holdsLoop?: boolean } = {},
): Promise<ChildReplica> {
  const child = fork(join(__dirname, 'planning-worker.child.ts'), [], {
    // TypeScript compiled once and kept by content, not by ts-node in every child: start-up
    // then costs a second of CPU rather than five, which matters on a loaded machine
    execArgv: ['-r', CACHED_TS_REGISTER, '-r', 'tsconfig-paths/register'],
    env: {
      ...process.env,
      CHILD_RUN_MS: String(runMs),
      CHILD_HOLDS_LOOP: String(options.holdsLoop ?? false),
      TS_NODE_PROJECT: repositoryTsconfig(),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const runs: RecordedRun[] = [];
  let stopped: () => void = () => undefined;
  const stoppedMessage = new Promise<void>((resolve) => (stopped = resolve));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the child replica did not start')), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the child replica exited with code ${code}`));
    });
    child.on('message', (message: 'ready' | 'stopped' | { run: RecordedRun }) => {
      if (message === 'ready') {
        clearTimeout(timer);
        resolve();
      } else if (message === 'stopped') stopped();
      else runs.push(message.run);
    });
  });
  try {
    await ready;
  } catch (error) {
    child.kill();
    throw error;
  }
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    runs,
    async stop() {
      if (child.exitCode !== null) return;
      child.send('stop');
      await Promise.all([stoppedMessage, exited]);
    },
    kill: () => {
      if (child.exitCode === null) child.kill();
    },
  };
}

function repositoryTsconfig(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'tsconfig.json'))) return join(dir, 'tsconfig.json');
  }
  throw new Error(`No tsconfig.json above ${__dirname}`);
}

const CACHED_TS_REGISTER = join(
  dirname(repositoryTsconfig()),
  'test',
  'support',
  'cached-ts-register.js',
);
