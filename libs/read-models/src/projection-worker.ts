import { hostname } from 'node:os';
import type { EventStore } from '@oxyledger/event-store';
import type { DataSource } from 'typeorm';
import { AdvisoryLockSession } from './advisory-lock-session';
import type { Projection } from './projection';
import {
  CheckpointMovedError,
  ProjectionRunner,
  type ProjectionRunnerOptions,
} from './projection-runner';

/** First half of each projection's advisory lock key ("OXPJ"); the second is its name's hash. */
export const PROJECTION_LOCK_NAMESPACE = 0x4f58504a;

export type WorkerState = 'starting' | 'standby' | 'running' | 'retrying' | 'stopped';

export interface ProjectionWorkerOptions extends ProjectionRunnerOptions {
  databaseUrl: string;
  /** How often a standby worker tries to take the projection over. */
  standbyPollMs?: number;
  /** Wait after a failure before running again; doubles up to 30 s. */
  retryDelayMs?: number;
  log?: (message: string) => void;
}

/**
 * Runs one projection in this process while it holds the projection's ownership: a session
 * advisory lock, on the connection the process shares for such locks (`AdvisoryLockSession`). Other processes wait in standby and take over when
 * the owner dies (its connection closes, so PostgreSQL frees the lock). The conditional
 * checkpoint update stays as a second guard. After a failure (the database away, a rebuild
 * swapped in), the worker resumes from the stored checkpoint.
 */
export class ProjectionWorker {
  state: WorkerState = 'starting';
  private stopping = false;
  private runner?: ProjectionRunner;
  private session?: AdvisoryLockSession;
  private owns = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  readonly owner = `${hostname()}:${process.pid}`;

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    readonly projection: Projection,
    private readonly options: ProjectionWorkerOptions,
  ) {}

  start(): void {
    this.session ??= AdvisoryLockSession.acquire(this.options.databaseUrl);
    this.loop ??= this.run();
  }

  /** Resolves when this worker holds the projection and runs it. */
  async running(timeoutMs = 30_000): Promise<ProjectionRunner> {
    const deadline = Date.now() + timeoutMs;
    while (this.state !== 'running' || !this.runner) {
      if (Date.now() > deadline)
        throw new Error(`Projection '${this.projection.name}' is not running here`);
      await sleep(10);
    }
    return this.runner;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.runner?.stop();
    await this.loop;
    await this.session?.release();
    this.session = undefined;
    this.state = 'stopped';
  }

  private async run(): Promise<void> {
    let retryDelay = this.options.retryDelayMs ?? 1_000;
    while (!this.stopping) {
      try {
        if (!(await this.takeOwnership())) {
          this.state = 'standby';
          await this.pause(this.options.standbyPollMs ?? 2_000);
          continue;
        }
        this.state = 'running';
        const failure = await this.runUntilStopped();
        if (this.stopping) break;
        if (failure instanceof CheckpointMovedError) {
          this.log(`'${this.projection.name}': checkpoint moved (a rebuild swapped in); resuming`);
          continue;
        }
        throw failure ?? new Error('the subscription ended');
      } catch (error) {
        if (this.stopping) break;
        this.state = 'retrying';
        this.log(
          `'${this.projection.name}' failed, retrying in ${retryDelay} ms: ${String(error)}`,
        );
        await this.recordError(error);
        await this.releaseOwnership();
        await this.pause(retryDelay);
        retryDelay = Math.min(retryDelay * 2, 30_000);
      }
    }
    await this.releaseOwnership();
  }

  /** Runs until the subscription ends or the ownership connection is lost; returns why. */
  private async runUntilStopped(): Promise<unknown> {
    const runner = new ProjectionRunner(this.store, this.dataSource, this.projection, this.options);
    this.runner = runner;
    let onLost: (error: Error) => void = () => undefined;
    const lost = new Promise<{ lost: Error }>((resolve) => {
      onLost = (error) => resolve({ lost: error });
    });
    const unsubscribe = this.session!.onLost(onLost);
    try {
      await runner.start();
      // stop() may have come while the runner was starting, before it could stop this runner.
      if (this.stopping) return undefined;
      const ended = await Promise.race([runner.stopped(), lost]);
      if (ended && typeof ended === 'object' && 'lost' in ended) {
        this.owns = false; // the lost session freed the lock
        return ended.lost;
      }
      return ended;
    } finally {
      unsubscribe();
      await runner.stop();
      this.runner = undefined;
    }
  }

  private async takeOwnership(): Promise<boolean> {
    // Still owned after a moved checkpoint: resume under the lock already held.
    if (!this.owns) {
      if (!(await this.session!.tryLock(PROJECTION_LOCK_NAMESPACE, this.projection.name))) {
        return false;
      }
      this.owns = true;
    }
    await this.dataSource.query(
      `INSERT INTO app.projection_checkpoints (name, owner) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner`,
      [this.projection.name, this.owner],
    );
    this.log(`'${this.projection.name}' running in ${this.owner}`);
    return true;
  }

  private async releaseOwnership(): Promise<void> {
    if (!this.owns) return;
    this.owns = false;
    await this.session?.unlock(PROJECTION_LOCK_NAMESPACE, this.projection.name);
  }

  private async recordError(error: unknown): Promise<void> {
    await this.dataSource
      .query(
        `UPDATE app.projection_checkpoints SET last_error = $2, last_error_at = now() WHERE name = $1`,
        [this.projection.name, String(error)],
      )
      .catch(() => undefined);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private log(message: string): void {
    this.options.log?.(message);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
