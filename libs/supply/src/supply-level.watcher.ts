import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@oxyledger/config';
import {
  hospitalSupplyStreamName,
  type SupplyLevel,
  type SupplyLevelChanged,
} from '@oxyledger/domain';
import {
  deterministicId,
  EVENT_STORE,
  EventIdConflictError,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@oxyledger/event-store';
import { type Projection, ProjectionWorker, projectionsReached } from '@oxyledger/read-models';
import { DataSource, type EntityManager } from 'typeorm';
import { NetworkService } from '@oxyledger/network';
import { type HospitalSupply, HospitalSupplyReader } from './hospital-supply.reader';

export const SUPPLY_LEVELS_CHECKPOINT = 'supply-levels';
/** The read models the supply status is computed from, and the streams they follow. */
const SOURCES = [
  { name: 'cylinders', filter: { streamPrefixes: ['cylinder-'] } },
  { name: 'trips', filter: { streamPrefixes: ['trip-'] } },
];
const WAIT_FOR_PROJECTIONS_MS = 30_000;
/** How often the owner looks whether a refresh of every hospital is due. */
const REFRESH_CHECK_MS = 5_000;

/** What the supply levels follow: the read models' sources, and the demand streams. */
export const SUPPLY_LEVELS_FILTER = {
  streamPrefixes: [...SOURCES.flatMap((s) => s.filter.streamPrefixes), 'hospital-demand-'],
};

/**
 * Keeps each hospital's supply level current as events arrive: for every hospital a batch of
 * events touches, once the read models have applied that batch, the supply status is computed
 * again; a level that changed is recorded as `SupplyLevelChanged` in the hospital's
 * `hospital-supply-<id>` stream. Waking the planner is not its business: the planner follows
 * those events itself (`PlannerWake`), so nothing here waits on Redis.
 *
 * Run as a projection (`supply-levels`): one owner at a time (advisory lock), retried with
 * back-off after any failure (a database restart included), its lag and last error in
 * `GET /projections`. Crash-safe by repetition: the events (ids derived from hospital and ledger
 * position) are appended before the level table and the checkpoint commit together, so a batch
 * that is replayed does no harm.
 */
export class SupplyLevelsProjection implements Projection {
  readonly name = SUPPLY_LEVELS_CHECKPOINT;
  readonly filter = SUPPLY_LEVELS_FILTER;
  readonly tables = ['supply_levels'] as const;
  private readonly logger = new Logger('SupplyLevels');
  private readonly checked = new WeakMap<RecordedEvent[], HospitalSupply[]>();
  private batchOpen?: { committed: Promise<void>; release: () => void };
  private refreshing?: Promise<unknown>;

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly network: NetworkService,
    private readonly supply: HospitalSupplyReader,
  ) {}

  /**
   * Waits for the read models the status is computed from to apply this batch. On shutdown
   * (`stopping`) those stop first: it stops waiting, so the batch in hand is dropped unrecorded
   * (its checkpoint does not move; the next owner checks it again) instead of holding the
   * process past its grace period.
   */
  async beforeTransaction(events: RecordedEvent[], stopping: AbortSignal): Promise<void> {
    const last = events[events.length - 1];
    await projectionsReached(this.store, this.dataSource, SOURCES, events, {
      timeoutMs: WAIT_FOR_PROJECTIONS_MS,
      onTimeout: 'throw',
      signal: stopping,
    });
    await this.batchTurn(stopping);
    const hospitals = await this.hospitalsTouched(events);
    const computed = await this.supply.forHospitals(hospitals, new Date());
    const known = await this.knownLevels(computed);
    const statuses = computed.filter((s) => !overtaken(s, known.get(s.facilityId)));
    for (const status of statuses.filter((s) => known.get(s.facilityId)?.level !== s.level)) {
      await this.record(status, known.get(status.facilityId)?.level ?? null, {
        id: deterministicId('supply-level', status.facilityId, last.position),
        at: last.recordedAt.toISOString(),
        causationId: last.id,
        correlationId: last.metadata.correlationId,
      });
    }
    this.checked.set(events, statuses);
  }

  async apply(events: RecordedEvent[], transaction: EntityManager): Promise<void> {
    await storeStatuses(transaction, this.checked.get(events) ?? []);
  }

  /**
   * Recomputes and stores every active hospital's status: need and days of supply move with the
   * clock as well as with events (a census ages out of its surge window, a day of consumption
   * closes, a plant is added). A level crossed meanwhile is recorded like one a batch found; its
   * event id derives from the stored level it leaves and when that was reached, so a refresh
   * repeated after a failure records it once.
   */
  async refresh(): Promise<number> {
    const deadline = Date.now() + WAIT_FOR_PROJECTIONS_MS;
    // (a backstop: a runner that stops or fails ends its batch's turn through its signal)
    while (this.batchOpen && Date.now() < deadline) {
      await Promise.race([this.batchOpen.committed, sleep(deadline - Date.now())]);
    }
    const refreshed = this.refreshAll();
    this.refreshing = refreshed.catch(() => undefined);
    try {
      return await refreshed;
    } finally {
      this.refreshing = undefined;
    }
  }

  /**
   * The runner calls it once a batch committed. Batches and refreshes each read the stored
   * levels, record the crossings they find and store their statuses; one at a time, or both
   * could record a crossing from the same stored level.
   */
  batchCommitted(): void {
    this.batchOpen?.release();
    this.batchOpen = undefined;
  }

  /**
   * Opens this batch's turn, once any refresh in progress is done. It ends when the batch
   * commits, or when the runner stops (shutdown, a failure, the projection lost): that batch
   * will not commit, and a refresh waiting for it goes on.
   */
  private async batchTurn(stopping: AbortSignal): Promise<void> {
    this.batchCommitted(); // a batch whose transaction failed is being tried again
    while (this.refreshing) await this.refreshing;
    stopping.throwIfAborted(); // stopped meanwhile: the batch is done again by the next runner
    let resolve!: () => void;
    const committed = new Promise<void>((done) => (resolve = done));
    const turn = {
      committed,
      release: () => {
        stopping.removeEventListener('abort', endTurn);
        resolve();
      },
    };
    const endTurn = () => {
      if (this.batchOpen === turn) this.batchCommitted();
    };
    stopping.addEventListener('abort', endTurn);
    this.batchOpen = turn;
  }

  private async refreshAll(): Promise<number> {
    const hospitals = await this.network.allFacilities({ kind: 'hospital', active: true });
    const computed = await this.supply.forHospitals(hospitals, new Date());
    const known = await this.knownLevels(computed);
    const statuses = computed.filter((s) => !overtaken(s, known.get(s.facilityId)));
    for (const status of statuses.filter((s) => known.get(s.facilityId)?.level !== s.level)) {
      const from = known.get(status.facilityId);
      await this.record(status, from?.level ?? null, {
        id: deterministicId(
          'supply-level-refresh',
          status.facilityId,
          `${from?.level ?? 'none'}@${from?.changedAt.toISOString() ?? 'never'}`,
        ),
        at: status.computedAt,
      });
    }
    await this.dataSource.transaction((transaction) => storeStatuses(transaction, statuses));
    return statuses.length;
  }

  // this projection has one owner at a time, so the levels read here are its own
  private async knownLevels(statuses: HospitalSupply[]) {
    const rows = (await this.dataSource.query(
      `SELECT facility_id, level, changed_at, computed_at FROM app.supply_levels
       WHERE facility_id = ANY($1)`,
      [statuses.map((s) => s.facilityId)],
    )) as { facility_id: string; level: SupplyLevel; changed_at: Date; computed_at: Date | null }[];
    return new Map<string, KnownLevel>(
      rows.map((row) => [
        row.facility_id,
        { level: row.level, changedAt: row.changed_at, computedAt: row.computed_at },
      ]),
    );
  }

  private async record(
    status: HospitalSupply,
    from: SupplyLevel | null,
    cause: { id: string; at: string; causationId?: string; correlationId?: string },
  ) {
    const event: SupplyLevelChanged = {
      type: 'SupplyLevelChanged',
      version: 1,
      data: {
        facilityId: status.facilityId,
        from,
        to: status.level,
        daysOfSupply: status.daysOfSupply,
        needLitresPerDay: status.needLitresPerDay,
        onHandLitres: status.onHandLitres,
        at: cause.at,
      },
    };
    try {
      await this.store.appendToStream(
        hospitalSupplyStreamName(status.facilityId),
        [
          {
            id: cause.id,
            type: event.type,
            data: event.data,
            metadata: {
              schemaVersion: event.version,
              ...(cause.causationId && { causationId: cause.causationId }),
              // the request (or trip) behind the cause: followed into the planner's logs
              ...(cause.correlationId && { correlationId: cause.correlationId }),
            },
          },
        ],
        'any',
      );
      this.logger.log({
        msg: `${status.facilityId}: supply ${from ?? 'unknown'} → ${status.level}`,
        correlationId: cause.correlationId,
      });
    } catch (error) {
      // recorded by an earlier run of this batch, with the figures of that moment
      if (!(error instanceof EventIdConflictError)) throw error;
    }
  }

  /** Hospitals named by the events, or where the cylinders they moved are now. */
  private async hospitalsTouched(events: RecordedEvent[]) {
    const ids = new Set<string>();
    const serials: string[] = [];
    for (const event of events) {
      const data = event.data as { facilityId?: unknown; serial?: unknown };
      if (typeof data.facilityId === 'string') ids.add(data.facilityId);
      else if (typeof data.serial === 'string') serials.push(data.serial);
    }
    if (serials.length > 0) {
      const rows = (await this.dataSource.query(
        'SELECT DISTINCT facility_id FROM app.cylinder_states WHERE serial = ANY($1) AND facility_id IS NOT NULL',
        [serials],
      )) as { facility_id: string }[];
      for (const row of rows) ids.add(row.facility_id);
    }
    const facilities = await Promise.all([...ids].map((id) => this.network.findFacility(id)));
    return facilities.filter((facility) => facility?.kind === 'hospital').map((f) => f!);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

interface KnownLevel {
  level: SupplyLevel;
  changedAt: Date;
  computedAt: Date | null;
}

/** A later computation (a refresh, or another batch) stored its status meanwhile. */
function overtaken(status: HospitalSupply, known: KnownLevel | undefined): boolean {
  return !!known?.computedAt && known.computedAt.getTime() > Date.parse(status.computedAt);
}

/**
 * Stores each status with its level. `computed_at` orders the writes of batches and refreshes,
 * which compute outside the transaction: a status computed earlier never replaces a later one.
 */
async function storeStatuses(manager: EntityManager, statuses: HospitalSupply[]): Promise<void> {
  if (statuses.length === 0) return;
  await manager.query(
    `INSERT INTO app.supply_levels AS l
       (facility_id, level, days_of_supply, changed_at, checked_at, status, computed_at)
     SELECT r.facility_id, r.status->>'level', (r.status->>'daysOfSupply')::float8, now(), now(),
            r.status, (r.status->>'computedAt')::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS r(facility_id text, status jsonb)
     ON CONFLICT (facility_id) DO UPDATE SET level = EXCLUDED.level,
       days_of_supply = EXCLUDED.days_of_supply, checked_at = now(),
       changed_at = CASE WHEN l.level = EXCLUDED.level THEN l.changed_at ELSE now() END,
       status = EXCLUDED.status, computed_at = EXCLUDED.computed_at
     WHERE l.computed_at IS NULL OR l.computed_at <= EXCLUDED.computed_at`,
    [JSON.stringify(statuses.map((status) => ({ facility_id: status.facilityId, status })))],
  );
}

/** Runs the supply levels projection in this process (standing by while another owns it). */
@Injectable()
export class SupplyLevelWatcher implements OnApplicationShutdown {
  private worker?: ProjectionWorker;
  private projection?: SupplyLevelsProjection;
  private refreshes?: NodeJS.Timeout;
  private refreshing?: Promise<void>;
  private lastRefreshAt?: number;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly network: NetworkService,
    private readonly supply: HospitalSupplyReader,
  ) {}

  async start(): Promise<void> {
    const logger = new Logger('SupplyLevels');
    this.refreshes ??= setInterval(
      () => void this.refreshIfDue(logger),
      Math.min(REFRESH_CHECK_MS, this.config.supplyRefreshSeconds * 1000),
    );
    this.refreshes.unref();
    this.worker ??= new ProjectionWorker(
      this.store,
      this.dataSource,
      (this.projection = new SupplyLevelsProjection(
        this.store,
        this.dataSource,
        this.network,
        this.supply,
      )),
      {
        databaseUrl: this.config.databaseUrl,
        log: (message) => logger.log(message),
        onApplied: () => this.projection?.batchCommitted(),
      },
    );
    this.worker.start();
  }

  /** Resolves once every event up to `position` has been checked. */
  async caughtUpTo(position: Position, timeoutMs = 30_000): Promise<void> {
    if (!this.worker) throw new Error('The supply level watcher is not started');
    const runner = await this.worker.running(timeoutMs);
    await runner.caughtUpTo(position, timeoutMs);
  }

  /**
   * The owner refreshes every hospital when it takes the projection over (so a new deployment
   * fills the table at once) and every `SUPPLY_REFRESH_SECONDS` after that.
   */
  private async refreshIfDue(logger: Logger): Promise<void> {
    if (this.worker?.state !== 'running') {
      this.lastRefreshAt = undefined;
      return;
    }
    const due = (this.lastRefreshAt ?? 0) + this.config.supplyRefreshSeconds * 1000;
    if (this.refreshing || Date.now() < due) return;
    this.lastRefreshAt = Date.now();
    this.refreshing = this.projection!.refresh()
      .then((hospitals) => logger.debug?.(`supply of ${hospitals} hospitals refreshed`))
      .catch((error) => logger.warn(`supply refresh failed, retried next time: ${String(error)}`))
      .finally(() => (this.refreshing = undefined));
    await this.refreshing;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.refreshes) clearInterval(this.refreshes);
    // a refresh waiting for a batch goes on when the batch commits or its runner stops
    await this.refreshing;
    await this.worker?.stop();
  }
}
