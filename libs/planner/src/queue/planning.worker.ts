import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@oxyledger/config';
import { planningConfig } from '@oxyledger/planning';
import { type Job, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import {
  NATIONAL_REGION,
  planningQueuePrefix,
  planningRedisConnection,
  type PlanningRequest,
  planningWorkerLocks,
  REFILL_PLANNING_QUEUE,
} from './planning-queue';
import { type PlanningJob, PLANNING_RUN, type PlanningRun } from './planning-run.port';
import { checkRedisEvictionPolicy, redisConfigGet } from './redis-eviction.check';

/** First half of each region's advisory lock key ("OXPL"); the second is the region's hash. */
export const PLANNING_LOCK_NAMESPACE = 0x4f58504c;

export type PlanningResult = Awaited<ReturnType<PlanningRun['run']>>;

/**
 * Runs planning jobs in this process, one at a time (concurrency 1), and at most one run per
 * region across every process: each run holds the region's PostgreSQL session advisory lock,
 * taken on a connection of the worker's own (waiting while another process plans the region).
 * A run that throws is retried with backoff by BullMQ; after its last attempt it stays in the
 * failed set.
 */
@Injectable()
export class PlanningWorker implements OnApplicationShutdown {
  private readonly logger = new Logger('PlanningWorker');
  private worker?: Worker<PlanningRequest, PlanningResult>;
  private starting?: Promise<void>;
  private lockClient?: Client;
  private readonly owner = `${hostname()}:${process.pid}`;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PLANNING_RUN) private readonly planning: PlanningRun,
  ) {}

  get running(): boolean {
    return this.worker?.isRunning() ?? false;
  }

  /** Checks Redis, connects the lock connection, then takes jobs; once, however often called. */
  start(): Promise<void> {
    this.starting ??= this.open();
    return this.starting;
  }

  /**
   * Stops taking jobs and waits for the one in hand to finish (`worker.close()` does), however
   * long its run takes, including the wait for its region's lock; then frees the lock
   * connection. Called on application shutdown.
   */
  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    this.starting = undefined;
    const worker = this.worker;
    this.worker = undefined;
    await worker?.close();
    const client = this.lockClient;
    this.lockClient = undefined;
    await client?.end().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  private async open(): Promise<void> {
    const redis = new Redis(this.config.redisUrl);
    try {
      await checkRedisEvictionPolicy(redisConfigGet(redis));
    } finally {
      await redis.quit();
    }
    // Connected before the first job, so a database out of reach stops the start-up.
    this.lockClient = await this.connectLockClient();
    // BullMQ opens the worker's own connections (a normal and a blocking one) from these options.
    const worker = new Worker<PlanningRequest, PlanningResult>(
      REFILL_PLANNING_QUEUE,
      (job) => this.process(job),
      {
        connection: planningRedisConnection(this.config.redisUrl),
        prefix: planningQueuePrefix(),
        concurrency: 1,
        ...planningWorkerLocks(planningConfig().solverTimeLimitSeconds),
      },
    );
    worker.on('error', (error) => this.logger.error(`Planning worker: ${String(error)}`));
    this.worker = worker;
    await worker.waitUntilReady();
    this.logger.log(`Planning worker started in ${this.owner}`);
  }

  private async process(job: Job<PlanningRequest, PlanningResult>): Promise<PlanningResult> {
    const data: PlanningJob = { ...job.data, region: job.data.region ?? NATIONAL_REGION };
    const attempt = job.attemptsMade + 1;
    const attempts = job.opts.attempts ?? 1;
    const run = `Planning run ${job.id} (${data.reason}, region ${data.region}, attempt ${attempt} of ${attempts})`;
    let client: Client | undefined;
    try {
      client = await this.lock(data.region);
      const started = Date.now();
      this.logger.log({ msg: `${run} started`, correlationIds: data.correlationIds ?? [] });
      const result = await this.planning.run(data, {
        jobId: job.id!,
        attempt,
        queuedAt: job.timestamp,
      });
      this.logger.log(
        `${run} finished in ${Date.now() - started} ms: plan ${result.planId ?? 'none'}`,
      );
      return result;
    } catch (error) {
      const next = attempt < attempts ? 'will retry' : 'gives up; the job stays in the failed set';
      this.logger.error(`${run} failed, ${next}: ${String(error)}`);
      throw error;
    } finally {
      if (client) await this.unlock(client, data.region);
    }
  }

  /** Waits for the region's lock; only one process plans a region at a time. */
  private async lock(region: string): Promise<Client> {
    this.lockClient ??= await this.connectLockClient();
    const client = this.lockClient;
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [
      PLANNING_LOCK_NAMESPACE,
      region,
    ]);
    return client;
  }

  private async connectLockClient(): Promise<Client> {
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: `oxyledger-planning ${this.owner}`,
    });
    // A broken connection fails the query in hand; the next job connects afresh.
    client.on('error', () => {
      if (this.lockClient === client) this.lockClient = undefined;
    });
    await client.connect();
    return client;
  }

  private async unlock(client: Client, region: string): Promise<void> {
    try {
      await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [
        PLANNING_LOCK_NAMESPACE,
        region,
      ]);
    } catch (error) {
      // Ending the session frees its locks: drop the connection rather than leave one held.
      this.logger.warn(`Could not release the planning lock of ${region}: ${String(error)}`);
      if (this.lockClient === client) this.lockClient = undefined;
      await client.end().catch(() => undefined);
    }
  }
}
