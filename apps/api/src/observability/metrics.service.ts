import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '@oxyledger/config';
import { EVENT_STORE, type EventStore } from '@oxyledger/event-store';
import { projectionStatuses } from '@oxyledger/read-models';
import { Queue, QueueEvents } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import {
  planningQueuePrefix,
  planningRedisConnection,
  REFILL_PLANNING_QUEUE,
} from '@oxyledger/planner';
import { toHttpError } from '../shared/http/http-error';
import { platformProjections } from './platform-projections';

interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/**
 * The api's Prometheus metrics, served at `/metrics`. Counters and histograms count what this
 * process did; gauges that describe the whole platform (projection lag, queue depth) are read
 * from PostgreSQL and Redis when scraped. Its own registry, so several apps in one test process
 * do not clash.
 */
@Injectable()
export class MetricsService implements OnModuleInit, OnApplicationShutdown {
  readonly registry = new Registry();
  private queue?: Queue;
  private queueEvents?: QueueEvents;

  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route (the pattern, not the path) and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly commands = new Counter({
    name: 'oxyledger_commands_total',
    help: 'Commands by type and outcome: accepted, refused (a 4xx answer) or failed',
    labelNames: ['command', 'outcome'],
    registers: [this.registry],
  });
  private readonly eventsAppended = new Counter({
    name: 'oxyledger_events_appended_total',
    help: 'Events this process appended to the ledger, by type',
    labelNames: ['type'],
    registers: [this.registry],
  });
  private readonly jobDuration = new Histogram({
    name: 'oxyledger_job_duration_seconds',
    help: 'Planning jobs from start to finish (any planner process), by outcome',
    labelNames: ['queue', 'outcome'],
    buckets: [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [this.registry],
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly commandBus: CommandBus,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'oxyledger_' });
    this.definePlatformGauges();
  }

  onModuleInit(): void {
    this.countCommands();
    this.countAppends();
  }

  /** Express middleware: times every request, labelled by its route's pattern once matched. */
  readonly timeRequests = (request: Request, response: Response, next: NextFunction) => {
    const stop = this.httpDuration.startTimer();
    response.once('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      stop({ method: request.method, route, status: String(response.statusCode) });
    });
    next();
  };

  async metrics(): Promise<string> {
    this.watchJobs();
    return this.registry.metrics();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.queueEvents?.close(), this.queue?.close()]);
  }

  /** Decorates the command bus: every command counted by outcome. */
  private countCommands(): void {
    const execute = this.commandBus.execute.bind(this.commandBus);
    this.commandBus.execute = (async (command: object) => {
      const type = command.constructor.name;
      try {
        const result = await execute(command as never);
        this.commands.inc({ command: type, outcome: 'accepted' });
        return result;
      } catch (error) {
        const known = toHttpError(error);
        const outcome = known && known.status < 500 ? 'refused' : 'failed';
        this.commands.inc({ command: type, outcome });
        throw error;
      }
    }) as CommandBus['execute'];
  }

  /** Decorates the event store port: every appended event counted by type. */
  private countAppends(): void {
    if (typeof this.store.appendToStreams !== 'function') return; // a test's partial stand-in
    const append = this.store.appendToStreams.bind(this.store);
    this.store.appendToStreams = async (requests, ...rest) => {
      const result = await append(requests, ...rest);
      for (const request of requests) {
        for (const event of request.events) this.eventsAppended.inc({ type: event.type });
      }
      return result;
    };
  }

  private definePlatformGauges(): void {
    const lagEvents = new Gauge({
      name: 'oxyledger_projection_lag_events',
      help: 'Events in the ledger a projection has not applied yet (counted up to 10,000)',
      labelNames: ['projection'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'oxyledger_projection_lag_seconds',
      help: 'Age of the oldest event a projection has not applied yet; 0 when caught up',
      labelNames: ['projection'],
      registers: [this.registry],
      collect: async function (this: Gauge) {
        // both lag gauges from one read
        const statuses = await projectionStatuses(store, dataSource, platformProjections());
        for (const status of statuses) {
          this.set({ projection: status.name }, status.lag.seconds);
          lagEvents.set({ projection: status.name }, status.lag.events);
        }
      },
    });
    const store = this.store;
    const dataSource = this.dataSource;
    const queue = () => this.planningQueue();
    new Gauge({
      name: 'oxyledger_queue_jobs',
      help: 'Jobs in a BullMQ queue by state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      collect: async function (this: Gauge) {
        const counts = await queue().getJobCounts(
          'waiting',
          'active',
          'delayed',
          'failed',
          'completed',
          'prioritized',
        );
        for (const [state, count] of Object.entries(counts)) {
          this.set({ queue: REFILL_PLANNING_QUEUE, state }, count);
        }
      },
    });
    new Gauge({
      name: 'oxyledger_db_pool_connections',
      help: "PostgreSQL connections of this process's pools, by pool and state",
      labelNames: ['pool', 'state'],
      registers: [this.registry],
      collect: function (this: Gauge) {
        const pools: [string, PoolStats | undefined][] = [
          ['read-models', readModelPool(dataSource)],
          ['ledger', (store as { poolStats?: () => PoolStats }).poolStats?.()],
        ];
        for (const [pool, stats] of pools) {
          if (!stats) continue;
          this.set({ pool, state: 'total' }, stats.total);
          this.set({ pool, state: 'idle' }, stats.idle);
          this.set({ pool, state: 'waiting' }, stats.waiting);
        }
      },
    });
  }

  private planningQueue(): Queue {
    this.queue ??= new Queue(REFILL_PLANNING_QUEUE, {
      connection: planningRedisConnection(this.config.redisUrl),
      prefix: planningQueuePrefix(),
    });
    return this.queue;
  }

  /** From the first scrape on: every planning job that ends, in whichever process it ran. */
  private watchJobs(): void {
    if (this.queueEvents) return;
    this.queueEvents = new QueueEvents(REFILL_PLANNING_QUEUE, {
      connection: planningRedisConnection(this.config.redisUrl),
      prefix: planningQueuePrefix(),
    });
    const observe =
      (outcome: string) =>
      async ({ jobId }: { jobId: string }) => {
        const job = await this.planningQueue().getJob(jobId);
        if (job?.processedOn && job.finishedOn) {
          this.jobDuration.observe(
            { queue: REFILL_PLANNING_QUEUE, outcome },
            (job.finishedOn - job.processedOn) / 1000,
          );
        }
      };
    this.queueEvents.on('completed', (event) => void observe('completed')(event));
    this.queueEvents.on('failed', (event) => void observe('failed')(event));
  }
}

function readModelPool(dataSource: DataSource): PoolStats | undefined {
  const pool = (
    dataSource.driver as {
      master?: { totalCount: number; idleCount: number; waitingCount: number };
    }
  ).master;
  return pool
    ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }
    : undefined;
}
